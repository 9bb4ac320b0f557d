// The whole UI state: one type made of the slices. Later slices (trace, playback,
// selection) are added here and in create-app-store.ts.

import type { ScenarioSlice } from './scenario-slice';

export type AppState = ScenarioSlice;

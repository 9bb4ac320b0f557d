// The whole UI state: one type made of the slices (combined in create-app-store.ts).

import type { PlaybackSlice } from './playback-slice';
import type { ScenarioSlice } from './scenario-slice';
import type { SelectionSlice } from './selection-slice';
import type { TraceSlice } from './trace-slice';

export type AppState = ScenarioSlice & SelectionSlice & TraceSlice & PlaybackSlice;

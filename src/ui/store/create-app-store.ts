// One store per app instance, built from slices with immer applied once, here.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { immer } from 'zustand/middleware/immer';
import { loadScenario } from '../../engine';
import type { AppState } from './app-state';
import { createScenarioSlice, type ScenarioDeps } from './scenario-slice';

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  readonly catalogue: ScenarioDeps['catalogue'];
  readonly initialId: string;
  readonly load?: ScenarioDeps['load'];
  readonly seed?: number;
}

export function createAppStore(options: AppStoreOptions): AppStore {
  const load = options.load ?? ((sources) => loadScenario(sources, { seed: options.seed ?? 1 }));
  const deps: ScenarioDeps = { catalogue: options.catalogue, initialId: options.initialId, load };
  return createStore<AppState>()(immer((...a) => ({
    ...createScenarioSlice(deps)(...a),
  })));
}

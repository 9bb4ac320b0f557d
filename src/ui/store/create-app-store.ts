// One store per app instance, built from slices with immer applied once, here. A new
// scenario resets the probe and the trace; a reloaded cluster (an edit) re-runs a sent trace.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { immer } from 'zustand/middleware/immer';
import { loadScenario } from '../../engine';
import { cniBlocker } from '../trace/cni';
import type { AppState } from './app-state';
import { createPlaybackSlice } from './playback-slice';
import { createScenarioSlice, type ScenarioDeps } from './scenario-slice';
import { createSelectionSlice, initialSelection } from './selection-slice';
import { createTraceSlice } from './trace-slice';

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  readonly catalogue: ScenarioDeps['catalogue'];
  readonly initialId: string;
  readonly load?: ScenarioDeps['load'];
  readonly seed?: number;
  /** Animate sent traces (off for `?animate=0` and prefers-reduced-motion). */
  readonly animate?: boolean;
}

export function createAppStore(options: AppStoreOptions): AppStore {
  const load = options.load ?? ((sources) => loadScenario(sources, { seed: options.seed ?? 1 }));
  const deps: ScenarioDeps = { catalogue: options.catalogue, initialId: options.initialId, load };
  const store = createStore<AppState>()(immer((set, get, api) => {
    const scenario = createScenarioSlice(deps)(set, get, api);
    const info = deps.catalogue.find((c) => c.id === scenario.scenario.id);
    const afterLoad = (reset: boolean) => {
      const s = get();
      if (reset) {
        const selection = initialSelection(s.scenario.cluster, s.catalogue.find((c) => c.id === s.scenario.id));
        get().clearTrace();
        set((d) => {
          d.selection = selection;
        });
      } else {
        // An edit can make the CNI what-if impossible (pod IPs that model cannot route).
        const cni = s.selection.cni;
        if (cni && s.scenario.cluster && cniBlocker(s.scenario.cluster, cni) !== null) set((d) => { delete d.selection.cni; });
        get().resend();
      }
    };
    return {
      ...scenario,
      ...createSelectionSlice(initialSelection(scenario.scenario.cluster, info))(set, get, api),
      ...createTraceSlice(set, get, api),
      ...createPlaybackSlice(options.animate ?? true)(set, get, api),
      selectScenario: (id) => {
        if (!get().catalogue.some((c) => c.id === id)) return;
        scenario.selectScenario(id);
        afterLoad(true);
      },
      applyText: () => {
        const before = get().scenario.cluster;
        scenario.applyText();
        if (get().scenario.cluster !== before) afterLoad(false);
      },
      revertText: () => {
        const before = get().scenario.cluster;
        scenario.revertText();
        if (get().scenario.cluster !== before) afterLoad(false);
      },
    };
  }));
  return store;
}

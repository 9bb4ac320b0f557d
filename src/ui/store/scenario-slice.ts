// The scenario slice: which built-in scenario the text started from, the editor's text, the
// engine's verdict on the last text loaded, and the last good cluster. A text with errors
// never replaces the cluster on screen: the last good one stays until the text is fixed.

import type { StateCreator } from 'zustand';
import type { ClusterModel, DocumentReport, LoadResult, SourceText } from '../../engine';
import type { ScenarioInfo } from '../../scenarios';
import type { AppState } from './app-state';

/** The engine's loader, injected so tests and hosts can pass their own. */
export type ScenarioLoader = (sources: readonly SourceText[]) => LoadResult;

export interface ScenarioDeps {
  readonly catalogue: readonly ScenarioInfo[];
  readonly load: ScenarioLoader;
  readonly initialId: string;
}

export interface ScenarioState {
  /** The built-in scenario the text started from. */
  id: string;
  /** The editor's text; may be ahead of what was last loaded. */
  text: string;
  /** The text the documents and loadError below are the verdict on. */
  loadedText: string;
  documents: DocumentReport[];
  /** The engine threw on loadedText (a bug or an input it cannot take): its message. */
  loadError: string | null;
  /** The last good cluster, and the text it came from. */
  cluster: ClusterModel | null;
  clusterText: string | null;
}

export interface ScenarioSlice {
  scenario: ScenarioState;
  catalogue: readonly ScenarioInfo[];
  /** Shows a built-in scenario, discarding edits. Unknown IDs are ignored. */
  selectScenario: (id: string) => void;
  /** The editor's text changed; nothing is loaded until applyText. */
  editText: (text: string) => void;
  /** Loads the editor's text. */
  applyText: () => void;
  /** Puts back the built-in text of the current scenario. */
  revertText: () => void;
}

export type ScenarioSliceCreator = StateCreator<AppState, [['zustand/immer', never]], [], ScenarioSlice>;

interface Verdict {
  documents: DocumentReport[];
  loadError: string | null;
  cluster: ClusterModel | null;
}

/** Runs the loader, turning a throw into a verdict so the UI never goes blank. */
export function runLoad(load: ScenarioLoader, name: string, text: string): Verdict {
  try {
    const { cluster, documents } = load([{ name, text }]);
    return { documents, loadError: null, cluster };
  } catch (e) {
    return { documents: [], loadError: e instanceof Error ? e.message : String(e), cluster: null };
  }
}

/**
 * A load replaces the cluster on screen when every document is valid. With no good cluster
 * yet, a partial one (some valid documents) is better than none.
 */
export function isGoodLoad(v: Verdict, haveCluster: boolean): boolean {
  if (v.loadError !== null || v.cluster === null) return false;
  const valid = v.documents.filter((d) => d.valid).length;
  return valid === v.documents.length || (!haveCluster && valid > 0);
}

function loadInto(s: ScenarioState, load: ScenarioLoader, text: string): void {
  const v = runLoad(load, `${s.id}.yaml`, text);
  s.loadedText = text;
  s.documents = v.documents;
  s.loadError = v.loadError;
  if (isGoodLoad(v, s.cluster !== null)) {
    s.cluster = v.cluster;
    s.clusterText = text;
  }
}

function initialState(deps: ScenarioDeps): ScenarioState {
  const info = deps.catalogue.find((c) => c.id === deps.initialId) ?? deps.catalogue[0];
  const s: ScenarioState = {
    id: info?.id ?? '', text: '', loadedText: '', documents: [], loadError: null, cluster: null, clusterText: null,
  };
  if (info) {
    s.text = info.yaml;
    loadInto(s, deps.load, info.yaml);
  }
  return s;
}

export const createScenarioSlice = (deps: ScenarioDeps): ScenarioSliceCreator => (set) => ({
  scenario: initialState(deps),
  catalogue: deps.catalogue,
  selectScenario: (id) => set((state) => {
    const info = state.catalogue.find((c) => c.id === id);
    if (!info) return;
    state.scenario.id = id;
    state.scenario.text = info.yaml;
    // A different scenario: the previous one's cluster is no fallback for this one.
    state.scenario.cluster = null;
    state.scenario.clusterText = null;
    loadInto(state.scenario, deps.load, info.yaml);
  }),
  editText: (text) => set((state) => {
    state.scenario.text = text;
  }),
  applyText: () => set((state) => {
    if (state.scenario.text === state.scenario.loadedText) return;
    loadInto(state.scenario, deps.load, state.scenario.text);
  }),
  revertText: () => set((state) => {
    const info = state.catalogue.find((c) => c.id === state.scenario.id);
    if (!info) return;
    state.scenario.text = info.yaml;
    loadInto(state.scenario, deps.load, info.yaml);
  }),
});

// Selector constants. Derived values live here, never in the store; the ones that build new
// arrays are memoised on their input so a component sees a stable value between changes.

import { renderFieldError, type ClusterModel, type DocumentReport } from '../../engine';
import type { ScenarioInfo } from '../../scenarios';
import { nodeRows, podRows, serviceRows, sliceRows } from '../format/cluster-rows';
import type { AppState } from './app-state';

/** Remembers the last input and output of a one-argument function. */
export function memoizeLast<A, R>(fn: (a: A) => R): (a: A) => R {
  let last: { a: A; r: R } | null = null;
  return (a) => {
    if (last === null || !Object.is(last.a, a)) last = { a, r: fn(a) };
    return last.r;
  };
}

const EMPTY: never[] = [];
const onCluster = <R>(fn: (c: ClusterModel) => R[]) => {
  const memo = memoizeLast((c: ClusterModel | null) => (c ? fn(c) : (EMPTY as R[])));
  return (s: AppState) => memo(s.scenario.cluster);
};

export const selectCatalogue = (s: AppState) => s.catalogue;
export const selectScenarioId = (s: AppState) => s.scenario.id;
export const selectText = (s: AppState) => s.scenario.text;
export const selectCluster = (s: AppState) => s.scenario.cluster;
export const selectDocuments = (s: AppState) => s.scenario.documents;
export const selectLoadError = (s: AppState) => s.scenario.loadError;

export const selectSelectScenario = (s: AppState) => s.selectScenario;
export const selectEditText = (s: AppState) => s.editText;
export const selectApplyText = (s: AppState) => s.applyText;
export const selectRevertText = (s: AppState) => s.revertText;

export const selectScenarioInfo = (s: AppState): ScenarioInfo | undefined => s.catalogue.find((c) => c.id === s.scenario.id);

/** The text differs from the built-in scenario's. */
export const selectIsEdited = (s: AppState) => selectScenarioInfo(s)?.yaml !== s.scenario.text;
/** The editor holds text not loaded yet (the debounce is running). */
export const selectIsPending = (s: AppState) => s.scenario.text !== s.scenario.loadedText;
/** The cluster on screen is not the one the loaded text describes. */
export const selectIsStale = (s: AppState) => s.scenario.cluster !== null && s.scenario.clusterText !== s.scenario.loadedText;

export const selectNodeRows = onCluster(nodeRows);
export const selectPodRows = onCluster(podRows);
export const selectServiceRows = onCluster(serviceRows);
export const selectSliceRows = onCluster(sliceRows);

export interface Problem {
  key: string;
  /** 0-based document index, as the engine reports it. */
  index: number;
  line: number;
  /** `Service default/web`, or `document 3` when the kind is unknown. */
  subject: string;
  text: string;
}

const subjectOf = (d: DocumentReport): string => {
  if (!d.kind) return `document ${d.index}`;
  const name = d.name ? ` ${d.namespace ? `${d.namespace}/` : ''}${d.name}` : '';
  return `${d.kind}${name}`;
};

const toProblems = (docs: DocumentReport[], pick: (d: DocumentReport) => string[]): Problem[] =>
  docs.flatMap((d) => pick(d).map((text, i) => ({ key: `${d.index}:${i}`, index: d.index, line: d.line, subject: subjectOf(d), text })));

const errorsOf = memoizeLast((docs: DocumentReport[]) => toProblems(docs, (d) => d.errors.map(renderFieldError)));
const warningsOf = memoizeLast((docs: DocumentReport[]) => toProblems(docs, (d) => d.warnings));

export const selectErrors = (s: AppState) => errorsOf(s.scenario.documents);
export const selectWarnings = (s: AppState) => warningsOf(s.scenario.documents);

/** Lines (1-based) where a document with errors starts, for the editor's gutter. */
const errorLinesOf = memoizeLast((docs: DocumentReport[]) => docs.filter((d) => !d.valid).map((d) => d.line));
export const selectErrorLines = (s: AppState) => errorLinesOf(s.scenario.documents);

/** The cluster's settings shown under the title. */
export const selectClusterFacts = (s: AppState) => clusterFacts(s.scenario.cluster);
const clusterFacts = memoizeLast((c: ClusterModel | null) => (c === null ? EMPTY as { term: string; value: string }[] : [
  { term: 'kube-proxy', value: c.proxy.mode },
  { term: 'CNI', value: c.spec.cni.model },
  { term: 'Cloud', value: c.spec.cloud.provider },
  { term: 'Service CIDR', value: c.spec.serviceCIDRs.join(', ') },
  { term: 'Pod CIDR', value: c.spec.podCIDRs.join(', ') },
]));

// Selector constants for the selection, trace and playback slices. Everything derived (the
// cluster with the what-if applied, the options, the current hop, what changed) is computed
// here from the stored facts, memoised on its inputs.

import { withNeededClusterDNS, type ClusterModel, type Hop, type TraceOutcome, type Verdict } from '../../engine';
import { destinationOptions, serviceForDestination, sourceOptions, type ProbeOption } from '../trace/probe-options';
import { applyWhatIf, type WhatIf } from '../trace/what-if';
import { serviceForName } from '../trace/inspect-views';
import { CNI_MODELS, cniBlocker, withCni, type CNIModel } from '../trace/cni';
import type { ConnectionSummary } from '../trace/run-probe';
import type { AppState } from './app-state';
import type { SelectionState } from './selection-slice';
import { memoizeLast, selectScenarioInfo } from './selectors';

/** Remembers the last inputs and output of a two-argument function. */
export function memoizeLast2<A, B, R>(fn: (a: A, b: B) => R): (a: A, b: B) => R {
  let last: { a: A; b: B; r: R } | null = null;
  return (a, b) => {
    if (last === null || !Object.is(last.a, a) || !Object.is(last.b, b)) last = { a, b, r: fn(a, b) };
    return last.r;
  };
}

const EMPTY_HOPS: readonly Hop[] = [];
const EMPTY_HISTORY: readonly ConnectionSummary[] = [];
const EMPTY_OPTIONS: readonly ProbeOption[] = [];

export const selectSelection = (s: AppState) => s.selection;
export const selectFrom = (s: AppState) => s.selection.from;
export const selectTo = (s: AppState) => s.selection.to;
export const selectSeed = (s: AppState) => s.selection.seed;
export const selectWhatIf = (s: AppState) => s.selection.whatIf;
export const selectPlayback = (s: AppState) => s.playback;
export const selectCursor = (s: AppState) => s.playback.cursor;
export const selectPlaying = (s: AppState) => s.playback.playing;
export const selectSpeed = (s: AppState) => s.playback.speed;
export const selectAnimate = (s: AppState) => s.playback.animate;
export const selectSent = (s: AppState) => s.trace.sent;
export const selectPrevious = (s: AppState) => s.trace.previous;

export const selectSetFrom = (s: AppState) => s.setFrom;
export const selectSetTo = (s: AppState) => s.setTo;
export const selectSetSeed = (s: AppState) => s.setSeed;
export const selectSetToggle = (s: AppState) => s.setToggle;
export const selectSend = (s: AppState) => s.send;

const withServices = memoizeLast2((c: ClusterModel | null, w: WhatIf) => (c ? applyWhatIf(c, w) : null));
const withModel = memoizeLast2((c: ClusterModel | null, m: CNIModel | undefined) => (c ? withCni(c, m) : null));
/** The loaded cluster with the what-if edits applied: the one packets are sent through. */
export const selectEffectiveCluster = (s: AppState) => withModel(withServices(s.scenario.cluster, s.selection.whatIf), s.selection.cni);
const drawn = memoizeLast((c: ClusterModel | null) => (c ? withNeededClusterDNS(c) : null));
/** The cluster the topology draws: the effective one, with the cluster DNS a trace to a name would use. */
export const selectTopologyCluster = (s: AppState) => drawn(selectEffectiveCluster(s));
export const selectCni = (s: AppState) => s.selection.cni;
const blockersOf = memoizeLast((c: ClusterModel | null) =>
  (c ? CNI_MODELS.flatMap((m) => { const why = cniBlocker(c, m); return why ? [[m, why] as const] : []; }) : []));
/** The CNI models that cannot carry the loaded cluster's pods, each with why. */
export const selectCniBlockers = (s: AppState) => blockersOf(s.scenario.cluster);
export const selectSetCni = (s: AppState) => s.setCni;
export const selectConnections = (s: AppState) => s.trace.connections;
export const selectHistory = (s: AppState) => (s.trace.result?.ok ? s.trace.result.history : EMPTY_HISTORY);
export const selectRunState = (s: AppState) => (s.trace.result?.ok ? s.trace.result.state : null);
export const selectClearTrace = (s: AppState) => s.clearTrace;

const fromOptions = memoizeLast((c: ClusterModel | null) => (c ? sourceOptions(c) : EMPTY_OPTIONS));
export const selectFromOptions = (s: AppState) => fromOptions(s.scenario.cluster);

const toOptions = memoizeLast2((c: ClusterModel | null, extra: string) =>
  (c ? destinationOptions(c, extra.split('\n').filter(Boolean)) : EMPTY_OPTIONS));
/** Service addresses, then the scenario's probes and the selection if they are something else. */
export const selectToOptions = (s: AppState) => toOptions(
  s.scenario.cluster,
  [...(selectScenarioInfo(s)?.probes.map((p) => p.to) ?? []), s.selection.to].join('\n'),
);

/** The Service the destination belongs to, as the what-if shows it. */
// Resolving a name runs the From pod's resolver, so it is remembered for the last inputs.
const targetService = memoizeLast2((c: ClusterModel, { from, to }: SelectionState) =>
  serviceForDestination(c, to) ?? serviceForName(c, from, to));

/** The Service the destination addresses, directly or by a DNS name the From pod resolves. */
export const selectTargetService = (s: AppState) => {
  const c = selectEffectiveCluster(s);
  return c ? targetService(c, s.selection) : undefined;
};

export const selectTraceError = (s: AppState) => (s.trace.result && !s.trace.result.ok ? s.trace.result.error : null);
export const selectOutcome = (s: AppState): TraceOutcome | null => (s.trace.result?.ok ? s.trace.result.outcome : null);
export const selectHops = (s: AppState): readonly Hop[] => selectOutcome(s)?.hops ?? EMPTY_HOPS;
export const selectHopCount = (s: AppState) => selectHops(s).length;
export const selectCurrentHop = (s: AppState): Hop | undefined => selectHops(s)[s.playback.cursor];
export const selectPreviousHop = (s: AppState): Hop | undefined => selectHops(s)[s.playback.cursor - 1];
export const selectVerdict = (s: AppState): Verdict | null => selectOutcome(s)?.verdict ?? null;
export const selectSourceSeen = (s: AppState): string | null => selectOutcome(s)?.sourceSeenByDestination ?? null;

/** The node whose rules matter at the cursor: the current hop's, else the last node before it. */
export const selectRulesNode = (s: AppState): string | null => {
  const hops = selectHops(s);
  for (let i = Math.min(s.playback.cursor, hops.length - 1); i >= 0; i--) {
    if (hops[i]!.host.startsWith('node/')) return hops[i]!.host;
  }
  return hops.find((h) => h.host.startsWith('node/'))?.host ?? null;
};

/** The hosts the trace passes through (for the topology's trail). */
const visited = memoizeLast((hops: readonly Hop[]) => [...new Set(hops.map((h) => h.host))]);
export const selectVisitedHosts = (s: AppState) => visited(selectHops(s));

// Sends packets with the engine: plan the probe on the cluster, then one seeded pick at every
// random choice. A run is several connections of one probe in a row: each starts from the
// kernel state (conntrack, xt_recent) the previous one left, as on a real cluster, so
// sessionAffinity sticks and load balancing spreads. Connection i of a run with seed N is
// picked with seed N + i: one seed for all would make every connection pick alike. The
// engine's outcomes are kept whole.

import {
  createTraceContext, planTrace, traceSeeded, type ClusterModel, type SimState, type TraceContext, type TraceOutcome, type Verdict,
} from '../../engine';

export interface Probe {
  readonly from: string;
  readonly to: string;
  readonly seed: number;
}

/** One connection of a run, in brief. */
export interface ConnectionSummary {
  readonly verdict: Verdict;
  readonly deliveredTo: string | null;
  readonly sourceSeen: string | null;
}

export type ProbeResult =
  | {
    readonly ok: true;
    /** The last connection's outcome: the one on screen. */
    readonly outcome: TraceOutcome;
    readonly history: readonly ConnectionSummary[];
    /** The kernel state after the last connection. */
    readonly state: SimState;
  }
  | { readonly ok: false; readonly error: string };

// A context parses every node's ruleset: build it once per cluster object.
const contexts = new WeakMap<ClusterModel, TraceContext>();

function contextOf(cluster: ClusterModel): TraceContext {
  let ctx = contexts.get(cluster);
  if (!ctx) {
    ctx = createTraceContext(cluster);
    contexts.set(cluster, ctx);
  }
  return ctx;
}

/** Where a run left off, to send its next connection without replaying the earlier ones. */
export interface RunSoFar {
  readonly history: readonly ConnectionSummary[];
  readonly state: SimState;
}

/** `connections` connections of the probe in a row, from a freshly booted cluster or from `soFar`. */
export function runProbe(cluster: ClusterModel, probe: Probe, connections = 1, soFar?: RunSoFar): ProbeResult {
  try {
    const ctx = contextOf(cluster);
    const plan = planTrace(ctx, { from: probe.from, to: probe.to });
    if (!plan.ok) return { ok: false, error: plan.error };
    let state: SimState | undefined = soFar?.state;
    let outcome: TraceOutcome | undefined;
    const history: ConnectionSummary[] = [...(soFar?.history ?? [])];
    for (let connection = history.length; connection < Math.max(1, connections); connection++) {
      const r = traceSeeded(ctx, plan.value, { seed: probe.seed + connection, connection, ...(state && { state }) });
      outcome = r.outcomes[0];
      if (!outcome) return { ok: false, error: 'the engine returned no outcome' };
      state = r.state;
      history.push({ verdict: outcome.verdict, deliveredTo: outcome.deliveredTo, sourceSeen: outcome.sourceSeenByDestination });
    }
    return { ok: true, outcome: outcome!, history, state: state! };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

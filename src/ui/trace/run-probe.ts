// Sends one packet with the engine: plan the probe on the cluster, then one seeded pick at
// every random choice, from a freshly booted cluster. The engine's outcome is kept whole.

import { createTraceContext, planTrace, traceSeeded, type ClusterModel, type TraceContext, type TraceOutcome } from '../../engine';

export interface Probe {
  readonly from: string;
  readonly to: string;
  readonly seed: number;
}

export type ProbeResult =
  | { readonly ok: true; readonly outcome: TraceOutcome }
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

export function runProbe(cluster: ClusterModel, probe: Probe): ProbeResult {
  try {
    const ctx = contextOf(cluster);
    const plan = planTrace(ctx, { from: probe.from, to: probe.to });
    if (!plan.ok) return { ok: false, error: plan.error };
    const outcome = traceSeeded(ctx, plan.value, { seed: probe.seed }).outcomes[0];
    return outcome ? { ok: true, outcome } : { ok: false, error: 'the engine returned no outcome' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

// What the engine answers for a probe, computed in the test (never copied numbers): the page
// must show the same verdict, source IP and hops.

import {
  createTraceContext, loadScenario, planTrace, renderHop, traceSeeded, type ClusterModel, type SimState, type TraceOutcome,
} from '../src/engine';
import { applyWhatIf, type ServiceOverrides } from '../src/ui/trace/what-if';
import { withCni, type CNIModel } from '../src/ui/trace/cni';
import { scenario } from './expected';

/** The scenario's cluster as the engine loads it. */
export const loadedCluster = (id: string, text = scenario(id).yaml) => loadScenario([{ name: `${id}.yaml`, text }], { seed: 1 }).cluster;

export interface ExpectedTrace {
  outcome: TraceOutcome;
  lines: string[];
}

/** The engine's trace of a probe, on the scenario with the what-if edits and, if given, another CNI model (as the page applies them). */
export function expectedTrace(
  id: string, probe: { from: string; to: string }, seed = 1, whatIf: Record<string, ServiceOverrides> = {}, cni?: CNIModel,
): ExpectedTrace {
  return expectedTraceIn(withCni(applyWhatIf(loadedCluster(id), whatIf), cni), probe, seed);
}

/** The engine's trace of a probe in a cluster loaded from any text (a scenario edited by hand). */
export function expectedTraceIn(cluster: ClusterModel, probe: { from: string; to: string }, seed = 1): ExpectedTrace {
  const ctx = createTraceContext(cluster);
  const plan = planTrace(ctx, probe);
  if (!plan.ok) throw new Error(`${probe.from} -> ${probe.to}: ${plan.error}`);
  const outcome = traceSeeded(ctx, plan.value, { seed }).outcomes[0]!;
  return { outcome, lines: outcome.hops.map(renderHop) };
}

/**
 * `n` connections of a probe in a row, each from the state the last left, connection i
 * picked with seed + i (as the page sends them): where each was delivered, and the last.
 */
export function expectedRun(id: string, probe: { from: string; to: string }, n: number, seed = 1, cluster = loadedCluster(id)): { deliveredTo: (string | null)[]; last: ExpectedTrace } {
  const ctx = createTraceContext(cluster);
  const plan = planTrace(ctx, probe);
  if (!plan.ok) throw new Error(`${id}: ${plan.error}`);
  let state: SimState | undefined;
  const deliveredTo: (string | null)[] = [];
  let outcome: TraceOutcome | undefined;
  for (let connection = 0; connection < n; connection++) {
    const r = traceSeeded(ctx, plan.value, { seed: seed + connection, connection, ...(state && { state }) });
    outcome = r.outcomes[0]!;
    state = r.state;
    deliveredTo.push(outcome.deliveredTo);
  }
  return { deliveredTo, last: { outcome: outcome!, lines: outcome!.hops.map(renderHop) } };
}

/** The scenario's first probe: the packet the page offers first. */
export const defaultProbe = (id: string) => scenario(id).probes[0]!;

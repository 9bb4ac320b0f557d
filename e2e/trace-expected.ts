// What the engine answers for a probe, computed in the test (never copied numbers): the page
// must show the same verdict, source IP and hops.

import { createTraceContext, loadScenario, planTrace, renderHop, traceSeeded, type SimState, type TraceOutcome } from '../src/engine';
import { applyWhatIf, type ServiceOverrides } from '../src/ui/trace/what-if';
import { scenario } from './expected';

export interface ExpectedTrace {
  outcome: TraceOutcome;
  lines: string[];
}

export function expectedTrace(id: string, probe: { from: string; to: string }, seed = 1, whatIf: Record<string, ServiceOverrides> = {}): ExpectedTrace {
  const { cluster } = loadScenario([{ name: `${id}.yaml`, text: scenario(id).yaml }], { seed: 1 });
  const ctx = createTraceContext(applyWhatIf(cluster, whatIf));
  const plan = planTrace(ctx, probe);
  if (!plan.ok) throw new Error(`${id}: ${plan.error}`);
  const outcome = traceSeeded(ctx, plan.value, { seed }).outcomes[0]!;
  return { outcome, lines: outcome.hops.map(renderHop) };
}

/**
 * `n` connections of a probe in a row, each from the state the last left, connection i
 * picked with seed + i (as the page sends them): where each was delivered, and the last.
 */
export function expectedRun(id: string, probe: { from: string; to: string }, n: number, seed = 1, cluster = loadScenario([{ name: `${id}.yaml`, text: scenario(id).yaml }], { seed: 1 }).cluster): { deliveredTo: (string | null)[]; last: ExpectedTrace } {
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

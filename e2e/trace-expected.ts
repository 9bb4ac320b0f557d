// What the engine answers for a probe, computed in the test (never copied numbers): the page
// must show the same verdict, source IP and hops.

import { createTraceContext, loadScenario, planTrace, renderHop, traceSeeded, type TraceOutcome } from '../src/engine';
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

/** The scenario's first probe: the packet the page offers first. */
export const defaultProbe = (id: string) => scenario(id).probes[0]!;

// Goldens for every built-in scenario: each node's ruleset (the restore input kube-proxy
// would feed iptables-restore) and every outcome of each probe the scenario lists, round
// trip included. Regenerate with `npx vitest run tests/golden.test.ts -u` and review the diff.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createTraceContext, loadScenario, planTrace, renderOutcome, rulesForNode, traceAll, traceSeeded, withNeededClusterDNS,
  type TraceOutcome,
} from '../src/engine';
import { describeScenario } from '../src/scenarios';

const dir = join(__dirname, '../src/scenarios');
const scenarios = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => describeScenario(f.replace(/\.yaml$/, ''), readFileSync(join(dir, f), 'utf8')));

function load(yaml: string, seed = 1) {
  return loadScenario([{ name: 'scenario.yaml', text: yaml }], { seed });
}

function traces(yaml: string, seed: number, all: boolean): string {
  const ctx = createTraceContext(load(yaml).cluster);
  const info = describeScenario('x', yaml);
  return info.probes.map((probe) => {
    const plan = planTrace(ctx, probe);
    if (!plan.ok) return `## ${probe.from} -> ${probe.to}\nerror: ${plan.error}`;
    const result = all ? traceAll(ctx, plan.value, { seed }) : traceSeeded(ctx, plan.value, { seed });
    return `## ${probe.from} -> ${probe.to}\n${result.outcomes.map(renderOutcome).join('\n\n')}`;
  }).join('\n\n');
}

/** What `--all` must agree on whatever the seed: the outcomes, not the ports picked. */
const outcomeSet = (outcomes: readonly TraceOutcome[]) =>
  outcomes.map((o) => [o.probability.toFixed(9), o.verdict, o.deliveredTo, o.sourceSeenByDestination, o.dnat, o.snat, o.masqueraded].join(' ')).sort();

describe.each(scenarios)('scenario $id', ({ id, yaml, probes }) => {
  it('lists at least one probe', () => {
    expect(probes.length).toBeGreaterThan(0);
  });

  it('programs the golden ruleset on every node', async () => {
    const cluster = withNeededClusterDNS(load(yaml).cluster);
    const text = cluster.nodes.map((n) => `### node/${n.metadata.name}\n${rulesForNode(cluster, n.metadata.name!)}`).join('\n');
    await expect(`${text}\n`).toMatchFileSnapshot(`golden/${id}.rules.txt`);
  });

  it('traces every outcome of its probes, reply and un-NAT included, as the golden says', async () => {
    await expect(`${traces(yaml, 1, true)}\n`).toMatchFileSnapshot(`golden/${id}.trace.txt`);
  });

  it('gives a byte-identical trace for the same seed', () => {
    expect(traces(yaml, 7, false)).toBe(traces(yaml, 7, false));
  });

  it('gives the same set of outcomes with --all whatever the seed', () => {
    const ctx = createTraceContext(load(yaml).cluster);
    for (const probe of probes) {
      const plan = planTrace(ctx, probe);
      if (!plan.ok) continue;
      expect(outcomeSet(traceAll(ctx, plan.value, { seed: 1 }).outcomes)).toEqual(outcomeSet(traceAll(ctx, plan.value, { seed: 4242 }).outcomes));
    }
  });

  it('has outcome probabilities that sum to 1', () => {
    const ctx = createTraceContext(load(yaml).cluster);
    for (const probe of probes) {
      const plan = planTrace(ctx, probe);
      if (!plan.ok) continue;
      const total = traceAll(ctx, plan.value).outcomes.reduce((sum, o) => sum + o.probability, 0);
      expect(total).toBeCloseTo(1, 9);
    }
  });
});

// The property-style run of the kernel lane: seeded random small clusters (random-cluster.ts)
// and a random sample of probes on each, simulator against kernel. A failure names the seed;
// `KUBEHOPS_KERNEL_SEEDS=FIRST:COUNT` reruns or widens the run (default 1:6).
// Runs on Linux as root; elsewhere it says why it is skipped.

import { afterAll, describe, expect, it } from 'vitest';
import { announceSkip, unavailableReason } from './availability';
import { randomScenario } from './random-cluster';
import { runScenario, summary, tally } from './scenario-lane';

const [first, count] = (process.env.KUBEHOPS_KERNEL_SEEDS ?? '1:6').split(':').map(Number) as [number, number];
const seeds = Array.from({ length: count }, (_, i) => first + i);

announceSkip('random clusters');

describe.skipIf(!!unavailableReason)('random clusters against the real kernel', () => {
  afterAll(() => {
    console.log(`kernel lane, random clusters (seeds ${first}..${first + count - 1}): ${tally.scenarios} clusters, ${tally.probes} probes, ${tally.connections} connections compared, ${tally.disagreements} disagreements`);
  });

  it.each(seeds)('seed %i', async (seed) => {
    const scenario = randomScenario(seed);
    const report = await runScenario(`random-${seed}`, scenario.yaml, scenario.probes);
    console.log(summary(report));
    expect(report.disagreements, `seed ${seed}:\n${report.disagreements.join('\n\n')}\n\nscenario:\n${scenario.yaml}`).toEqual([]);
  }, 240_000);
});

// The two ways the simulator answers xt_statistic's random draws: one seeded pick (the
// kernel's test `(get_random_u32() & 0x7FFFFFFF) < round(P * 2^31)`, fed by the engine's
// seeded generator), or every branch: `enumerateOutcomes` re-runs a computation, taking
// each draw both ways in turn (depth first, the hit side first), and returns every
// distinct path with its probability. Draws with P of 0 or 1 do not branch.

import type { Random } from '../random';
import type { Chooser } from './packet';

export interface Outcome<T> {
  readonly probability: number;
  readonly value: T;
  /** The draws taken on this path, in order (true: the random test hit). */
  readonly draws: readonly boolean[];
}

export interface Enumeration<T> {
  readonly outcomes: readonly Outcome<T>[];
  /** False when `maxOutcomes` stopped the exploration early. */
  readonly complete: boolean;
}

/** A chooser driven by the seeded generator, drawing 31 bits as the kernel does. */
export function seededChooser(random: Random): Chooser {
  return (p) => random.int(0x80000000) < Math.round(p * 0x80000000);
}

/** Runs `run` once per path through its random draws; paths of probability 0 are dropped. */
export function enumerateOutcomes<T>(run: (choose: Chooser) => T, options: { maxOutcomes?: number } = {}): Enumeration<T> {
  const max = options.maxOutcomes ?? 10_000;
  const outcomes: Outcome<T>[] = [];
  const pending: boolean[][] = [[]];
  while (pending.length) {
    if (outcomes.length >= max) return { outcomes, complete: false };
    const prefix = pending.pop()!;
    const draws: boolean[] = [];
    let probability = 1;
    const choose: Chooser = (p) => {
      if (p >= 1 || p <= 0) return p >= 1;
      const k = draws.length;
      const hit = k < prefix.length ? prefix[k]! : true;
      if (k >= prefix.length) pending.push([...draws, false]);
      probability *= hit ? p : 1 - p;
      draws.push(hit);
      return hit;
    };
    const value = run(choose);
    if (probability > 0) outcomes.push({ probability, value, draws });
  }
  return { outcomes, complete: true };
}

/** Sums the probabilities of outcomes with the same key, keeping first-seen order. */
export function mergeOutcomes<T>(outcomes: readonly Outcome<T>[], key: (value: T) => string): { probability: number; value: T }[] {
  const merged = new Map<string, { probability: number; value: T }>();
  for (const o of outcomes) {
    const k = key(o.value);
    const prev = merged.get(k);
    if (prev) prev.probability += o.probability;
    else merged.set(k, { probability: o.probability, value: o.value });
  }
  return [...merged.values()];
}

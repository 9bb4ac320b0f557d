// The load balancer's choice of a target among the healthy ones: uniform, drawn through the
// trace's chooser as a cascade of probabilities 1/n, 1/(n-1), ..., 1/2 (the way kube-proxy's
// `statistic --mode random` rules pick an endpoint), so `--all` lists every target with its
// probability and a seeded trace picks one. Real load balancers hash the flow's 5-tuple
// (Maglev, Azure's and AWS's flow hashes): to a single flow that is a uniform pick too.

import type { Chooser } from '../netfilter';

/** The index (0..n-1) of the target picked among `n`; n must be at least 1. */
export function pickUniform(n: number, choose: Chooser): number {
  for (let i = 0; i < n - 1; i++) if (choose(1 / (n - i))) return i;
  return n - 1;
}

// Running packet-flow cases (kube-proxy's runPacketFlowTests, through the whole tracer):
// every outcome of a new connection summarised to what a user relies on, compared with the
// case's expectation so a failure prints both side by side.

import { expect } from 'vitest';
import type { TraceContext } from '../context';
import { planTrace, traceAll, traceSeeded, type TraceOptions, type TraceResult } from '../trace';
import type { TraceOutcome, TraceRequest } from '../types';

export function planOf(ctx: TraceContext, request: TraceRequest) {
  const plan = planTrace(ctx, request);
  if (!plan.ok) throw new Error(`cannot trace ${request.from} -> ${request.to}: ${plan.error}`);
  return plan.value;
}

export const allOutcomes = (ctx: TraceContext, request: TraceRequest, options: TraceOptions = {}): TraceResult =>
  traceAll(ctx, planOf(ctx, request), options);

export const oneOutcome = (ctx: TraceContext, request: TraceRequest, options: TraceOptions = {}): TraceResult =>
  traceSeeded(ctx, planOf(ctx, request), options);

const round = (p: number): number => Math.round(p * 1000) / 1000;

/** Endpoint -> probability (rounded to 0.001), merged over outcomes that differ only in, say, the SNAT port. */
export function reachOf(outcomes: readonly TraceOutcome[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.verdict === 'delivered' ? o.deliveredTo! : o.verdict;
    sums[key] = (sums[key] ?? 0) + o.probability;
  }
  return Object.fromEntries(Object.entries(sums).sort(([a], [b]) => a.localeCompare(b)).map(([k, p]) => [k, round(p)]));
}

/** Per endpoint, or one value that holds for every endpoint reached. */
export type PerEndpoint<T> = T | Readonly<Record<string, T>>;

/** What a packet-flow case expects of a new connection. */
export type Expect =
  /** Delivered to these endpoints with these probabilities; masqueraded or not; the source the backend sees. */
  | { readonly reach: Readonly<Record<string, number>>; readonly masq: PerEndpoint<boolean>; readonly seen: PerEndpoint<string> }
  /** Dropped or rejected, by a rule of this chain (or by the kernel). */
  | { readonly verdict: 'dropped' | 'rejected'; readonly chain?: string; readonly component?: 'kube-proxy' | 'kernel' }
  /** No Service rule touched it: it left the node as it came. */
  | { readonly verdict: 'unhandled' };

export interface FlowCase {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly proto?: 'TCP' | 'UDP' | 'SCTP';
  readonly expect: Expect;
}

/** A field of the delivered outcomes, per endpoint, or as one value when the case expects one. */
function perEndpoint<T>(outcomes: readonly TraceOutcome[], pick: (o: TraceOutcome) => T, want: PerEndpoint<T>): unknown {
  const map: Record<string, T[]> = {};
  for (const o of outcomes) {
    const key = o.verdict === 'delivered' ? o.deliveredTo! : o.verdict;
    const seen = (map[key] ??= []);
    if (!seen.includes(pick(o))) seen.push(pick(o));
  }
  const flat = (xs: T[]): T | T[] => (xs.length === 1 ? xs[0]! : xs);
  if (typeof want === 'object' && want !== null) return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, flat(v)]));
  const all = [...new Set(Object.values(map).flat())];
  return flat(all);
}

/** What the outcomes show, in the shape of `Expect`, so a failing case prints both side by side. */
export function observed(outcomes: readonly TraceOutcome[], want: Expect): unknown {
  if ('reach' in want) {
    return {
      reach: reachOf(outcomes),
      masq: perEndpoint(outcomes, (o) => o.masqueraded, want.masq),
      seen: perEndpoint(outcomes, (o) => o.sourceSeenByDestination, want.seen),
    };
  }
  const verdicts = [...new Set(outcomes.map((o) => o.verdict))];
  const o = outcomes[0]!;
  return {
    verdict: verdicts.length === 1 ? verdicts[0] : verdicts,
    ...('chain' in want && { chain: o.decidedBy?.chain }),
    ...('component' in want && { component: o.decidedBy?.component }),
  };
}

/** Runs one packet-flow case with traceAll; probabilities must sum to 1. */
export function checkFlow(ctx: TraceContext, c: FlowCase, options: TraceOptions = {}): void {
  const { outcomes } = allOutcomes(ctx, { from: c.from, to: c.to, ...(c.proto && { proto: c.proto }) }, options);
  expect(round(outcomes.reduce((s, o) => s + o.probability, 0)), `${c.name}: probabilities sum`).toBe(1);
  expect(observed(outcomes, c.expect), c.name).toEqual(c.expect);
}


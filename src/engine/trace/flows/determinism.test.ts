// Determinism (DESIGN.md principle 3): one seed gives byte-identical hops; traceAll gives the
// same outcome set whatever the seed, with probabilities that sum to 1; loading the same
// scenario with another seed does not change what a connection can reach.

import { describe, expect, it } from 'vitest';
import { renderOutcome } from '../render';
import { planTrace, traceSeeded, type SimState } from '../index';
import { externalAtA, loadFlows, nodeAIP, podA, standardDocs, svcIP, webA, webB } from './builders';
import { allOutcomes, oneOutcome, reachOf } from './check';

const docs = standardDocs((s) => { s.spec.type = 'NodePort'; s.spec.ports[0].nodePort = 30080; });
const ctx = loadFlows(docs);
const requests = [
  { from: podA, to: `${svcIP}:80` },
  { from: externalAtA, to: `${nodeAIP}:30080` },
];

/** The outcome set without hops: what --all reports. */
const summary = (seed: number, request: (typeof requests)[number]) =>
  allOutcomes(ctx, request, { seed }).outcomes.map(({ hops: _hops, ...o }) => o);

describe('determinism', () => {
  it.each(requests)('the same seed gives byte-identical hops ($from -> $to)', (request) => {
    for (const seed of [1, 7, 42]) {
      const a = oneOutcome(ctx, request, { seed }).outcomes.map(renderOutcome).join('\n');
      const b = oneOutcome(loadFlows(docs), request, { seed }).outcomes.map(renderOutcome).join('\n');
      expect(a).toBe(b);
      expect(JSON.stringify(oneOutcome(ctx, request, { seed }).outcomes[0]!.hops)).toBe(JSON.stringify(oneOutcome(ctx, request, { seed }).outcomes[0]!.hops));
    }
  });

  it.each(requests)('traceAll gives the same endpoints and probabilities whatever the seed ($from -> $to)', (request) => {
    const reach = [1, 2, 3, 99].map((seed) => reachOf(allOutcomes(ctx, request, { seed }).outcomes));
    for (const r of reach) expect(r).toEqual({ [webA]: 0.5, [webB]: 0.5 });
  });

  it.each(requests)('traceAll gives the same outcomes, apart from the hops\' random ports, whatever the seed ($from -> $to)', (request) => {
    expect(summary(5, request)).toEqual(summary(1, request));
    expect(summary(123, request)).toEqual(summary(1, request));
  });

  it('probabilities sum to 1 and no outcome has probability 0', () => {
    for (const request of requests) {
      const { outcomes } = allOutcomes(ctx, request);
      expect(outcomes.every((o) => o.probability > 0)).toBe(true);
      expect(outcomes.reduce((s, o) => s + o.probability, 0)).toBeCloseTo(1, 9);
    }
  });

  it('seeded picks follow the probabilities: both endpoints are chosen over many seeds', () => {
    const picked = new Set(Array.from({ length: 16 }, (_, seed) => oneOutcome(ctx, requests[0]!, { seed: seed + 1 }).outcomes[0]!.deliveredTo));
    expect(picked).toEqual(new Set([webA, webB]));
  });

  it('the load seed does not change what a connection can reach', () => {
    expect(reachOf(allOutcomes(loadFlows(docs, 17), requests[0]!).outcomes)).toEqual(reachOf(allOutcomes(ctx, requests[0]!).outcomes));
  });
});

describe('a run of connections with one seed', () => {
  it('draws fresh picks for each connection, so load balancing spreads', () => {
    const spread = loadFlows(standardDocs());
    const plan = planTrace(spread, { from: podA, to: `${svcIP}:80` });
    if (!plan.ok) throw new Error(plan.error);
    let state: SimState | undefined;
    const reached = new Set<string | null>();
    for (let connection = 0; connection < 12; connection++) {
      const r = traceSeeded(spread, plan.value, { seed: 5, connection, ...(state && { state }) });
      state = r.state;
      reached.add(r.outcomes[0]!.deliveredTo);
    }
    expect(reached.size).toBe(2);
  });
});

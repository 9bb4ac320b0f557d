// sessionAffinity ClientIP (kube-proxy's TestSessionAffinity): the first connection from a
// client address picks an endpoint at random and `-m recent --set` remembers it; later
// connections within timeoutSeconds `--rcheck` and go to the same endpoint; after the timeout
// the pick is random again. State (xt_recent lists, conntrack) carries from one connection to
// the next through traceSeeded.

import { describe, expect, it } from 'vitest';
import type { SimState } from '../run';
import { loadFlows, podA, podAIP, podB, standardDocs, svcIP, webA, webB } from './builders';
import { allOutcomes, oneOutcome, reachOf } from './check';

const timeoutSeconds = 60;
const ctx = loadFlows(standardDocs((s) => {
  s.spec.sessionAffinity = 'ClientIP';
  s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds } };
}));
const toService = { from: podA, to: `${svcIP}:80` };

/** Connections 0..n-1 from one client, each carrying the state the last one left. */
function connections(seed: number, n: number, from = podA): { endpoints: string[]; state: SimState } {
  let state: SimState | undefined;
  const endpoints: string[] = [];
  for (let connection = 0; connection < n; connection++) {
    const r = oneOutcome(ctx, { from, to: `${svcIP}:80` }, { seed, connection, ...(state && { state }) });
    endpoints.push(r.outcomes[0]!.deliveredTo!);
    state = r.state;
  }
  return { endpoints, state: state! };
}

describe('sessionAffinity ClientIP', () => {
  it('a first connection may reach any endpoint', () => {
    expect(reachOf(allOutcomes(ctx, toService).outcomes)).toEqual({ [webA]: 0.5, [webB]: 0.5 });
  });

  it.each([1, 2, 3, 4, 5, 6])('three connections in a row reach the same endpoint (seed %i)', (seed) => {
    const { endpoints } = connections(seed, 3);
    expect(new Set(endpoints).size).toBe(1);
    expect([webA, webB]).toContain(endpoints[0]);
  });

  it('the seeds above do not all pick the same endpoint (the first pick is random)', () => {
    const firsts = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => connections(seed, 1).endpoints[0]));
    expect(firsts).toEqual(new Set([webA, webB]));
  });

  it('--all on a second connection has one outcome: the remembered endpoint, unmasqueraded', () => {
    const first = connections(3, 1);
    const { outcomes } = allOutcomes(ctx, toService, { connection: 1, state: first.state });
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ probability: 1, verdict: 'delivered', deliveredTo: first.endpoints[0], masqueraded: false, sourceSeenByDestination: podAIP });
  });

  it('another client address is not bound by the first client\'s affinity', () => {
    const first = connections(3, 1);
    const { outcomes } = allOutcomes(ctx, { from: podB, to: `${svcIP}:80` }, { connection: 1, state: first.state });
    expect(reachOf(outcomes)).toEqual({ [webA]: 0.5, [webB]: 0.5 });
  });

  it('after timeoutSeconds the next connection may move', () => {
    const first = connections(3, 1);
    const later: SimState = { ...first.state, now: first.state.now + (timeoutSeconds + 1) * 1000 };
    expect(reachOf(allOutcomes(ctx, toService, { connection: 1, state: later }).outcomes)).toEqual({ [webA]: 0.5, [webB]: 0.5 });
  });

  it('just inside timeoutSeconds it still sticks', () => {
    const first = connections(3, 1);
    // traceAll adds one connection gap (1 s) itself.
    const later: SimState = { ...first.state, now: first.state.now + (timeoutSeconds - 2) * 1000 };
    expect(reachOf(allOutcomes(ctx, toService, { connection: 1, state: later }).outcomes)).toEqual({ [first.endpoints[0]!]: 1 });
  });
});

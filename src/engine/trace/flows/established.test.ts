// Conntrack, not the rules, decides for an established connection (nf_conntrack: only the
// first packet of a connection goes through the nat table): scaling a Service up does not
// move a connection that is already open, while new connections spread over the new pods.

import { describe, expect, it } from 'vitest';
import { createTraceContext, planTrace, traceAll, traceSeeded } from '../index';
import { loadScenario } from '../../manifests/load';
import { makeClusterDoc, makePod, makeService, nodeA, nodeB, podA, podAIP, standardNodes, svcIP, webA, webAIP, webB, webBIP } from './builders';

const load = (docs: object[]) =>
  createTraceContext(loadScenario([{ name: 'flows.yaml', text: docs.map((d) => JSON.stringify(d)).join('\n---\n') }]).cluster);

const base = [
  makeClusterDoc(), ...standardNodes(),
  makePod('default', 'client-a', { node: nodeA, ip: podAIP, app: 'client' }),
  makePod('default', 'web-a', { node: nodeA, ip: webAIP, app: 'web' }),
  makeService('default', 'web', (s) => { s.spec.clusterIP = svcIP; }),
];
const scaledUp = [...base, makePod('default', 'web-b', { node: nodeB, ip: webBIP, app: 'web' })];

describe('an established connection when the Service scales up', () => {
  const before = load(base);
  const after = load(scaledUp);
  const request = { from: podA, to: `${svcIP}:80` };
  const opened = traceSeeded(before, unwrap(planTrace(before, request)), { seed: 1 });

  it('stays on the pod it was DNATed to', () => {
    const { outcomes } = traceAll(after, unwrap(planTrace(after, request)), { state: opened.state, connection: 0, established: true });
    expect(outcomes.map((o) => [o.deliveredTo, o.probability])).toEqual([[webA, 1]]);
  });

  it('while a new connection can reach the new pod too', () => {
    const { outcomes } = traceAll(after, unwrap(planTrace(after, request)), { state: opened.state, connection: 1 });
    expect(outcomes.map((o) => o.deliveredTo).sort()).toEqual([webA, webB].sort());
  });
});

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

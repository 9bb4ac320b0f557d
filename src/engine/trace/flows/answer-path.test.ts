// Whether the answer comes back the way it went: conntrack un-NATs a reply only on the host
// that NATed the request. With externalTrafficPolicy Local, a pod calling another node's
// NodePort is not masqueraded (kube-proxy's short-circuit for local sources); if that node
// DNATs it to a pod on the caller's own node, the answer is bridged straight back without
// un-DNAT, arrives from the pod's address instead of the NodePort, and the caller resets it.

import { describe, expect, it } from 'vitest';
import { planTrace, traceAll } from '../index';
import { loadFlows, nodeBIP, podA, standardDocs, webA, webB } from './builders';

describe('the answer to a pod calling another node\'s Local NodePort', () => {
  const ctx = loadFlows(standardDocs((s) => {
    s.spec.type = 'NodePort';
    s.spec.externalTrafficPolicy = 'Local';
    s.spec.ports = [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }];
  }));
  const plan = planTrace(ctx, { from: podA, to: `${nodeBIP}:30080` });
  if (!plan.ok) throw new Error(plan.error);
  const byEndpoint = Object.fromEntries(traceAll(ctx, plan.value).outcomes.map((o) => [o.deliveredTo, o]));

  it('reaches a pod on the caller\'s node, but the answer is reset by the caller', () => {
    const o = byEndpoint[webA]!;
    expect([o.verdict, o.replyReturned]).toEqual(['delivered', false]);
    expect(o.hops.at(-1)).toMatchObject({ kind: 'reject', leg: 'reply', decidedBy: { component: 'kernel' } });
  });

  it('reaches a pod on the called node and the answer returns un-NATed', () => {
    const o = byEndpoint[webB]!;
    expect([o.verdict, o.replyReturned]).toEqual(['delivered', true]);
  });
});

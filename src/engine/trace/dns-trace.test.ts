// A trace to a name: the DNS exchange first (UDP/53 to the kube-dns ClusterIP, DNATed to a
// CoreDNS pod by kube-proxy's rules, answered), then the connection to the first address.

import { describe, expect, it } from 'vitest';
import { makeDNSCluster } from '../dns/test-fixtures';
import { createTraceContext } from './context';
import { planTrace, traceAll, traceSeeded } from './trace';
import type { Hop, TraceOutcome } from './types';

const ctx = createTraceContext(makeDNSCluster());
const run = (to: string): TraceOutcome => {
  const plan = planTrace(ctx, { from: 'pod/default/client', to });
  if (!plan.ok) throw new Error(plan.error);
  return traceSeeded(ctx, plan.value).outcomes[0]!;
};
const dnsHops = (o: TraceOutcome) => o.hops.filter((h): h is Extract<Hop, { kind: 'dns' }> => h.kind === 'dns');

describe('trace to a name', () => {
  it('a ClusterIP Service name: DNS to a CoreDNS pod, then the ClusterIP DNATed to a backend', () => {
    const o = run('web:80');
    expect(o.verdict).toBe('delivered');
    expect(o.dnat).toMatch(/^10\.244\.[12]\.2:8080$/);
    const dnsNat = o.hops.find((h) => h.kind === 'nat' && h.before.dport === 53);
    expect(dnsNat?.packet.dst).toMatch(/^10\.244\./);
    expect(dnsHops(o).map((h) => h.event)).toEqual(['query', 'query', 'answer', 'answer', 'result']);
    expect(o.hops.some((h) => h.kind === 'rule' && h.text.includes('kube-system/kube-dns:dns cluster IP'))).toBe(true);
  });
  it('a headless StatefulSet pod name: straight to the pod, no DNAT', () => {
    const o = run('kafka-0.kafka:8080');
    expect(o).toMatchObject({ verdict: 'delivered', dnat: null, deliveredTo: '10.244.2.3:8080' });
  });
  it('an ExternalName: follows the CNAME out of the cluster and warns about TLS', () => {
    const o = run('db:5432');
    expect(o.verdict).toBe('unhandled');
    expect(o.hops.at(-1)?.packet.dst).toBe('192.0.2.50');
    expect(dnsHops(o).find((h) => h.event === 'warning')?.text).toContain('SNI "db"');
  });
  it('an unknown name is rejected by DNS after the whole search', () => {
    const o = run('nothing:80');
    expect(o).toMatchObject({ verdict: 'rejected', decidedBy: { component: 'dns' } });
    expect(dnsHops(o).filter((h) => h.event === 'query')).toHaveLength(8);
  });
  it('names need a pod to resolve them', () => {
    expect(planTrace(ctx, { from: 'node/node-a', to: 'web:80' })).toMatchObject({ ok: false });
  });
  it('--all: every CoreDNS pod and backend, probabilities summing to 1', () => {
    const plan = planTrace(ctx, { from: 'pod/default/client', to: 'web:80' });
    if (!plan.ok) throw new Error(plan.error);
    const outcomes = traceAll(ctx, plan.value).outcomes;
    expect(outcomes.map((x) => x.deliveredTo).sort()).toEqual(['10.244.1.2:8080', '10.244.2.2:8080']);
    expect(outcomes.reduce((s, x) => s + x.probability, 0)).toBeCloseTo(1, 9);
  });
});

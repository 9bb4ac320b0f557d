// Packets through cloud load balancers, every outcome (`--all`): for each style and traffic
// policy, the addresses at each hop, the source the backend sees, which nodes pass the health
// check and so which the LB may pick (and how often), the way the answer comes back, drops
// when no target is healthy, and the <pending> LoadBalancer's reason.

import { describe, expect, it } from 'vitest';
import { allOutcomes, reachOf } from '../trace/flows/check';
import type { Hop, TraceOutcome } from '../trace/types';
import type { TraceContext } from '../trace/context';
import { laptop, laptopIP, lbIP, loadLb, nodeAIP, nodeBIP, nodePort, webIP } from './test-builders';

const webA = `${webIP('a')}:8080`;
const webB = `${webIP('b')}:8080`;
const lbHost = 'lb/default/web';
const lbVIP = `${lbIP}:80`;

const all = (ctx: TraceContext, to = lbVIP, from = laptop, proto?: 'UDP') => allOutcomes(ctx, { from, to, ...(proto && { proto }) }).outcomes;
const lbHops = (o: TraceOutcome, event: string) => o.hops.filter((h): h is Extract<Hop, { kind: 'lb' }> => h.kind === 'lb' && h.event === event);
/** The packet as it arrives (wire hop) at `host` on a leg. */
const arrivalAt = (o: TraceOutcome, host: string, leg = 'orig') => o.hops.find((h) => h.kind === 'wire' && h.host === host && h.leg === leg)?.packet;
const hostsOf = (o: TraceOutcome, leg: 'orig' | 'reply') => [...new Set(o.hops.filter((h) => h.leg === leg && h.kind === 'wire').map((h) => h.host))];
const picks = (outcomes: readonly TraceOutcome[]) => {
  const sums: Record<string, number> = {};
  for (const o of outcomes) for (const h of lbHops(o, 'pick')) sums[h.target!] = (sums[h.target!] ?? 0) + o.probability;
  return sums;
};
const lastReply = (o: TraceOutcome) => o.hops[o.hops.length - 1]!;

describe('pass-through, generic, externalTrafficPolicy Cluster', () => {
  const outcomes = all(loadLb({ provider: 'generic' }));

  it('both nodes pass 10256/healthz and the LB picks each half the time', () => {
    expect(picks(outcomes)).toEqual({ 'node/node-a': 0.5, 'node/node-b': 0.5 });
    expect(lbHops(outcomes[0]!, 'health').map((h) => [h.target, h.healthy])).toEqual([['node/node-a', true], ['node/node-b', true]]);
    expect(lbHops(outcomes[0]!, 'pick')[0]!.probability).toBe(0.5);
    expect(reachOf(outcomes)).toEqual({ [webA]: 0.5, [webB]: 0.5 });
  });

  it('the node receives the packet still addressed to the LB IP, from the laptop', () => {
    for (const o of outcomes) {
      const node = lbHops(o, 'pick')[0]!.target!;
      expect(arrivalAt(o, node)).toMatchObject({ src: laptopIP, dst: lbIP, dport: 80 });
      expect(lbHops(o, 'rewrite')).toEqual([]);
    }
  });

  it('the asymmetric path: LB -> node-a -> masquerade -> pod on node-b, and the answer back via node-a and the LB', () => {
    const o = outcomes.find((x) => x.deliveredTo === webB && x.sourceSeenByDestination === nodeAIP)!;
    expect(o).toMatchObject({ probability: 0.25, masqueraded: true });
    expect(hostsOf(o, 'orig')).toEqual(['outside', lbHost, 'node/node-a', 'node/node-b', 'pod/default/web-b']);
    expect(hostsOf(o, 'reply')).toEqual(['node/node-b', 'node/node-a', lbHost, 'outside', laptop]);
    expect(lbHops(o, 'return')).toEqual([expect.objectContaining({ host: 'node/node-a', target: lbHost, leg: 'reply' })]);
    expect(lastReply(o)).toMatchObject({ kind: 'deliver', host: laptop, packet: { src: lbIP, sport: 80, dst: laptopIP } });
  });
});

describe('pass-through, gcp, externalTrafficPolicy Local (pod on node-b only)', () => {
  const outcomes = all(loadLb({ provider: 'gcp', policy: 'Local', pods: ['b'] }));

  it('node-a answers 503 on the healthCheckNodePort; only node-b is picked', () => {
    expect(lbHops(outcomes[0]!, 'health').map((h) => [h.target, h.healthy])).toEqual([['node/node-a', false], ['node/node-b', true]]);
    expect(picks(outcomes)).toEqual({ 'node/node-b': 1 });
  });

  it('the pod sees the laptop, and the answer goes straight from node-b to the laptop (direct server return)', () => {
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ deliveredTo: webB, sourceSeenByDestination: laptopIP, masqueraded: false });
    expect(hostsOf(outcomes[0]!, 'reply')).toEqual(['node/node-b', 'outside', laptop]);
    expect(lastReply(outcomes[0]!)).toMatchObject({ kind: 'deliver', packet: { src: lbIP, sport: 80, dst: laptopIP } });
  });
});

describe('NodePort targets, aws (NLB instance mode)', () => {
  it('Cluster: dst becomes nodeIP:nodePort, the laptop\'s address kept; the NLB un-does it on the way back', () => {
    const outcomes = all(loadLb({ provider: 'aws' }));
    expect(picks(outcomes)).toEqual({ 'node/node-a': 0.5, 'node/node-b': 0.5 });
    for (const o of outcomes) {
      const node = lbHops(o, 'pick')[0]!.target!;
      const ip = node === 'node/node-a' ? nodeAIP : nodeBIP;
      expect(lbHops(o, 'rewrite')[0]).toMatchObject({ leg: 'orig', before: { src: laptopIP, dst: lbIP, dport: 80 }, packet: { src: laptopIP, dst: ip, dport: nodePort } });
      expect(arrivalAt(o, node)).toMatchObject({ src: laptopIP, dst: ip, dport: nodePort });
      expect(lbHops(o, 'rewrite').find((h) => h.leg === 'reply')).toMatchObject({ before: { src: ip, sport: nodePort }, packet: { src: lbIP, sport: 80, dst: laptopIP } });
      expect(lastReply(o)).toMatchObject({ kind: 'deliver', host: laptop, packet: { src: lbIP, sport: 80 } });
    }
    expect(outcomes.find((o) => lbHops(o, 'pick')[0]!.target === 'node/node-a' && o.deliveredTo === webB)?.sourceSeenByDestination).toBe(nodeAIP);
  });

  it('Local: only node-b passes, and the pod sees the laptop', () => {
    const outcomes = all(loadLb({ provider: 'aws', policy: 'Local', pods: ['b'] }));
    expect(picks(outcomes)).toEqual({ 'node/node-b': 1 });
    expect(outcomes).toEqual([expect.objectContaining({ deliveredTo: webB, sourceSeenByDestination: laptopIP, masqueraded: false })]);
  });
});

describe('pod-IP targets, aws on the vpc model (allocateLoadBalancerNodePorts: false)', () => {
  const ctx = loadLb({ provider: 'aws', cni: 'vpc', notReady: ['b'], pods: ['a', 'b'], svc: (s) => { s.spec.allocateLoadBalancerNodePorts = false; delete s.spec.ports[0].nodePort; } });
  const privateIP = '192.168.1.254';

  it('only the ready pod passes; TCP arrives from the NLB\'s private address, no kube-proxy rule involved', () => {
    const outcomes = all(ctx);
    expect(picks(outcomes)).toEqual({ 'pod/default/web-a': 1 });
    const o = outcomes[0]!;
    expect(o).toMatchObject({ deliveredTo: `${webIP('a', 'vpc')}:8080`, sourceSeenByDestination: privateIP, dnat: `${webIP('a', 'vpc')}:8080`, snat: privateIP, masqueraded: false });
    expect(arrivalAt(o, 'node/node-a')).toMatchObject({ src: privateIP, dst: webIP('a', 'vpc'), dport: 8080 });
    expect(o.hops.some((h) => h.kind === 'nat' || (h.kind === 'rule' && /KUBE-(SVC|SEP|EXT)/.test(h.chain)))).toBe(false);
    expect(hostsOf(o, 'reply')).toEqual(['node/node-a', lbHost, 'outside', laptop]);
    expect(lastReply(o)).toMatchObject({ kind: 'deliver', packet: { src: lbIP, sport: 80, dst: laptopIP } });
  });
});

describe('MetalLB layer 2', () => {
  it('Cluster: the router sends to the elected node, which answers ARP; no LB host in the path', () => {
    const [o] = all(loadLb({ provider: 'metallb' }));
    expect(lbHops(o!, 'arp')).toEqual([expect.objectContaining({ host: 'outside', target: 'node/node-a' })]);
    expect(hostsOf(o!, 'orig').slice(0, 2)).toEqual(['outside', 'node/node-a']);
    expect(o!.hops.some((h) => h.host === lbHost)).toBe(false);
  });

  it('Local: the node with the pod announces, and the pod sees the laptop', () => {
    const outcomes = all(loadLb({ provider: 'metallb', policy: 'Local', pods: ['b'] }));
    expect(outcomes).toEqual([expect.objectContaining({ deliveredTo: webB, sourceSeenByDestination: laptopIP })]);
    expect(lbHops(outcomes[0]!, 'arp')[0]!.target).toBe('node/node-b');
  });

  it('nobody announces without a ready endpoint: the router\'s ARP fails', () => {
    const [o] = all(loadLb({ provider: 'metallb', policy: 'Local', pods: ['b'], notReady: ['b'] }));
    expect(o).toMatchObject({ verdict: 'dropped', decidedBy: { component: 'cloud-lb' } });
    expect(o!.decidedBy!.rule).toMatch(/FAILED: no ready endpoint/);
  });
});

describe('drops and refusals at the load balancer', () => {
  it.each([
    { name: 'Local with no ready pod anywhere', c: { provider: 'gcp', policy: 'Local', notReady: ['a', 'b'] }, reason: /no target passes its health check \(externalTrafficPolicy Local/ },
    { name: 'every node NotReady', c: { provider: 'generic', notReadyNodes: ['a', 'b'] }, reason: /no target passes its health check$/ },
    { name: 'a source outside loadBalancerSourceRanges', c: { provider: 'aws', svc: (s: Record<string, any>) => { s.spec.loadBalancerSourceRanges = ['203.0.113.128/25']; } }, reason: /203\.0\.113\.10 is outside loadBalancerSourceRanges/ }, // eslint-disable-line @typescript-eslint/no-explicit-any
  ] as const)('$name: dropped by the cloud LB', ({ c, reason }) => {
    const outcomes = all(loadLb(c as Parameters<typeof loadLb>[0]));
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ verdict: 'dropped', decidedBy: { component: 'cloud-lb' } });
    expect(outcomes[0]!.decidedBy!.rule).toMatch(reason);
    expect(outcomes[0]!.hops.at(-1)).toMatchObject({ kind: 'drop', host: lbHost });
  });

  it('a port the LB does not listen on is dropped', () => {
    expect(all(loadLb({ provider: 'generic' }), `${lbIP}:81`)[0]!.decidedBy!.rule).toBe(`default/web: no listener for ${lbIP}:81/TCP`);
  });
});

describe('provider none: <pending>', () => {
  const ctx = loadLb({ provider: 'none' });

  it('the IP the laptop hoped for belongs to nobody, and the trace says why', () => {
    const [o] = all(ctx);
    expect(o!.verdict).toBe('unhandled');
    expect(o!.hops.at(-1)).toMatchObject({ kind: 'leave', host: 'outside' });
    expect((o!.hops.at(-1) as { reason: string }).reason).toBe(
      `no load balancer has ${lbIP}: default/web stays <pending>: the Cluster's cloud provider is none, so no cloud controller creates a load balancer or assigns it an ingress IP`,
    );
  });

  it('the Service\'s ClusterIP is not reachable from outside either; its NodePort is', () => {
    const [o] = all(ctx, 'svc/default/web:80');
    expect((o!.hops.at(-1) as { reason: string }).reason).toMatch(/^10\.96\.0\.10 is the ClusterIP of default\/web, reachable only from inside the cluster; default\/web stays <pending>/);
    expect(reachOf(all(ctx, `${nodeAIP}:${nodePort}`))).toEqual({ [webA]: 0.5, [webB]: 0.5 });
  });
});

// The tracer over each CNI model: the hops a packet takes between nodes (encapsulated or not),
// the headers at each, and the source the backend sees, for a pod, a node and an outside
// client reaching a pod on the other node.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../manifests/load';
import { eniVethName } from '../routing';
import { createTraceContext } from './context';
import { planTrace, traceSeeded } from './trace';
import type { Hop, TraceOutcome } from './types';

type Model = 'direct' | 'vxlan' | 'vpc';

/** node-a (192.168.1.10) runs `client`; node-b (.11) runs `web`, the only backend of svc web (10.96.0.10:80, NodePort 30080). */
function makeCluster(model: Model): string {
  const vpc = model === 'vpc';
  const pod = (name: string, node: string, ip: string, app: string) => `
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: default, labels: { app: ${app} } }
spec: { nodeName: ${node}, containers: [{ name: c, image: nginx, ports: [{ name: http, containerPort: 8080 }] }] }
status: { podIP: ${ip} }`;
  const node = (name: string, ip: string, cidr: string) => `
apiVersion: v1
kind: Node
metadata: { name: ${name}, labels: { kubernetes.io/hostname: ${name} } }
spec: { podCIDR: ${cidr} }
status: { addresses: [{ type: InternalIP, address: ${ip} }] }`;
  return [`
apiVersion: kubehops.dev/v1alpha1
kind: Cluster
metadata: { name: cni }
spec: { podCIDRs: [10.244.0.0/16], cni: { model: ${model} }, clients: [{ name: laptop, ip: 203.0.113.10 }] }`,
  node('node-a', '192.168.1.10', '10.244.1.0/24'), node('node-b', '192.168.1.11', '10.244.2.0/24'),
  pod('client', 'node-a', vpc ? '192.168.1.21' : '10.244.1.2', 'client'),
  pod('web', 'node-b', vpc ? '192.168.1.31' : '10.244.2.2', 'web'), `
apiVersion: v1
kind: Service
metadata: { name: web, namespace: default }
spec: { type: NodePort, clusterIP: 10.96.0.10, selector: { app: web }, ports: [{ name: http, port: 80, targetPort: http, nodePort: 30080 }] }`,
  ].join('\n---');
}

function trace(model: Model, from: string, to: string): TraceOutcome {
  const { cluster } = loadScenario([{ name: 'cni.yaml', text: makeCluster(model) }]);
  const ctx = createTraceContext(cluster);
  const plan = planTrace(ctx, { from, to });
  if (!plan.ok) throw new Error(plan.error);
  return traceSeeded(ctx, plan.value).outcomes[0]!;
}

const of = <K extends Hop['kind']>(o: TraceOutcome, kind: K, leg = 'orig') =>
  o.hops.filter((h): h is Hop & { kind: K } => h.kind === kind && h.leg === leg);

describe('the source the backend on the other node sees, per CNI model', () => {
  it.each([
    { model: 'direct' as const, from: 'node/node-a', seen: '192.168.1.10', note: 'masqueraded out of eth0' },
    { model: 'vxlan' as const, from: 'node/node-a', seen: '10.244.1.0', note: 'masqueraded out of flannel.1: its /32 VTEP address' },
    { model: 'vpc' as const, from: 'node/node-a', seen: '192.168.1.10', note: 'masqueraded out of eth0' },
    { model: 'direct' as const, from: 'pod/default/client', seen: '10.244.1.2', note: 'not masqueraded' },
    { model: 'vxlan' as const, from: 'pod/default/client', seen: '10.244.1.2', note: 'not masqueraded, and unchanged by the tunnel' },
  ])('$model, $from -> ClusterIP: $seen ($note)', ({ model, from, seen }) => {
    const o = trace(model, from, 'svc/default/web:80');
    expect(o.verdict).toBe('delivered');
    expect(o.sourceSeenByDestination).toBe(seen);
  });

  it('vpc, laptop -> NodePort of the node without the pod: masqueraded to the node address', () => {
    const o = trace('vpc', 'client/laptop', '192.168.1.10:30080');
    expect(o).toMatchObject({ verdict: 'delivered', deliveredTo: '192.168.1.31:8080', sourceSeenByDestination: '192.168.1.10' });
  });

  it('vpc, laptop -> NodePort of the node with the pod: masquerade out of the unnumbered veth takes the node address', () => {
    const o = trace('vpc', 'client/laptop', '192.168.1.11:30080');
    expect(o).toMatchObject({ verdict: 'delivered', sourceSeenByDestination: '192.168.1.11', snat: '192.168.1.11' });
    expect(of(o, 'route').map((h) => h.outIface)).toContain(eniVethName('default', 'web'));
  });
});

describe('vxlan: encapsulation hops', () => {
  const o = trace('vxlan', 'pod/default/client', '10.244.2.2:8080');
  const inner = { proto: 'TCP', src: '10.244.1.2', sport: 40000, dst: '10.244.2.2', dport: 8080 };

  it('wraps the packet on node-a, carries it node to node over UDP 8472 and unwraps it on node-b', () => {
    const encap = of(o, 'encap');
    const decap = of(o, 'decap');
    expect(encap).toHaveLength(1);
    expect(encap[0]).toMatchObject({ host: 'node/node-a', iface: 'flannel.1', packet: inner });
    const outer = encap[0]!.outer;
    expect(outer).toMatchObject({ encapsulation: 'vxlan', vni: 1, src: '192.168.1.10', dst: '192.168.1.11', dport: 8472 });
    expect(decap).toEqual([expect.objectContaining({ host: 'node/node-b', iface: 'flannel.1', outer, packet: inner })]);
    expect(of(o, 'wire').filter((h) => h.outer)).toEqual([
      expect.objectContaining({ from: { host: 'node/node-a', interface: 'eth0' }, to: { host: 'node/node-b', interface: 'eth0' }, outer, packet: inner }),
    ]);
  });

  it('puts the hops in the kernel\'s order: POSTROUTING on node-a, encap, wire, decap, PREROUTING on node-b', () => {
    const kinds = o.hops.filter((h) => h.leg === 'orig').map((h) => (h.kind === 'hook' ? `${h.hook}@${h.host}` : `${h.kind}@${h.host}`));
    const at = kinds.indexOf('encap@node/node-a');
    expect(kinds.lastIndexOf('POSTROUTING@node/node-a')).toBeLessThan(at);
    expect(kinds.slice(at, at + 4)).toEqual(['encap@node/node-a', 'wire@node/node-b', 'decap@node/node-b', 'PREROUTING@node/node-b']);
  });

  it('delivers the inner packet unchanged', () => {
    expect(o).toMatchObject({ verdict: 'delivered', deliveredTo: '10.244.2.2:8080', sourceSeenByDestination: '10.244.1.2', masqueraded: false });
  });

  it('tunnels the reply back from node-b to node-a', () => {
    const back = of(o, 'encap', 'reply');
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ host: 'node/node-b', outer: { src: '192.168.1.11', dst: '192.168.1.10', dport: 8472 }, packet: { src: '10.244.2.2', dst: '10.244.1.2' } });
    expect(of(o, 'decap', 'reply')[0]).toMatchObject({ host: 'node/node-a', iface: 'flannel.1' });
  });
});

describe('no tunnel without an overlay', () => {
  it.each(['direct', 'vpc'] as const)('%s', (model) => {
    const o = trace(model, 'pod/default/client', 'svc/default/web:80');
    expect(o.verdict).toBe('delivered');
    expect(o.hops.some((h) => h.kind === 'encap' || h.kind === 'decap' || (h.kind === 'wire' && h.outer))).toBe(false);
    expect(o.hops.some((h) => h.kind === 'wire' && h.from.host === 'node/node-a' && h.host === 'node/node-b')).toBe(true);
  });
});

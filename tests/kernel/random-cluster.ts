// Seeded random small clusters for the property-style run, written as scenario YAML (the
// same path a user's file takes): 2-3 nodes, a few backend pods of three apps spread over
// them, client pods, an external client (on its own subnet or on the node network), and
// Services of every type and policy: ClusterIP, NodePort, LoadBalancer; TCP and UDP ports;
// externalTrafficPolicy and internalTrafficPolicy Cluster or Local; sessionAffinity
// ClientIP; loadBalancerSourceRanges; a selector that matches nothing; sometimes
// masqueradeAll. Probes are a seeded sample of the paths probes.ts derives, plus pod to pod.

import { createRandom, type Random } from '../../src/engine/random';
import { loadScenario, type TraceRequest } from '../../src/engine';
import { derivedProbes, usable } from './probes';

export interface RandomScenario {
  readonly seed: number;
  readonly yaml: string;
  readonly probes: readonly TraceRequest[];
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[r.int(xs.length)]!;
const chance = (r: Random, p: number): boolean => r.next() < p;

function nodesYaml(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `apiVersion: v1
kind: Node
metadata: { name: node-${i}, labels: { kubernetes.io/hostname: node-${i}, topology.kubernetes.io/zone: zone-${i} } }
spec: { podCIDR: 10.244.${i + 1}.0/24 }
status: { addresses: [{ type: InternalIP, address: 192.168.1.${10 + i} }, { type: Hostname, address: node-${i} }] }`);
}

function podYaml(name: string, node: number, labels: string, ports: boolean): string {
  const containerPorts = ports ? `\n      ports: [{ name: http, containerPort: 8080 }, { name: dns, containerPort: 5353, protocol: UDP }]` : '';
  return `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: default, labels: { ${labels} } }
spec:
  nodeName: node-${node}
  containers:
    - name: c
      image: example${containerPorts}`;
}

function serviceYaml(r: Random, i: number, apps: readonly string[]): string {
  const type = pick(r, ['ClusterIP', 'NodePort', 'LoadBalancer'] as const);
  const app = chance(r, 0.12) ? 'nothing' : pick(r, apps);
  const ports: string[] = [];
  if (chance(r, 0.75)) ports.push(`{ name: http, port: 80, targetPort: http${type === 'ClusterIP' ? '' : `, nodePort: ${30080 + i}`} }`);
  if (!ports.length || chance(r, 0.4)) ports.push(`{ name: dns, port: 53, targetPort: dns, protocol: UDP${type === 'ClusterIP' ? '' : `, nodePort: ${30530 + i}`} }`);
  const spec = [`  selector: { app: ${app} }`, `  type: ${type}`, `  ports: [${ports.join(', ')}]`];
  if (type !== 'ClusterIP' && chance(r, 0.5)) spec.push('  externalTrafficPolicy: Local');
  if (chance(r, 0.3)) spec.push('  internalTrafficPolicy: Local');
  if (chance(r, 0.25)) spec.push('  sessionAffinity: ClientIP');
  if (type === 'LoadBalancer' && chance(r, 0.4)) spec.push(`  loadBalancerSourceRanges: [${pick(r, ['203.0.113.0/24', '192.168.1.10/32', '10.244.1.0/24'])}]`);
  return `apiVersion: v1
kind: Service
metadata: { name: svc-${i}, namespace: default }
spec:
${spec.join('\n')}`;
}

/** The cluster for a seed, and its probes. */
export function randomScenario(seed: number, probeCount = 6): RandomScenario {
  const r = createRandom(seed * 7919 + 17);
  const nodes = 2 + r.int(2);
  const apps = ['a', 'b', 'c'];
  const docs: string[] = [];
  const onNodeNetwork = chance(r, 0.3);
  docs.push(`apiVersion: kubehops.dev/v1alpha1
kind: Cluster
metadata: { name: random-${seed} }
spec:
  serviceCIDRs: [10.96.0.0/12]
  podCIDRs: [10.244.0.0/16]
  cloud: { provider: generic }
  clients: [{ name: laptop, ip: ${onNodeNetwork ? '192.168.1.50' : '203.0.113.10'} }]`);
  if (chance(r, 0.2)) docs.push('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\niptables: { masqueradeAll: true }');
  docs.push(...nodesYaml(nodes));
  for (const app of apps) {
    const count = r.int(4);
    for (let k = 0; k < count; k++) docs.push(podYaml(`${app}-${k}`, r.int(nodes), `app: ${app}`, true));
  }
  const clients = 1 + r.int(2);
  for (let k = 0; k < clients; k++) docs.push(podYaml(`client-${k}`, r.int(nodes), 'role: client', false));
  const services = 2 + r.int(2);
  for (let i = 0; i < services; i++) docs.push(serviceYaml(r, i, apps));
  const yaml = `${docs.join('\n---\n')}\n`;

  const { cluster } = loadScenario([{ name: `random-${seed}.yaml`, text: yaml }]);
  const pods = cluster.pods.filter((p) => p.status?.podIP);
  const backends = pods.filter((p) => p.metadata.labels?.app);
  const direct: TraceRequest[] = pods.length > 1 && backends.length
    ? [{ from: `pod/default/${pods[0]!.metadata.name}`, to: `${pick(r, backends).status!.podIP}:8080`, proto: 'TCP' }]
    : [];
  const { probes: all } = usable(cluster, [...derivedProbes(cluster), ...direct]);
  const chosen: TraceRequest[] = [];
  const pool = [...all];
  while (chosen.length < probeCount && pool.length) chosen.push(pool.splice(r.int(pool.length), 1)[0]!);
  return { seed, yaml, probes: chosen };
}

// Scenarios for the cloud tests: the standard two nodes of the packet-flow tables
// (trace/flows/builders.ts), a `web` LoadBalancer Service with the chosen provider, CNI model
// and traffic policy, and its pods placed where each case needs them.

import { loadScenario } from '../manifests/load';
import type { ClusterModel } from '../model/cluster';
import type { CloudProvider, CNIModel } from '../model/cluster';
import { createTraceContext, type TraceContext } from '../trace/context';
import { makeClusterDoc, makeNode, makePod, makeService, nodeA, nodeAIP, nodeB, nodeBIP, scenarioText } from '../trace/flows/builders';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const laptop = 'client/laptop';
export const laptopIP = '203.0.113.10';
export const officeIP = '203.0.113.200';
export const lbIP = '198.51.100.1';
export const nodePort = 30080;
export const healthPort = 32000;
export { nodeAIP, nodeBIP };

export interface LbCase {
  readonly provider: CloudProvider;
  readonly cni?: CNIModel;
  readonly policy?: 'Cluster' | 'Local';
  /** Nodes that run a web pod (web-a on node-a, web-b on node-b). */
  readonly pods?: readonly ('a' | 'b')[];
  /** Pods that are not Ready. */
  readonly notReady?: readonly ('a' | 'b')[];
  readonly notReadyNodes?: readonly ('a' | 'b')[];
  readonly svc?: (s: Obj) => void;
}

/** Pod addresses: from the node's pod CIDR, or from the node subnet on the vpc model. */
export const webIP = (node: 'a' | 'b', cni: CNIModel = 'direct'): string =>
  cni === 'vpc' ? (node === 'a' ? '192.168.1.21' : '192.168.1.31') : (node === 'a' ? '10.244.1.2' : '10.244.2.2');

export function lbDocs(c: LbCase): Obj[] {
  const cluster = makeClusterDoc({ clients: [{ name: 'laptop', ip: laptopIP }, { name: 'office', ip: officeIP }] });
  const spec = cluster.spec as Obj;
  spec.cloud = { provider: c.provider };
  spec.cni = { model: c.cni ?? 'direct' };
  const down = (n: 'a' | 'b') => (node: Obj) => {
    if (c.notReadyNodes?.includes(n)) node.status.conditions = [{ type: 'Ready', status: 'False' }];
  };
  const pods = (c.pods ?? ['a', 'b']).map((n) => makePod('default', `web-${n}`, { node: n === 'a' ? nodeA : nodeB, ip: webIP(n, c.cni), app: 'web' }, (p) => {
    if (c.notReady?.includes(n)) p.status.conditions = [{ type: 'Ready', status: 'False' }];
  }));
  const svc = makeService('default', 'web', (s) => {
    s.spec.type = 'LoadBalancer';
    s.spec.clusterIP = '10.96.0.10';
    s.spec.ports[0].nodePort = nodePort;
    if (c.policy === 'Local') { s.spec.externalTrafficPolicy = 'Local'; s.spec.healthCheckNodePort = healthPort; }
    c.svc?.(s);
  });
  return [cluster, makeNode(nodeA, nodeAIP, '10.244.1.0/24', down('a')), makeNode(nodeB, nodeBIP, '10.244.2.0/24', down('b')), ...pods, svc];
}

export function loadCluster(c: LbCase): ClusterModel {
  const { cluster, documents } = loadScenario([{ name: 'lb.yaml', text: scenarioText(lbDocs(c)) }], { seed: 1 });
  const refused = documents.filter((d) => !d.valid);
  if (refused.length > 0) throw new Error(`scenario refused: ${JSON.stringify(refused.map((d) => d.errors))}`);
  return cluster;
}

export const loadLb = (c: LbCase): TraceContext => createTraceContext(loadCluster(c));

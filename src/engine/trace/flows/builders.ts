// Builders for the packet-flow tables, in the style of kube-proxy's proxier_test.go
// (makeTestService, makeTestEndpointSlice, runPacketFlowTests): each case builds a scenario
// as YAML text (JSON documents are YAML), loads it through loadScenario as a user's file would
// be loaded, and traces connections through the whole tracer. Results are summarised to what
// a user relies on: which endpoints a new connection can reach and how often, whether it was
// masqueraded, which source the backend saw, and the rule that dropped or rejected it
// (check.ts).

import { loadScenario } from '../../manifests/load';
import { createTraceContext, type TraceContext } from '../context';

// ---- Named addresses of the standard two-node cluster ---------------------------------------

export const nodeA = 'node-a';
export const nodeB = 'node-b';
export const nodeAIP = '192.168.1.10';
export const nodeBIP = '192.168.1.11';
/** The cni0 bridge address of each node: what a masqueraded pod-network packet comes from. */
export const bridgeA = '10.244.1.1';
export const bridgeB = '10.244.2.1';
/** An external client (the Cluster's spec.clients) and a second, blocked one. */
export const clientIP = '203.0.113.10';
export const blockedIP = '198.51.100.99';
export const zoneA = 'zone-a';
export const zoneB = 'zone-b';

/** Pods of the standard fixture: two backends of `web`, one client on each node. */
export const webAIP = '10.244.1.2';
export const webBIP = '10.244.2.2';
export const podAIP = '10.244.1.10';
export const podBIP = '10.244.2.10';
export const webA = `${webAIP}:8080`;
export const webB = `${webBIP}:8080`;
export const podA = 'pod/default/client-a';
export const podB = 'pod/default/client-b';
export const webPodA = 'pod/default/web-a';
export const svcIP = '10.96.0.10';
export const fromNodeA = `node/${nodeA}`;
/** An outside client's packet arriving at node-a's eth0. */
export const externalAtA = `${clientIP}@node/${nodeA}`;
export const blockedAtA = `${blockedIP}@node/${nodeA}`;

// ---- Documents ------------------------------------------------------------------------------

type Doc = Record<string, unknown>;
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ClusterOptions {
  readonly serviceCIDRs?: readonly string[];
  readonly podCIDRs?: readonly string[];
  readonly clients?: readonly { name: string; ip: string }[];
}

export function makeClusterDoc(o: ClusterOptions = {}): Doc {
  return {
    apiVersion: 'kubehops.dev/v1alpha1', kind: 'Cluster', metadata: { name: 'flows' },
    spec: {
      serviceCIDRs: o.serviceCIDRs ?? ['10.96.0.0/12'], podCIDRs: o.podCIDRs ?? ['10.244.0.0/16'],
      clients: o.clients ?? [{ name: 'laptop', ip: clientIP }, { name: 'blocked', ip: blockedIP }],
    },
  };
}

export function makeNode(name: string, ip: string, podCIDR: string, fill: (n: Obj) => void = () => {}): Doc {
  const node: Obj = {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: { podCIDR },
    status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }] },
  };
  fill(node);
  return node;
}

/** The standard nodes: node-a (192.168.1.10, 10.244.1.0/24, zone-a) and node-b (.11, .2.0/24, zone-b). */
export const standardNodes = (): Doc[] => [
  makeNode(nodeA, nodeAIP, '10.244.1.0/24', (n) => { n.metadata.labels['topology.kubernetes.io/zone'] = zoneA; }),
  makeNode(nodeB, nodeBIP, '10.244.2.0/24', (n) => { n.metadata.labels['topology.kubernetes.io/zone'] = zoneB; }),
];

/** A running, ready pod at `ip` on `node`, labelled `app`, serving containerPort 8080 named http. */
export function makePod(ns: string, name: string, at: { node: string; ip: string; app: string }, fill: (p: Obj) => void = () => {}): Doc {
  const pod: Obj = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { namespace: ns, name, labels: { app: at.app } },
    spec: { nodeName: at.node, containers: [{ name: 'main', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { podIP: at.ip },
  };
  fill(pod);
  return pod;
}

/** A Service selecting `app: <name>`, port 80 to the named targetPort http; `fill` sets the case. */
export function makeService(ns: string, name: string, fill: (s: Obj) => void = () => {}): Doc {
  const svc: Obj = {
    apiVersion: 'v1', kind: 'Service',
    metadata: { namespace: ns, name },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
  fill(svc);
  return svc;
}

/** A hand-written EndpointSlice for `service` (no selector needed), one port `http`. */
export function makeEndpointSlice(ns: string, service: string, fill: (e: Obj) => void): Doc {
  const eps: Obj = {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { namespace: ns, name: `${service}-manual`, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4', endpoints: [], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
  fill(eps);
  return eps;
}

export function makeProxyConfig(fields: Obj): Doc {
  return { apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', ...fields };
}

/** The documents as scenario YAML text (JSON is YAML; one document per `---`). */
export const scenarioText = (docs: readonly Doc[]): string => docs.map((d) => JSON.stringify(d, null, 2)).join('\n---\n');

/** Loads the scenario as a user's file is loaded; every document must be accepted. */
export function loadFlows(docs: readonly Doc[], seed = 1): TraceContext {
  const { cluster, documents } = loadScenario([{ name: 'flows.yaml', text: scenarioText(docs) }], { seed });
  const refused = documents.filter((d) => !d.valid);
  if (refused.length > 0) throw new Error(`scenario refused: ${JSON.stringify(refused.map((d) => ({ kind: d.kind, name: d.name, errors: d.errors })))}`);
  return createTraceContext(cluster);
}

/** The Cluster, both nodes, web-a/web-b behind `web`, and a client pod on each node. */
export function standardDocs(svcFill: (s: Obj) => void = () => {}): Doc[] {
  return [
    makeClusterDoc(),
    ...standardNodes(),
    makePod('default', 'web-a', { node: nodeA, ip: webAIP, app: 'web' }),
    makePod('default', 'web-b', { node: nodeB, ip: webBIP, app: 'web' }),
    makePod('default', 'client-a', { node: nodeA, ip: podAIP, app: 'client' }),
    makePod('default', 'client-b', { node: nodeB, ip: podBIP, app: 'client' }),
    makeService('default', 'web', (s) => { s.spec.clusterIP = svcIP; svcFill(s); }),
  ];
}

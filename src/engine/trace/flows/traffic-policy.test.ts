// Traffic policies (kube-proxy's TestExternalTrafficPolicyLocal, TestInternalTrafficPolicy,
// TestHealthCheckNodePort): externalTrafficPolicy Local keeps the client's address and uses
// only the node's own endpoints for outside traffic, drops it on a node without one, and
// short-circuits traffic from pods and from the node itself to every endpoint;
// internalTrafficPolicy Local confines ClusterIP traffic to the source's node.

import { describe, it } from 'vitest';
import {
  bridgeA, clientIP, externalAtA, fromNodeA, loadFlows, makeClusterDoc, makePod, makeService, nodeA,
  nodeAIP, nodeBIP, podA, podAIP, podB, podBIP, standardDocs, standardNodes, svcIP, webA, webAIP, webB,
} from './builders';
import { checkFlow, type FlowCase } from './check';

const lbIP = '192.0.2.50';
const externalIP = '192.0.2.100';
const nodePort = 30080;
const healthCheckNodePort = 32000;
const both = { [webA]: 0.5, [webB]: 0.5 };
const externalAtB = `${clientIP}@node/node-b`;

type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const localLoadBalancer = (s: Spec) => {
  s.spec.type = 'LoadBalancer';
  s.spec.externalTrafficPolicy = 'Local';
  s.spec.healthCheckNodePort = healthCheckNodePort;
  s.spec.externalIPs = [externalIP];
  s.spec.ports[0].nodePort = nodePort;
  s.status = { loadBalancer: { ingress: [{ ip: lbIP }] } };
};

describe('externalTrafficPolicy Local', () => {
  const ctx = loadFlows(standardDocs(localLoadBalancer));
  it.each<FlowCase>([
    { name: 'a pod to the ClusterIP reaches every endpoint, unmasqueraded', from: podA, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podAIP } },
    { name: 'outside to the NodePort: only the local endpoint, client IP kept', from: externalAtA, to: `${nodeAIP}:${nodePort}`, expect: { reach: { [webA]: 1 }, masq: false, seen: clientIP } },
    { name: 'outside to the other node\'s NodePort: its local endpoint', from: externalAtB, to: `${nodeBIP}:${nodePort}`, expect: { reach: { [webB]: 1 }, masq: false, seen: clientIP } },
    { name: 'outside to the LB IP: only the local endpoint, client IP kept', from: externalAtA, to: `${lbIP}:80`, expect: { reach: { [webA]: 1 }, masq: false, seen: clientIP } },
    { name: 'outside to the external IP: only the local endpoint, client IP kept', from: externalAtA, to: `${externalIP}:80`, expect: { reach: { [webA]: 1 }, masq: false, seen: clientIP } },
    // Short-circuit: `-s <clusterCIDR> -j KUBE-SVC-` in KUBE-EXT-: pods use every endpoint.
    { name: 'a pod to the NodePort reaches every endpoint, unmasqueraded', from: podA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: false, seen: podAIP } },
    { name: 'a pod to the LB IP reaches every endpoint, unmasqueraded', from: podB, to: `${lbIP}:80`, expect: { reach: both, masq: false, seen: podBIP } },
    { name: 'a pod to the external IP reaches every endpoint, unmasqueraded', from: podA, to: `${externalIP}:80`, expect: { reach: both, masq: false, seen: podAIP } },
    // `-m addrtype --src-type LOCAL`: the node's own connections are masqueraded to every endpoint.
    { name: 'the node to its NodePort reaches every endpoint, masqueraded', from: fromNodeA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: true, seen: { [webA]: bridgeA, [webB]: nodeAIP } } },
    { name: 'the node to the LB IP reaches every endpoint, masqueraded', from: fromNodeA, to: `${lbIP}:80`, expect: { reach: both, masq: true, seen: { [webA]: bridgeA, [webB]: nodeAIP } } },
  ])('$name', (c) => checkFlow(ctx, c));

  it('the healthCheckNodePort is answered by the node itself, source kept', () => {
    checkFlow(ctx, {
      name: 'health check', from: externalAtA, to: `${nodeAIP}:${healthCheckNodePort}`,
      expect: { reach: { [`${nodeAIP}:${healthCheckNodePort}`]: 1 }, masq: false, seen: clientIP },
    });
  });
});

describe('externalTrafficPolicy Local: a node without a local endpoint', () => {
  // Only web-a exists: node-b has no local endpoint.
  const docs = standardDocs(localLoadBalancer).filter((d) => (d as { metadata?: { name?: string } }).metadata?.name !== 'web-b');
  const ctx = loadFlows(docs);
  const noLocal = { verdict: 'dropped', chain: 'KUBE-EXTERNAL-SERVICES', component: 'kube-proxy' } as const;
  it.each<FlowCase>([
    { name: 'outside to its NodePort is dropped ("has no local endpoints")', from: externalAtB, to: `${nodeBIP}:${nodePort}`, expect: noLocal },
    { name: 'outside to the LB IP on that node is dropped', from: externalAtB, to: `${lbIP}:80`, expect: noLocal },
    { name: 'a pod on that node still reaches the remote endpoint through the NodePort', from: podB, to: `${nodeBIP}:${nodePort}`, expect: { reach: { [webA]: 1 }, masq: false, seen: podBIP } },
    { name: 'the node itself still reaches the remote endpoint, masqueraded', from: 'node/node-b', to: `${lbIP}:80`, expect: { reach: { [webA]: 1 }, masq: true, seen: nodeBIP } },
    { name: 'the node with the endpoint serves outside traffic', from: externalAtA, to: `${lbIP}:80`, expect: { reach: { [webA]: 1 }, masq: false, seen: clientIP } },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('internalTrafficPolicy Local', () => {
  const ctx = loadFlows(standardDocs((s) => { s.spec.internalTrafficPolicy = 'Local'; s.spec.type = 'NodePort'; s.spec.ports[0].nodePort = nodePort; }));
  it.each<FlowCase>([
    { name: 'a pod reaches only the endpoint on its own node', from: podA, to: `${svcIP}:80`, expect: { reach: { [webA]: 1 }, masq: false, seen: podAIP } },
    { name: 'a pod on the other node reaches only that node\'s endpoint', from: podB, to: `${svcIP}:80`, expect: { reach: { [webB]: 1 }, masq: false, seen: podBIP } },
    { name: 'the node reaches only its local endpoint, masqueraded', from: fromNodeA, to: `${svcIP}:80`, expect: { reach: { [webA]: 1 }, masq: true, seen: bridgeA } },
    { name: 'external traffic to the NodePort is not affected (externalTrafficPolicy Cluster)', from: externalAtA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: true, seen: { [webA]: bridgeA, [webB]: nodeAIP } } },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('internalTrafficPolicy Local: no local endpoint', () => {
  const ctx = loadFlows([
    makeClusterDoc(), ...standardNodes(),
    makePod('default', 'web-a', { node: nodeA, ip: webAIP, app: 'web' }),
    makePod('default', 'client-b', { node: 'node-b', ip: podBIP, app: 'client' }),
    makeService('default', 'web', (s) => { s.spec.clusterIP = svcIP; s.spec.internalTrafficPolicy = 'Local'; }),
  ]);
  it.each<FlowCase>([
    // KUBE-SVL- has no endpoints: the ClusterIP rule jumps straight to a DROP (nat KUBE-SERVICES... -j KUBE-MARK-DROP / filter DROP).
    { name: 'a pod on a node without a local endpoint is dropped', from: podB, to: `${svcIP}:80`, expect: { verdict: 'dropped', chain: 'KUBE-SERVICES', component: 'kube-proxy' } },
  ])('$name', (c) => checkFlow(ctx, c));
});

// Ready, serving and terminating endpoints (pkg/proxy/topology.go CategorizeEndpoints,
// kube-proxy's TestTerminatingEndpoints*): new connections go to ready endpoints only; when
// no ready endpoint exists (cluster-wide for Cluster policy, on the node for Local policy)
// they fall back to endpoints that are terminating but still serving; endpoints that are not
// serving never get traffic.

import { describe, it } from 'vitest';
import {
  clientIP, externalAtA, loadFlows, makeClusterDoc, makePod, makeService, nodeA, nodeAIP, nodeB, podA, podAIP,
  standardNodes, svcIP, webA, webAIP, webB, webBIP,
} from './builders';
import { checkFlow, type FlowCase } from './check';

const nodePort = 30080;
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type State = 'ready' | 'terminating' | 'terminating-not-serving' | 'not-ready';

/** A web pod in one of the endpoint states the EndpointSlice controller derives from the pod. */
function webPod(name: string, node: string, ip: string, state: State): Obj {
  return makePod('default', name, { node, ip, app: 'web' }, (p) => {
    if (state.startsWith('terminating')) p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    const ready = state === 'ready' || state === 'terminating';
    p.status = { ...p.status, phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] };
  });
}

function cluster(a: State, b: State, svc: (s: Obj) => void = () => {}) {
  return loadFlows([
    makeClusterDoc(), ...standardNodes(),
    webPod('web-a', nodeA, webAIP, a),
    webPod('web-b', nodeB, webBIP, b),
    makePod('default', 'client-a', { node: nodeA, ip: podAIP, app: 'client' }),
    makeService('default', 'web', (s) => { s.spec.clusterIP = svcIP; svc(s); }),
  ]);
}

const toService = (name: string, expect: FlowCase['expect']): FlowCase => ({ name, from: podA, to: `${svcIP}:80`, expect });

describe('Cluster policy', () => {
  it.each<FlowCase & { a: State; b: State }>([
    { a: 'ready', b: 'terminating', ...toService('a ready endpoint wins over a terminating one', { reach: { [webA]: 1 }, masq: false, seen: podAIP }) },
    { a: 'terminating', b: 'terminating', ...toService('only terminating endpoints: they still get traffic', { reach: { [webA]: 0.5, [webB]: 0.5 }, masq: false, seen: podAIP }) },
    { a: 'terminating', b: 'terminating-not-serving', ...toService('a terminating endpoint that is not serving gets none', { reach: { [webA]: 1 }, masq: false, seen: podAIP }) },
    { a: 'terminating-not-serving', b: 'not-ready', ...toService('no serving endpoint: rejected as having no endpoints', { verdict: 'rejected', chain: 'KUBE-SERVICES', component: 'kube-proxy' }) },
  ])('web-a $a, web-b $b: $name', (c) => checkFlow(cluster(c.a, c.b), c));
});

describe('externalTrafficPolicy Local', () => {
  const localNodePort = (s: Obj) => { s.spec.type = 'NodePort'; s.spec.externalTrafficPolicy = 'Local'; s.spec.ports[0].nodePort = nodePort; };
  const fromOutside = (expect: FlowCase['expect']): FlowCase => ({ name: 'outside to node-a', from: externalAtA, to: `${nodeAIP}:${nodePort}`, expect });

  it('the only local endpoint is terminating but serving: outside traffic still reaches it', () => {
    checkFlow(cluster('terminating', 'ready', localNodePort), fromOutside({ reach: { [webA]: 1 }, masq: false, seen: clientIP }));
  });
  it('pods short-circuit to the ready endpoints cluster-wide, not the terminating local one', () => {
    checkFlow(cluster('terminating', 'ready', localNodePort), { name: 'pod', from: podA, to: `${nodeAIP}:${nodePort}`, expect: { reach: { [webB]: 1 }, masq: false, seen: podAIP } });
  });
  it('a local ready endpoint wins over a local terminating one', () => {
    checkFlow(cluster('ready', 'terminating', localNodePort), fromOutside({ reach: { [webA]: 1 }, masq: false, seen: clientIP }));
  });
  it('the local endpoint is terminating and not serving: outside traffic is dropped', () => {
    checkFlow(cluster('terminating-not-serving', 'ready', localNodePort), fromOutside({ verdict: 'dropped', chain: 'KUBE-EXTERNAL-SERVICES', component: 'kube-proxy' }));
  });
});

// Topology-aware routing (pkg/proxy/topology.go topologyModeFromHints, topology_test.go):
// zone hints are honoured only when every ready endpoint has one and some endpoint is hinted
// for this node's zone (topology.kubernetes.io/zone); then ClusterIP traffic stays in the
// zone. Otherwise every ready endpoint is used.

import { describe, it } from 'vitest';
import {
  fromNodeA, loadFlows, makeClusterDoc, makeEndpointSlice, makeNode, makePod, makeService, nodeA, nodeAIP, nodeB, nodeBIP, podA,
  podAIP, podB, podBIP, bridgeA, standardDocs, standardNodes, svcIP, webA, webAIP, webB, webBIP, zoneA, zoneB,
} from './builders';
import { checkFlow, type FlowCase } from './check';

const both = { [webA]: 0.5, [webB]: 0.5 };

/** The standard cluster with `web` served by a hand-written slice whose endpoints carry these zone hints. */
function hinted(hints: { a?: string[]; b?: string[] }, nodes = standardNodes()) {
  const endpoint = (ip: string, node: string, zone: string, forZones?: string[]) => ({
    addresses: [ip], nodeName: node, zone, conditions: { ready: true, serving: true, terminating: false },
    ...(forZones && { hints: { forZones: forZones.map((name) => ({ name })) } }),
  });
  return loadFlows([
    makeClusterDoc(), ...nodes,
    makePod('default', 'client-a', { node: nodeA, ip: podAIP, app: 'client' }),
    makePod('default', 'client-b', { node: nodeB, ip: podBIP, app: 'client' }),
    makeService('default', 'web', (s) => { delete s.spec.selector; s.spec.clusterIP = svcIP; s.spec.ports = [{ name: 'http', port: 80, targetPort: 8080 }]; }),
    makeEndpointSlice('default', 'web', (e) => { e.endpoints = [endpoint(webAIP, nodeA, zoneA, hints.a), endpoint(webBIP, nodeB, zoneB, hints.b)]; }),
  ]);
}

describe('topology hints (hints.forZones)', () => {
  describe('every endpoint hinted for its own zone', () => {
    const ctx = hinted({ a: [zoneA], b: [zoneB] });
    it.each<FlowCase>([
      { name: 'a pod in zone-a reaches only the zone-a endpoint', from: podA, to: `${svcIP}:80`, expect: { reach: { [webA]: 1 }, masq: false, seen: podAIP } },
      { name: 'a pod in zone-b reaches only the zone-b endpoint', from: podB, to: `${svcIP}:80`, expect: { reach: { [webB]: 1 }, masq: false, seen: podBIP } },
      { name: 'the node of zone-a follows the hints too', from: fromNodeA, to: `${svcIP}:80`, expect: { reach: { [webA]: 1 }, masq: true, seen: bridgeA } },
    ])('$name', (c) => checkFlow(ctx, c));
  });

  it('one endpoint without a hint: hints are ignored and every endpoint is used', () => {
    checkFlow(hinted({ a: [zoneA] }), { name: 'partial hints', from: podB, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podBIP } });
  });

  it('no endpoint hinted for this zone: every endpoint is used', () => {
    const ctx = hinted({ a: [zoneA], b: [zoneA] });
    checkFlow(ctx, { name: 'zone-b node', from: podB, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podBIP } });
    checkFlow(ctx, { name: 'zone-a node', from: podA, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podAIP } });
  });

  it('a node without a zone label ignores zone hints', () => {
    const nodes = [
      makeNode(nodeA, nodeAIP, '10.244.1.0/24'),
      makeNode(nodeB, nodeBIP, '10.244.2.0/24', (n) => { n.metadata.labels['topology.kubernetes.io/zone'] = zoneB; }),
    ];
    const ctx = hinted({ a: [zoneA], b: [zoneB] }, nodes);
    checkFlow(ctx, { name: 'unlabelled node', from: podA, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podAIP } });
    checkFlow(ctx, { name: 'labelled node', from: podB, to: `${svcIP}:80`, expect: { reach: { [webB]: 1 }, masq: false, seen: podBIP } });
  });
});

describe('trafficDistribution PreferClose', () => {
  // The EndpointSlice controller hints each ready endpoint for its own zone
  // (staging/src/k8s.io/endpointslice/trafficdist: hints.forZones = [endpoint.zone]);
  // kube-proxy then keeps ClusterIP traffic in the zone.
  const ctx = loadFlows(standardDocs((s) => { s.spec.trafficDistribution = 'PreferClose'; }));
  it.each<FlowCase>([
    { name: 'a pod in zone-a reaches only the zone-a endpoint', from: podA, to: `${svcIP}:80`, expect: { reach: { [webA]: 1 }, masq: false, seen: podAIP } },
    { name: 'a pod in zone-b reaches only the zone-b endpoint', from: podB, to: `${svcIP}:80`, expect: { reach: { [webB]: 1 }, masq: false, seen: podBIP } },
  ])('$name', (c) => checkFlow(ctx, c));

  it('without trafficDistribution the same Service spreads over both zones', () => {
    checkFlow(loadFlows(standardDocs()), { name: 'no distribution', from: podA, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podAIP } });
  });
});

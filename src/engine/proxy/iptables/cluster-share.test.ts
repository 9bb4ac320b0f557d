// The rules a node gets must not depend on which nodes' rules were written before it: the
// service ports shared between nodes are exactly those whose rules cannot differ.

import { describe, expect, it } from 'vitest';
import type { ClusterModel, ProxyConfig } from '../../model/cluster';
import type { EndpointSlice, Service } from '../../model/k8s';
import { makeCluster, makeEndpointSlice, makeNode, makeService } from '../test-builders';
import { endpointsOnNode, familyShare } from './cluster-share';
import { ruleLinesForNode, rulesForNode } from './ruleset';

const nodes = ['node-a', 'node-b', 'node-c'];
const podOn = (node: number, i: number): string => `10.244.${node + 1}.${i + 10}`;

const service = (name: string, ip: string, fill: (s: Service) => void = () => {}): Service => makeService('default', name, (s) => {
  s.spec.clusterIP = ip;
  s.spec.ports = [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }];
  fill(s);
});

const slice = (name: string, endpoints: EndpointSlice['endpoints']): EndpointSlice => makeEndpointSlice('default', name, 1, (e) => {
  e.endpoints = endpoints;
  e.ports = [{ name: 'http', port: 8080, protocol: 'TCP' }];
});

/** One endpoint on each node; `hint` adds a zone hint to every endpoint. */
const everywhere = (hint?: string): EndpointSlice['endpoints'] => nodes.map((nodeName, n) => ({
  addresses: [podOn(n, 0)], nodeName, ...(hint && { hints: { forZones: [{ name: n === 0 ? hint : 'zone-b' }] } }),
}));

function cluster(proxy: Partial<ProxyConfig> = {}): ClusterModel {
  return makeCluster((c) => {
    c.proxy = { ...c.proxy, ...proxy };
    c.nodes = nodes.map((name, n) => makeNode(name, (node) => {
      node.metadata.labels = { 'topology.kubernetes.io/zone': n === 0 ? 'zone-a' : 'zone-b' };
      node.spec = { podCIDR: `10.244.${n + 1}.0/24`, podCIDRs: [`10.244.${n + 1}.0/24`] };
      node.status!.addresses = [{ type: 'InternalIP', address: `192.168.1.${n + 10}` }];
    }));
    c.services = [
      service('plain', '10.96.0.10'),
      service('local-ext', '10.96.0.11', (s) => { s.spec.type = 'NodePort'; s.spec.externalTrafficPolicy = 'Local'; s.spec.ports![0]!.nodePort = 30011; }),
      service('local-int', '10.96.0.12', (s) => { s.spec.internalTrafficPolicy = 'Local'; }),
      service('fw', '10.96.0.13', (s) => {
        s.spec.type = 'LoadBalancer';
        s.spec.ports![0]!.nodePort = 30013;
        s.spec.loadBalancerSourceRanges = ['192.168.1.10/32'];
        s.status = { loadBalancer: { ingress: [{ ip: '198.51.100.13' }] } };
      }),
      service('hinted', '10.96.0.14'),
      service('affinity', '10.96.0.15', (s) => { s.spec.sessionAffinity = 'ClientIP'; }),
      service('np', '10.96.0.16', (s) => { s.spec.type = 'NodePort'; s.spec.ports![0]!.nodePort = 30016; }),
    ];
    c.endpointSlices = [
      slice('plain', everywhere()), slice('local-ext', everywhere()), slice('local-int', [everywhere()[1]!]),
      slice('fw', everywhere()), slice('hinted', everywhere('zone-a')), slice('affinity', everywhere()), slice('np', everywhere()),
    ];
  });
}

describe('rules shared between the nodes of a cluster', () => {
  it.each([
    ['ClusterCIDR', {}],
    ['NodeCIDR (each node its own local detector)', { detectLocalMode: 'NodeCIDR' as const }],
    ['masqueradeAll', { masqueradeAll: true }],
  ])('give every node the rules it gets alone (%s)', (_name, proxy) => {
    const shared = cluster(proxy);
    for (const order of [nodes, [...nodes].reverse()]) {
      const warm = structuredClone(shared);
      for (const node of order) expect(rulesForNode(warm, node)).toBe(rulesForNode(structuredClone(shared), node));
    }
  });

  it('give each set of host options its own rules', () => {
    const shared = cluster();
    for (const options of [{ nfacct: false }, {}, { nfacct: false, randomFully: false }]) {
      expect(rulesForNode(shared, 'node-a', options)).toBe(rulesForNode(structuredClone(shared), 'node-a', options));
    }
  });

  it('differ between nodes where the policy, the topology or the node IP says so', () => {
    const c = cluster();
    const [a, b] = [rulesForNode(c, 'node-a'), rulesForNode(c, 'node-b')];
    expect(a).toContain('"default/local-int:http has no local endpoints"');
    expect(b).not.toContain('"default/local-int:http has no local endpoints"');
    expect(a).toContain('-s 198.51.100.13 -j KUBE-EXT-');
    expect(b).not.toContain('-s 198.51.100.13 -j KUBE-EXT-');
  });

  it('marks only the node\'s own endpoints local', () => {
    const share = familyShare(cluster(), 4);
    const i = share.services.findIndex((s) => s.name === 'default/local-ext:http');
    expect(share.nodeSpecific[i]).toBe(true);
    expect(share.nodeSpecific[share.services.findIndex((s) => s.name === 'default/plain:http')]).toBe(false);
    expect(share.endpoints[i]!.map((ep) => ep.isLocal)).toEqual([false, false, false]);
    expect(endpointsOnNode(share.endpoints[i]!, 'node-b').map((ep) => ep.isLocal)).toEqual([false, true, false]);
  });

  it('gives the lines of the text rulesForNode prints', () => {
    const c = cluster();
    expect(ruleLinesForNode(c, 'node-a').join('\n')).toBe(rulesForNode(c, 'node-a'));
    expect(ruleLinesForNode(c, 'node-a').at(-1)).toBe('');
  });
});

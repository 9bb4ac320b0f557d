// CategorizeEndpoints cases in the spirit of kube-proxy's pkg/proxy/topology_test.go: which
// endpoints Cluster and Local policy use, readiness fallback, and topology hints.

import { describe, expect, it } from 'vitest';
import type { IP } from '../net/ip';
import { categorizeEndpoints } from './categorize-endpoints';
import type { EndpointInfo } from './endpoints-map';
import type { ServicePortInfo } from './service-map';

const thisNode = 'node-a';
const thisZone = 'zone-a';

function ep(ip: string, opts: Partial<EndpointInfo> = {}): EndpointInfo {
  return {
    ip: ip as IP, port: 80, endpoint: `${ip}:80`, ready: true, serving: true, terminating: false,
    isLocal: false, zoneHints: [], nodeHints: [], ...opts,
  };
}
const local = (ip: string, opts: Partial<EndpointInfo> = {}): EndpointInfo => ep(ip, { isLocal: true, ...opts });
const terminating = (ip: string, opts: Partial<EndpointInfo> = {}): EndpointInfo =>
  ep(ip, { ready: false, serving: true, terminating: true, ...opts });
const notServing = (ip: string, opts: Partial<EndpointInfo> = {}): EndpointInfo =>
  ep(ip, { ready: false, serving: false, terminating: true, ...opts });

function svc(opts: Partial<ServicePortInfo> = {}): ServicePortInfo {
  return {
    name: 'ns/svc:http', key: 'ns/svc:http/TCP', namespace: 'ns', serviceName: 'svc', portName: 'http', protocol: 'TCP',
    clusterIP: '10.96.0.10' as IP, port: 80, nodePort: 0, externalIPs: [], loadBalancerVIPs: [], loadBalancerSourceRanges: [],
    healthCheckNodePort: 0, externalPolicyLocal: false, internalPolicyLocal: false, sessionAffinityClientIP: false,
    stickyMaxAgeSeconds: 0, ...opts,
  };
}
const nodePortLocal = svc({ nodePort: 30080, externalPolicyLocal: true });
const internalLocal = svc({ internalPolicyLocal: true });

const ips = (eps: readonly EndpointInfo[] | undefined): string[] | undefined => eps?.map((e) => e.ip);

interface Case {
  name: string;
  svc: ServicePortInfo;
  endpoints: EndpointInfo[];
  cluster: string[] | undefined;
  local: string[] | undefined;
  all: string[];
  hasAny: boolean;
}

const cases: Case[] = [
  {
    name: 'Cluster policy: every ready endpoint, not-ready ones left out',
    svc: svc(), endpoints: [ep('10.0.0.1'), ep('10.0.0.2', { ready: false, serving: false }), local('10.0.0.3')],
    cluster: ['10.0.0.1', '10.0.0.3'], local: undefined, all: ['10.0.0.1', '10.0.0.3'], hasAny: true,
  },
  {
    name: 'Cluster policy: no ready endpoint falls back to serving-terminating ones',
    svc: svc(), endpoints: [terminating('10.0.0.1'), notServing('10.0.0.2'), terminating('10.0.0.3')],
    cluster: ['10.0.0.1', '10.0.0.3'], local: undefined, all: ['10.0.0.1', '10.0.0.3'], hasAny: true,
  },
  {
    name: 'Cluster policy: nothing ready or serving means no endpoints at all',
    svc: svc(), endpoints: [notServing('10.0.0.1')],
    cluster: [], local: undefined, all: [], hasAny: false,
  },
  {
    name: 'internalTrafficPolicy Local: only local ready endpoints, no cluster list',
    svc: internalLocal, endpoints: [ep('10.0.0.1'), local('10.0.0.2'), local('10.0.0.3', { ready: false, serving: false })],
    cluster: undefined, local: ['10.0.0.2'], all: ['10.0.0.2'], hasAny: true,
  },
  {
    name: 'internalTrafficPolicy Local: no local endpoint, but endpoints elsewhere',
    svc: internalLocal, endpoints: [ep('10.0.0.1')],
    cluster: undefined, local: undefined, all: [], hasAny: true,
  },
  {
    name: 'internalTrafficPolicy Local: local serving-terminating fallback',
    svc: internalLocal, endpoints: [ep('10.0.0.1'), local('10.0.0.2', { ready: false, terminating: true })],
    cluster: undefined, local: ['10.0.0.2'], all: ['10.0.0.2'], hasAny: true,
  },
  {
    name: 'externalTrafficPolicy Local: cluster list for short-circuiting, local list for external',
    svc: nodePortLocal, endpoints: [ep('10.0.0.1'), local('10.0.0.2')],
    cluster: ['10.0.0.1', '10.0.0.2'], local: ['10.0.0.2'], all: ['10.0.0.1', '10.0.0.2'], hasAny: true,
  },
  {
    name: 'externalTrafficPolicy Local: terminating local endpoint added to the reachable set',
    svc: nodePortLocal, endpoints: [ep('10.0.0.1'), local('10.0.0.2', { ready: false, terminating: true })],
    cluster: ['10.0.0.1'], local: ['10.0.0.2'], all: ['10.0.0.1', '10.0.0.2'], hasAny: true,
  },
  {
    name: 'externalTrafficPolicy Local: only a remote terminating endpoint',
    svc: nodePortLocal, endpoints: [terminating('10.0.0.1')],
    cluster: ['10.0.0.1'], local: undefined, all: ['10.0.0.1'], hasAny: true,
  },
  {
    name: 'zone hints: only endpoints hinted for this zone',
    svc: svc(), endpoints: [ep('10.0.0.1', { zoneHints: [thisZone] }), ep('10.0.0.2', { zoneHints: ['zone-b'] })],
    cluster: ['10.0.0.1'], local: undefined, all: ['10.0.0.1'], hasAny: true,
  },
  {
    name: 'zone hints: ignored when one ready endpoint has none',
    svc: svc(), endpoints: [ep('10.0.0.1', { zoneHints: [thisZone] }), ep('10.0.0.2')],
    cluster: ['10.0.0.1', '10.0.0.2'], local: undefined, all: ['10.0.0.1', '10.0.0.2'], hasAny: true,
  },
  {
    name: 'zone hints: ignored when none is for this zone',
    svc: svc(), endpoints: [ep('10.0.0.1', { zoneHints: ['zone-b'] }), ep('10.0.0.2', { zoneHints: ['zone-c'] })],
    cluster: ['10.0.0.1', '10.0.0.2'], local: undefined, all: ['10.0.0.1', '10.0.0.2'], hasAny: true,
  },
  {
    name: 'zone hints: not-ready endpoints without hints do not disable them',
    svc: svc(), endpoints: [ep('10.0.0.1', { zoneHints: [thisZone] }), ep('10.0.0.2', { zoneHints: ['zone-b'] }), notServing('10.0.0.3')],
    cluster: ['10.0.0.1'], local: undefined, all: ['10.0.0.1'], hasAny: true,
  },
  {
    name: 'node hints (PreferSameNode) win over zone hints',
    svc: svc(), endpoints: [
      ep('10.0.0.1', { zoneHints: [thisZone], nodeHints: ['node-b'] }),
      ep('10.0.0.2', { zoneHints: [thisZone], nodeHints: [thisNode] }),
    ],
    cluster: ['10.0.0.2'], local: undefined, all: ['10.0.0.2'], hasAny: true,
  },
  {
    name: 'zone hints with externalTrafficPolicy Local: local endpoint hinted elsewhere is still reachable',
    svc: nodePortLocal, endpoints: [ep('10.0.0.1', { zoneHints: [thisZone] }), local('10.0.0.2', { zoneHints: ['zone-b'] })],
    cluster: ['10.0.0.1'], local: ['10.0.0.2'], all: ['10.0.0.1', '10.0.0.2'], hasAny: true,
  },
];

describe('categorizeEndpoints', () => {
  it.each(cases)('$name', (c) => {
    const result = categorizeEndpoints(c.endpoints, c.svc, thisNode, thisZone);
    expect(ips(result.clusterEndpoints)).toEqual(c.cluster);
    expect(ips(result.localEndpoints)).toEqual(c.local);
    expect(ips(result.allReachableEndpoints)).toEqual(c.all);
    expect(result.hasAnyEndpoints).toBe(c.hasAny);
  });
});

// ClusterIP packet flows (kube-proxy's TestClusterIPGeneral, TestOverallIPTablesRules):
// every source reaches every endpoint with equal probability; only traffic from outside the
// cluster CIDR and hairpin traffic is masqueraded.

import { describe, it } from 'vitest';
import {
  bridgeA, externalAtA, fromNodeA, loadFlows, makeClusterDoc, makePod, makeService, nodeA, nodeAIP, nodeB,
  podA, podAIP, podB, podBIP, standardDocs, standardNodes, svcIP, webA, webAIP, webB, webPodA,
} from './builders';
import { checkFlow, type FlowCase } from './check';

const both = { [webA]: 0.5, [webB]: 0.5 };

describe('ClusterIP', () => {
  const ctx = loadFlows(standardDocs());
  const cases: FlowCase[] = [
    { name: 'a pod on the same node reaches every endpoint, unmasqueraded', from: podA, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podAIP } },
    { name: 'a pod on the other node reaches every endpoint, unmasqueraded', from: podB, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podBIP } },
    { name: 'svc/NS/NAME:PORT addresses the ClusterIP', from: podA, to: 'svc/default/web:80', expect: { reach: both, masq: false, seen: podAIP } },
    {
      // ClusterCIDR detection: `! -s 10.244.0.0/16` marks the node's own connection; MASQUERADE
      // takes the address of the device the packet leaves by (cni0 for a local pod, eth0 otherwise).
      name: 'the node itself is masqueraded to its out-device address',
      from: fromNodeA, to: `${svcIP}:80`,
      expect: { reach: both, masq: true, seen: { [webA]: bridgeA, [webB]: nodeAIP } },
    },
    {
      name: 'a packet from outside the cluster CIDR is masqueraded',
      from: externalAtA, to: `${svcIP}:80`,
      expect: { reach: both, masq: true, seen: { [webA]: bridgeA, [webB]: nodeAIP } },
    },
    {
      // KUBE-SEP-: `-s <endpoint IP> -j KUBE-MARK-MASQ`, so the reply comes back through the node.
      name: 'hairpin: a pod reaching itself is masqueraded to the bridge address; other endpoints see the pod',
      from: webPodA, to: `${svcIP}:80`,
      expect: { reach: both, masq: { [webA]: true, [webB]: false }, seen: { [webA]: bridgeA, [webB]: webAIP } },
    },
    { name: 'a port the Service does not have is not touched', from: podA, to: `${svcIP}:443`, expect: { verdict: 'unhandled' } },
    { name: 'a TCP-only port does not match UDP', from: podA, to: `${svcIP}:80`, proto: 'UDP', expect: { verdict: 'unhandled' } },
  ];
  it.each(cases)('$name', (c) => checkFlow(ctx, c));
});

describe('ClusterIP: no endpoints', () => {
  const ctx = loadFlows(standardDocs((s) => { s.spec.selector = { app: 'nothing' }; }));
  it.each<FlowCase>([
    { name: 'a pod is rejected by the filter table (KUBE-SERVICES "has no endpoints")', from: podA, to: `${svcIP}:80`, expect: { verdict: 'rejected', chain: 'KUBE-SERVICES', component: 'kube-proxy' } },
    { name: 'the node itself is rejected the same way', from: fromNodeA, to: `${svcIP}:80`, expect: { verdict: 'rejected', chain: 'KUBE-SERVICES', component: 'kube-proxy' } },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('ClusterIP: protocols and ports', () => {
  const dnsIP = '10.96.0.53';
  const ctx = loadFlows([
    makeClusterDoc(),
    ...standardNodes(),
    makePod('default', 'dns-a', { node: nodeA, ip: '10.244.1.5', app: 'dns' }, (p) => {
      p.spec.containers[0].ports = [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 5353 }, { name: 'dns-sctp', containerPort: 53, protocol: 'SCTP' }];
    }),
    makePod('default', 'dns-b', { node: nodeB, ip: '10.244.2.5', app: 'dns' }, (p) => {
      // The same named port at another number: a named targetPort resolves pod by pod.
      p.spec.containers[0].ports = [{ name: 'dns', containerPort: 1053, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 6353 }, { name: 'dns-sctp', containerPort: 1053, protocol: 'SCTP' }];
    }),
    makePod('default', 'client-a', { node: nodeA, ip: podAIP, app: 'client' }),
    makeService('default', 'dns', (s) => {
      s.spec.clusterIP = dnsIP;
      s.spec.ports = [
        { name: 'dns-udp', port: 53, protocol: 'UDP', targetPort: 'dns' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 'dns-tcp' },
        { name: 'dns-sctp', port: 53, protocol: 'SCTP', targetPort: 'dns-sctp' },
      ];
    }),
  ]);
  it.each<FlowCase>([
    { name: 'UDP reaches the UDP named port of each pod', from: podA, to: `${dnsIP}:53`, proto: 'UDP', expect: { reach: { '10.244.1.5:53': 0.5, '10.244.2.5:1053': 0.5 }, masq: false, seen: podAIP } },
    { name: 'TCP on the same port reaches the TCP named port', from: podA, to: `${dnsIP}:53`, proto: 'TCP', expect: { reach: { '10.244.1.5:5353': 0.5, '10.244.2.5:6353': 0.5 }, masq: false, seen: podAIP } },
    { name: 'SCTP on the same port reaches the SCTP named port', from: podA, to: `${dnsIP}:53`, proto: 'SCTP', expect: { reach: { '10.244.1.5:53': 0.5, '10.244.2.5:1053': 0.5 }, masq: false, seen: podAIP } },
    { name: 'svc/NS/NAME:PORT with a protocol picks that port', from: podA, to: 'svc/default/dns:53', proto: 'UDP', expect: { reach: { '10.244.1.5:53': 0.5, '10.244.2.5:1053': 0.5 }, masq: false, seen: podAIP } },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('ClusterIP: endpoints on hosts the scenario does not define', () => {
  // A selectorless Service with a hand-written slice: one endpoint on a node the scenario does
  // not have (its own pod CIDR), one outside the cluster network altogether.
  const ctx = loadFlows([
    makeClusterDoc(),
    ...standardNodes(),
    makePod('default', 'client-a', { node: nodeA, ip: podAIP, app: 'client' }),
    makeService('default', 'ext', (s) => { delete s.spec.selector; s.spec.clusterIP = '10.96.0.20'; s.spec.ports = [{ name: 'http', port: 80 }]; }),
    {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { namespace: 'default', name: 'ext-1', labels: { 'kubernetes.io/service-name': 'ext' } },
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['10.244.9.7'], nodeName: 'node-z', conditions: { ready: true } },
        { addresses: ['10.244.1.50'], nodeName: nodeA, conditions: { ready: true } },
      ],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    },
  ]);
  it.each<FlowCase>([
    {
      name: 'a pod reaches remote endpoints as it reaches modelled ones',
      from: podA, to: '10.96.0.20:80', expect: { reach: { '10.244.1.50:8080': 0.5, '10.244.9.7:8080': 0.5 }, masq: false, seen: podAIP },
    },
  ])('$name', (c) => checkFlow(ctx, c));
});

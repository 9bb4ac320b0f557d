// LoadBalancer and externalIPs packet flows (kube-proxy's TestLoadBalancer,
// TestExternalTrafficPolicyCluster, TestOverallIPTablesRules): external addresses reach every
// endpoint masqueraded under externalTrafficPolicy Cluster; loadBalancerSourceRanges lets
// only the listed sources through the LoadBalancer IP (KUBE-FW- then KUBE-PROXY-FIREWALL
// drops the rest) but does not guard the NodePort.

import { describe, it } from 'vitest';
import {
  blockedAtA, bridgeA, externalAtA, fromNodeA, loadFlows, nodeAIP, podA, podAIP, podB, standardDocs, svcIP, webA, webB,
} from './builders';
import { checkFlow, type FlowCase } from './check';

const lbIP = '192.0.2.50';
const externalIP = '192.0.2.100';
const nodePort = 30080;
const both = { [webA]: 0.5, [webB]: 0.5 };
const seenFromA = { [webA]: bridgeA, [webB]: nodeAIP };
const firewallDrop = { verdict: 'dropped', chain: 'KUBE-PROXY-FIREWALL', component: 'kube-proxy' } as const;

type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const loadBalancer = (fill: (s: Spec) => void = () => {}) => (s: Spec) => {
  s.spec.type = 'LoadBalancer';
  s.spec.ports[0].nodePort = nodePort;
  s.status = { loadBalancer: { ingress: [{ ip: lbIP }] } };
  fill(s);
};

describe('LoadBalancer (externalTrafficPolicy Cluster)', () => {
  const ctx = loadFlows(standardDocs(loadBalancer()));
  it.each<FlowCase>([
    { name: 'an outside client reaches every endpoint through the LB IP, masqueraded', from: externalAtA, to: `${lbIP}:80`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'a pod reaches every endpoint through the LB IP, masqueraded', from: podA, to: `${lbIP}:80`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'the node reaches every endpoint through the LB IP, masqueraded', from: fromNodeA, to: `${lbIP}:80`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'the ClusterIP stays unmasqueraded for pods', from: podA, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podAIP } },
    { name: 'the NodePort of a LoadBalancer works too', from: externalAtA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('LoadBalancer: loadBalancerSourceRanges', () => {
  // The client's /25 and the node network are allowed; the blocked client and pods are not.
  const ctx = loadFlows(standardDocs(loadBalancer((s) => { s.spec.loadBalancerSourceRanges = ['203.0.113.0/25', '192.168.1.0/24']; })));
  it.each<FlowCase>([
    { name: 'an allowed client reaches every endpoint, masqueraded', from: externalAtA, to: `${lbIP}:80`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'a client outside the ranges is dropped', from: blockedAtA, to: `${lbIP}:80`, expect: firewallDrop },
    { name: 'a pod is outside the ranges: dropped', from: podA, to: `${lbIP}:80`, expect: firewallDrop },
    { name: 'a pod on the other node is dropped too', from: podB, to: `${lbIP}:80`, expect: firewallDrop },
    { name: 'the node, inside the ranges, reaches every endpoint, masqueraded', from: fromNodeA, to: `${lbIP}:80`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'the NodePort bypasses the source ranges', from: blockedAtA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'the ClusterIP bypasses the source ranges', from: podA, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podAIP } },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('LoadBalancer: no endpoints', () => {
  const ctx = loadFlows(standardDocs(loadBalancer((s) => { s.spec.selector = { app: 'nothing' }; s.spec.externalIPs = [externalIP]; })));
  const rejected = { verdict: 'rejected', chain: 'KUBE-EXTERNAL-SERVICES', component: 'kube-proxy' } as const;
  it.each<FlowCase>([
    { name: 'a pod to the ClusterIP is rejected', from: podA, to: `${svcIP}:80`, expect: { verdict: 'rejected', chain: 'KUBE-SERVICES', component: 'kube-proxy' } },
    { name: 'an outside client to the LB IP is rejected', from: externalAtA, to: `${lbIP}:80`, expect: rejected },
    { name: 'a pod to the LB IP is rejected', from: podA, to: `${lbIP}:80`, expect: rejected },
    { name: 'an outside client to the NodePort is rejected', from: externalAtA, to: `${nodeAIP}:${nodePort}`, expect: rejected },
    { name: 'an outside client to the external IP is rejected', from: externalAtA, to: `${externalIP}:80`, expect: rejected },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('externalIPs (externalTrafficPolicy Cluster)', () => {
  const ctx = loadFlows(standardDocs((s) => { s.spec.externalIPs = [externalIP]; }));
  it.each<FlowCase>([
    { name: 'an outside client reaches every endpoint, masqueraded', from: externalAtA, to: `${externalIP}:80`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'a pod reaches every endpoint, masqueraded', from: podA, to: `${externalIP}:80`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'the node reaches every endpoint, masqueraded', from: fromNodeA, to: `${externalIP}:80`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'another port of the external IP is not touched', from: podA, to: `${externalIP}:81`, expect: { verdict: 'unhandled' } },
  ])('$name', (c) => checkFlow(ctx, c));
});

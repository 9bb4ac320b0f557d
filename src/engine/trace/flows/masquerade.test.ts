// Who gets masqueraded (kube-proxy's local traffic detector and masqueradeAll,
// pkg/proxy/util/localdetector.go, TestMasqueradeRule): ClusterCIDR detection masquerades
// ClusterIP traffic from outside the pod CIDR; NodeCIDR narrows "local" to the node's own pod
// CIDR; with no detector (clusterCIDR "") nothing off-cluster is masqueraded and
// externalTrafficPolicy Local loses its pod short-circuit; masqueradeAll masquerades everything.

import { describe, it } from 'vitest';
import {
  bridgeA, bridgeB, clientIP, externalAtA, fromNodeA, loadFlows, makeProxyConfig, nodeAIP, nodeBIP, podA, podAIP, podB, podBIP,
  standardDocs, svcIP, webA, webB,
} from './builders';
import { checkFlow, type FlowCase } from './check';

const nodePort = 30080;
const both = { [webA]: 0.5, [webB]: 0.5 };
const seenFromA = { [webA]: bridgeA, [webB]: nodeAIP };
type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const localNodePort = (s: Spec) => {
  s.spec.type = 'NodePort';
  s.spec.externalTrafficPolicy = 'Local';
  s.spec.ports[0].nodePort = nodePort;
};

describe('masqueradeAll', () => {
  const ctx = loadFlows([...standardDocs(), makeProxyConfig({ iptables: { masqueradeAll: true } })]);
  it.each<FlowCase>([
    { name: 'a pod to the ClusterIP is masqueraded too', from: podA, to: `${svcIP}:80`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'a pod on the other node is masqueraded by its own node', from: podB, to: `${svcIP}:80`, expect: { reach: both, masq: true, seen: { [webA]: nodeBIP, [webB]: bridgeB } } },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('detectLocalMode ClusterCIDR (the kubeadm default)', () => {
  const ctx = loadFlows(standardDocs(localNodePort));
  it.each<FlowCase>([
    { name: 'a pod of another node is cluster-local: it short-circuits a Local NodePort to every endpoint', from: podB, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: false, seen: podBIP } },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('detectLocalMode NodeCIDR', () => {
  const ctx = loadFlows([...standardDocs(localNodePort), makeProxyConfig({ detectLocalMode: 'NodeCIDR' })]);
  it.each<FlowCase>([
    { name: 'a pod of this node is local: unmasqueraded to the ClusterIP', from: podA, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: podAIP } },
    { name: 'the node itself is masqueraded to the ClusterIP', from: fromNodeA, to: `${svcIP}:80`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'a pod of this node short-circuits a Local NodePort to every endpoint', from: podA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: false, seen: podAIP } },
    { name: 'a pod of another node is external to node-a: only its local endpoint, source kept', from: podB, to: `${nodeAIP}:${nodePort}`, expect: { reach: { [webA]: 1 }, masq: false, seen: podBIP } },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('no local traffic detector (clusterCIDR "")', () => {
  const ctx = loadFlows([...standardDocs(localNodePort), makeProxyConfig({ detectLocalMode: 'ClusterCIDR', clusterCIDR: '' })]);
  it.each<FlowCase>([
    { name: 'the node to the ClusterIP is not masqueraded: endpoints see the node IP', from: fromNodeA, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: nodeAIP } },
    { name: 'an outside source to the ClusterIP is not masqueraded', from: externalAtA, to: `${svcIP}:80`, expect: { reach: both, masq: false, seen: clientIP } },
    { name: 'a pod to a Local NodePort has no short-circuit: only the local endpoint', from: podA, to: `${nodeAIP}:${nodePort}`, expect: { reach: { [webA]: 1 }, masq: false, seen: podAIP } },
    { name: 'the node to its Local NodePort is still masqueraded to every endpoint', from: fromNodeA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } },
  ])('$name', (c) => checkFlow(ctx, c));
});

// NodePort packet flows (kube-proxy's TestNodePorts, TestExternalTrafficPolicyCluster,
// TestHealthCheckNodePort): a NodePort reaches every endpoint from anywhere and is always
// masqueraded under externalTrafficPolicy Cluster; 127.0.0.1 works only with
// localhostNodePorts; nodePortAddresses limits the addresses that accept it.

import { describe, it } from 'vitest';
import {
  bridgeA, bridgeB, externalAtA, fromNodeA, loadFlows, makeProxyConfig, nodeAIP, nodeBIP, podA, podB,
  standardDocs, webA, webB,
} from './builders';
import { checkFlow, type FlowCase } from './check';

const nodePort = 30080;
const both = { [webA]: 0.5, [webB]: 0.5 };
/** MASQUERADE takes the out device's address: cni0 toward the local pod, eth0 toward node-b. */
const seenFromA = { [webA]: bridgeA, [webB]: nodeAIP };
const localhostA = '127.0.0.1@node/node-a';
const noSocket = { verdict: 'rejected', component: 'kernel' } as const;

const nodePortService = (s: Record<string, any>) => { // eslint-disable-line @typescript-eslint/no-explicit-any
  s.spec.type = 'NodePort';
  s.spec.ports[0].nodePort = nodePort;
};

describe('NodePort (externalTrafficPolicy Cluster)', () => {
  const ctx = loadFlows(standardDocs(nodePortService));
  it.each<FlowCase>([
    { name: 'an outside client reaches every endpoint, masqueraded', from: externalAtA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'a pod reaches every endpoint through its node IP, masqueraded', from: podA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } },
    {
      name: 'a pod reaches the NodePort of another node, masqueraded by that node',
      from: podA, to: `${nodeBIP}:${nodePort}`, expect: { reach: both, masq: true, seen: { [webA]: nodeBIP, [webB]: bridgeB } },
    },
    { name: 'the node reaches its own NodePort, masqueraded', from: fromNodeA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'localhost reaches the NodePort (localhostNodePorts defaults to true), masqueraded', from: localhostA, to: `127.0.0.1:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } },
    { name: 'the ClusterIP of a NodePort Service still works unmasqueraded', from: podB, to: 'svc/default/web:80', expect: { reach: both, masq: false, seen: '10.244.2.10' } },
    { name: 'another port on the node IP finds no socket', from: externalAtA, to: `${nodeAIP}:${nodePort + 1}`, expect: noSocket },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('NodePort: localhostNodePorts false', () => {
  const ctx = loadFlows([...standardDocs(nodePortService), makeProxyConfig({ iptables: { localhostNodePorts: false } })]);
  it.each<FlowCase>([
    { name: '127.0.0.1 is ignored: the kernel finds no socket', from: localhostA, to: `127.0.0.1:${nodePort}`, expect: noSocket },
    { name: 'the node IP still works', from: externalAtA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } },
  ])('$name', (c) => checkFlow(ctx, c));
});

describe('NodePort: nodePortAddresses', () => {
  // The bridge address cni0 (10.244.1.1) is a local address of node-a too: addrtype LOCAL
  // takes it when nodePortAddresses is empty; a list of CIDRs leaves it out.
  describe('without nodePortAddresses every local address accepts it', () => {
    const ctx = loadFlows(standardDocs(nodePortService));
    it.each<FlowCase>([
      { name: 'a pod reaches the NodePort on the bridge address', from: podA, to: `${bridgeA}:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } },
    ])('$name', (c) => checkFlow(ctx, c));
  });

  describe('the node network only', () => {
    const ctx = loadFlows([...standardDocs(nodePortService), makeProxyConfig({ nodePortAddresses: ['192.168.1.0/24'] })]);
    it.each<FlowCase>([
      { name: 'the node IP in the range accepts the NodePort', from: externalAtA, to: `${nodeAIP}:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } },
      { name: 'the bridge address outside the range ignores it', from: podA, to: `${bridgeA}:${nodePort}`, expect: noSocket },
      { name: '127.0.0.1 is not in the list: ignored', from: localhostA, to: `127.0.0.1:${nodePort}`, expect: noSocket },
    ])('$name', (c) => checkFlow(ctx, c));
  });

  describe('127.0.0.1/32 listed', () => {
    const listed = { nodePortAddresses: ['192.168.1.0/24', '127.0.0.1/32'] };
    it('localhost reaches the NodePort, masqueraded, with localhostNodePorts true', () => {
      const ctx = loadFlows([...standardDocs(nodePortService), makeProxyConfig(listed)]);
      checkFlow(ctx, { name: 'localhost', from: localhostA, to: `127.0.0.1:${nodePort}`, expect: { reach: both, masq: true, seen: seenFromA } });
    });
    it('localhost is still ignored with localhostNodePorts false (kube-proxy skips loopback then)', () => {
      const ctx = loadFlows([...standardDocs(nodePortService), makeProxyConfig({ ...listed, iptables: { localhostNodePorts: false } })]);
      checkFlow(ctx, { name: 'localhost', from: localhostA, to: `127.0.0.1:${nodePort}`, expect: noSocket });
    });
  });
});

describe('NodePort: no endpoints', () => {
  const ctx = loadFlows(standardDocs((s) => { nodePortService(s); s.spec.selector = { app: 'nothing' }; }));
  it.each<FlowCase>([
    { name: 'an outside client is rejected (KUBE-EXTERNAL-SERVICES)', from: externalAtA, to: `${nodeAIP}:${nodePort}`, expect: { verdict: 'rejected', chain: 'KUBE-EXTERNAL-SERVICES', component: 'kube-proxy' } },
    { name: 'a pod is rejected the same way', from: podA, to: `${nodeAIP}:${nodePort}`, expect: { verdict: 'rejected', chain: 'KUBE-EXTERNAL-SERVICES', component: 'kube-proxy' } },
  ])('$name', (c) => checkFlow(ctx, c));
});

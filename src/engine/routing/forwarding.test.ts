import { describe, expect, it } from 'vitest';
import { routeLookup, type Route } from './fib';
import { forwardingDecision, hostForAddress, ingress } from './forwarding';
import { nextHop } from './links';
import { vethName } from './addressing';
import {
  bridgeAIP, clusterIP, ip, laptop, makeNetwork, nodeA, nodeAIP, nodeB, nodeBIP, outside, podA, podA2, podA2IP, podAIP, podB,
  podBIP, remotePodIP, strayPodIP,
} from './test-fixtures';

const network = makeNetwork();
const vethA = vethName('default', 'pod-a');
const vethA2 = vethName('default', 'pod-a2');
const route = (host: string, dst: string): Route => {
  const r = routeLookup(network, host, ip(dst));
  if (r.kind !== 'route') throw new Error(r.text);
  return r;
};

describe('nextHop', () => {
  it.each([
    { name: 'pod to ClusterIP: the node end of its veth', from: podA, dst: clusterIP, host: nodeA, iface: vethA },
    { name: 'pod to pod on its bridge: still its veth peer first', from: podA, dst: podA2IP, host: nodeA, iface: vethA },
    { name: 'node to local pod: through the bridge port', from: nodeA, dst: podAIP, host: podA, iface: 'eth0', port: vethA },
    { name: 'node to remote pod: the other node on the segment', from: nodeA, dst: podBIP, host: nodeB, iface: 'eth0' },
    { name: 'node to ClusterIP: the outside router', from: nodeB, dst: clusterIP, host: outside, iface: 'eth0' },
    { name: 'client to node: the outside router', from: laptop, dst: nodeAIP, host: outside, iface: 'eth1' },
    { name: 'router to node', from: outside, dst: nodeBIP, host: nodeB, iface: 'eth0' },
    { name: 'node to a pod of an unmodelled node', from: nodeA, dst: remotePodIP, host: 'remote/10.244.9.0/24', iface: 'eth0' },
    { name: 'node to an unmodelled pod on its bridge', from: nodeA, dst: strayPodIP, host: 'remote/10.244.1.50', iface: 'eth0', port: vethName('remote', '10.244.1.50') },
  ])('$name', ({ from, dst, host, iface, port }) => {
    const hop = nextHop(network, from, route(from, dst));
    expect(hop).toMatchObject({ kind: 'link', host, interface: iface, ...(port ? { bridgePort: port } : {}) });
  });

  it('reports a failed neighbour for an address nobody has', () => {
    expect(nextHop(network, nodeA, route(nodeA, '10.244.1.99'))).toMatchObject({ kind: 'no-neighbour', address: '10.244.1.99', interface: 'cni0' });
    expect(nextHop(network, podA, route(podA, '10.244.1.99'))).toMatchObject({ kind: 'no-neighbour', interface: 'eth0' });
  });

  it('delivers a local route on lo', () => {
    expect(nextHop(network, nodeA, route(nodeA, nodeAIP))).toEqual({ kind: 'local', host: nodeA, interface: 'lo' });
  });
});

describe('forwardingDecision on node-a', () => {
  it.each([
    {
      name: 'pod to ClusterIP, not DNATed (no endpoints): routed to the default gateway',
      a: { iif: vethA, src: podAIP, dst: clusterIP, linkDst: bridgeAIP }, want: { kind: 'forward', iptablesIn: 'cni0', route: { outInterface: 'eth0', gateway: ip('192.168.1.1') } },
    },
    {
      name: 'pod to ClusterIP DNATed to a pod on node-b: routed',
      a: { iif: vethA, src: podAIP, dst: podBIP, linkDst: bridgeAIP, dstChanged: true }, want: { kind: 'forward', iptablesIn: 'cni0', route: { gateway: nodeBIP } },
    },
    {
      name: 'pod to ClusterIP DNATed to another pod on the bridge: bridged DNAT',
      a: { iif: vethA, src: podAIP, dst: podA2IP, linkDst: bridgeAIP, dstChanged: true },
      want: { kind: 'bridge', bridge: 'cni0', inPort: vethA, outPort: vethA2, hairpin: false, bridgedDnat: true, iptables: true, next: { host: podA2, interface: 'eth0' } },
    },
    {
      name: 'hairpin: DNATed back to the sender, out of the port it came in by',
      a: { iif: vethA, src: podAIP, dst: podAIP, linkDst: bridgeAIP, dstChanged: true },
      want: { kind: 'bridge', inPort: vethA, outPort: vethA, hairpin: true, bridgedDnat: true, next: { host: podA, interface: 'eth0' } },
    },
    {
      name: 'pod to pod on the same bridge: bridged at L2',
      a: { iif: vethA, src: podAIP, dst: podA2IP, linkDst: podA2IP }, want: { kind: 'bridge', outPort: vethA2, bridgedDnat: false },
    },
    { name: 'pod to its node: local, seen on cni0', a: { iif: vethA, src: podAIP, dst: nodeAIP, linkDst: bridgeAIP }, want: { kind: 'local', iptablesIn: 'cni0' } },
    { name: 'NodePort from outside: local on eth0', a: { iif: 'eth0', src: ip('203.0.113.10'), dst: nodeAIP }, want: { kind: 'local', iptablesIn: 'eth0' } },
    {
      name: 'node-b forwarded a packet for pod-a: routed out cni0',
      a: { iif: 'eth0', src: podBIP, dst: podAIP }, want: { kind: 'forward', route: { outInterface: 'cni0', nextHop: podAIP } },
    },
    { name: 'pod to a missing pod on the bridge', a: { iif: vethA, src: podAIP, dst: ip('10.244.1.99') }, want: { kind: 'drop', reason: 'no-neighbour' } },
  ])('$name', ({ a, want }) => {
    expect(forwardingDecision(network, nodeA, a)).toMatchObject(want);
  });

  it('drops a packet for another host at a pod, which does not forward', () => {
    expect(forwardingDecision(network, podA, { iif: 'eth0', src: podBIP, dst: podA2IP })).toMatchObject({ kind: 'drop', reason: 'forwarding-disabled' });
  });

  it('runs PREROUTING on cni0 for every frame entering a bridge port (br_netfilter)', () => {
    expect(ingress(network, nodeA, vethA, podA2IP)).toEqual({ prerouting: true, iptablesIn: 'cni0', physdevIn: vethA });
    expect(ingress(network, nodeA, 'eth0', nodeAIP)).toEqual({ prerouting: true, iptablesIn: 'eth0' });
  });
});

describe('hostForAddress', () => {
  it.each([
    { addr: podAIP, host: podA, synthetic: false },
    { addr: nodeBIP, host: nodeB, synthetic: false },
    { addr: ip('203.0.113.10'), host: laptop, synthetic: false },
    { addr: ip('192.168.1.1'), host: outside, synthetic: false },
    { addr: strayPodIP, host: 'remote/10.244.1.50', synthetic: true },
    { addr: remotePodIP, host: 'remote/10.244.9.7', synthetic: true },
  ])('$addr is on $host', ({ addr, host, synthetic }) => {
    const found = hostForAddress(network, addr);
    expect(found && { host: found.host.name, synthetic: found.synthetic }).toEqual({ host, synthetic });
  });

  it('finds nobody for loopback or unknown addresses', () => {
    expect(hostForAddress(network, ip('127.0.0.1'))).toBeUndefined();
    expect(hostForAddress(network, ip('10.244.1.99'))).toBeUndefined();
  });

  it('maps a hostNetwork pod to its node', () => {
    expect(network.podHosts['kube-system/agent']).toBe(nodeB);
    expect(network.podHosts['default/pod-b']).toBe(podB);
  });
});

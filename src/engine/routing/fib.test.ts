import { describe, expect, it } from 'vitest';
import { masqueradeSource, routeLookup } from './fib';
import { renderRouteGet } from './render-route';
import {
  bridgeAIP, clusterIP, gatewayIP, ip, laptop, laptopIP, makeNetwork, nodeA, nodeAIP, nodeB, nodeBIP, outside,
  podA, podA2IP, podAIP, podB, podBIP, remotePodIP, strayPodIP,
} from './test-fixtures';

const network = makeNetwork();

// `ip route get` on the real kernel (bridge + veths in network namespaces, iproute2 6.1) for
// the same addresses gave these first lines.
describe('routeLookup', () => {
  it.each([
    { from: nodeA, dst: podAIP, want: '10.244.1.2 dev cni0 src 10.244.1.1 uid 0' },
    { from: nodeA, dst: podBIP, want: '10.244.2.2 via 192.168.1.11 dev eth0 src 192.168.1.10 uid 0' },
    { from: nodeA, dst: clusterIP, want: '10.96.0.10 via 192.168.1.1 dev eth0 src 192.168.1.10 uid 0' },
    { from: nodeA, dst: nodeBIP, want: '192.168.1.11 dev eth0 src 192.168.1.10 uid 0' },
    { from: nodeA, dst: nodeAIP, want: 'local 192.168.1.10 dev lo src 192.168.1.10 uid 0' },
    { from: nodeA, dst: ip('127.0.0.5'), want: 'local 127.0.0.5 dev lo src 127.0.0.1 uid 0' },
    { from: nodeA, dst: bridgeAIP, want: 'local 10.244.1.1 dev lo src 10.244.1.1 uid 0' },
    { from: nodeA, dst: ip('10.244.1.255'), want: 'broadcast 10.244.1.255 dev cni0 src 10.244.1.1 uid 0' },
    { from: nodeA, dst: remotePodIP, want: '10.244.9.7 via 192.168.1.254 dev eth0 src 192.168.1.10 uid 0' },
    { from: nodeA, dst: strayPodIP, want: '10.244.1.50 dev cni0 src 10.244.1.1 uid 0' },
    { from: podA, dst: clusterIP, want: '10.96.0.10 via 10.244.1.1 dev eth0 src 10.244.1.2 uid 0' },
    { from: podA, dst: podA2IP, want: '10.244.1.3 dev eth0 src 10.244.1.2 uid 0' },
    { from: podA, dst: podAIP, want: 'local 10.244.1.2 dev lo src 10.244.1.2 uid 0' },
    { from: podA, dst: bridgeAIP, want: '10.244.1.1 dev eth0 src 10.244.1.2 uid 0' },
    { from: podA, dst: nodeAIP, want: '192.168.1.10 via 10.244.1.1 dev eth0 src 10.244.1.2 uid 0' },
    { from: podA, dst: podBIP, want: '10.244.2.2 via 10.244.1.1 dev eth0 src 10.244.1.2 uid 0' },
    { from: podB, dst: ip('127.0.0.1'), want: 'local 127.0.0.1 dev lo src 127.0.0.1 uid 0' },
    { from: laptop, dst: nodeAIP, want: '192.168.1.10 via 203.0.113.1 dev eth0 src 203.0.113.10 uid 0' },
    { from: laptop, dst: podAIP, want: '10.244.1.2 via 203.0.113.1 dev eth0 src 203.0.113.10 uid 0' },
    { from: outside, dst: nodeBIP, want: '192.168.1.11 dev eth0 src 192.168.1.1 uid 0' },
    { from: outside, dst: laptopIP, want: '203.0.113.10 dev eth1 src 203.0.113.1 uid 0' },
    { from: outside, dst: podAIP, want: 'RTNETLINK answers: Network is unreachable' },
    { from: outside, dst: clusterIP, want: 'RTNETLINK answers: Network is unreachable' },
  ])('$from -> $dst', ({ from, dst, want }) => {
    expect(renderRouteGet(routeLookup(network, from, dst))).toBe(want);
  });

  it('gives the gateway as the next hop of a routed packet, the destination of a connected one', () => {
    const viaBridge = routeLookup(network, podA, clusterIP);
    const direct = routeLookup(network, nodeA, podAIP);
    expect(viaBridge.kind === 'route' && [viaBridge.gateway, viaBridge.nextHop, viaBridge.text]).toEqual([bridgeAIP, bridgeAIP, 'default via 10.244.1.1 dev eth0']);
    expect(direct.kind === 'route' && [direct.gateway, direct.nextHop, direct.text])
      .toEqual([undefined, podAIP, '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1']);
  });

  it('keeps a given source and refuses to forward on a host that does not', () => {
    const r = routeLookup(network, nodeA, podBIP, { src: podAIP, iif: 'cni0' });
    expect(r.kind === 'route' && [r.source, r.outInterface]).toEqual([podAIP, 'eth0']);
    expect(routeLookup(network, podA, podBIP, { iif: 'eth0' })).toMatchObject({ kind: 'unreachable', reason: 'forwarding-disabled' });
  });
});

describe('masqueradeSource', () => {
  it.each([
    { name: 'toward another node: the eth0 address', host: nodeA, out: 'eth0', dst: nodeBIP, want: nodeAIP },
    { name: 'toward a remote pod via the gateway node', host: nodeA, out: 'eth0', dst: podBIP, want: nodeAIP },
    { name: 'toward a local pod (hairpin): the bridge address', host: nodeA, out: 'cni0', dst: podAIP, want: bridgeAIP },
    { name: 'toward the outside', host: nodeB, out: 'eth0', dst: laptopIP, want: nodeBIP },
    { name: 'the outside router toward a node', host: outside, out: 'eth0', dst: nodeAIP, want: gatewayIP },
  ])('$name', ({ host, out, dst, want }) => {
    expect(masqueradeSource(network, host, out, dst)).toBe(want);
  });
});

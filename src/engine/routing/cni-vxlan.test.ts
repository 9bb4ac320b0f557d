import { describe, expect, it } from 'vitest';
import { macFor, vethName } from './addressing';
import { masqueradeSource, routeLookup, type Route } from './fib';
import { forwardingDecision } from './forwarding';
import { nextHop } from './links';
import { renderIpAddr } from './render-addr';
import { renderBridgeFdb, renderIpNeigh } from './render-neigh';
import { renderIpRoute, renderRouteGet } from './render-route';
import { vxlanSourcePort } from './cni-vxlan';
import {
  clusterIP, ip, makeNetwork, nodeA, nodeAIP, nodeB, nodeBIP, podA, podAIP, podB, podBIP, remotePodIP, withCni,
} from './test-fixtures';

const network = makeNetwork(withCni('vxlan'));
const flannelA = macFor(`${nodeA}/flannel.1`);
const flannelB = macFor(`${nodeB}/flannel.1`);
const route = (host: string, dst: string, opts = {}): Route => {
  const r = routeLookup(network, host, ip(dst), opts);
  if (r.kind !== 'route') throw new Error(r.text);
  return r;
};

// flannel's devices and entries built by hand in two network namespaces (kernel 6.18,
// iproute2 6.1: vxlan id 1 dstport 8472 nolearning, 10.244.X.0/32, onlink routes, permanent
// neighbour and FDB entries) printed these lines, trailing spaces aside.
describe('vxlan: the node tables flannel programs', () => {
  it('routes other nodes\' pod CIDRs via their VTEP address onlink, over flannel.1', () => {
    expect(renderIpRoute(network, nodeA)).toBe([
      'default via 192.168.1.1 dev eth0',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
      '10.244.9.0/24 via 10.244.9.0 dev flannel.1 onlink',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10',
    ].join('\n'));
  });

  it('gives the /32 VTEP address a local route and no broadcast', () => {
    expect(renderIpRoute(network, nodeA, { table: 'local' }).split('\n').slice(0, 3)).toEqual([
      'local 10.244.1.0 dev flannel.1 proto kernel scope host src 10.244.1.0',
      'local 10.244.1.1 dev cni0 proto kernel scope host src 10.244.1.1',
      'broadcast 10.244.1.255 dev cni0 proto kernel scope link src 10.244.1.1',
    ]);
  });

  it('prints flannel.1 and the 1450-byte bridge as ip addr does', () => {
    expect(renderIpAddr(network, nodeA).split('\n').slice(8, 17)).toEqual([
      '3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default qlen 1000',
      `    link/ether ${flannelA} brd ff:ff:ff:ff:ff:ff`,
      '    inet 10.244.1.0/32 scope global flannel.1',
      '       valid_lft forever preferred_lft forever',
      '4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000',
      `    link/ether ${macFor(`${nodeA}/cni0`)} brd ff:ff:ff:ff:ff:ff`,
      '    inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0',
      '       valid_lft forever preferred_lft forever',
      `5: ${vethName('default', 'pod-a')}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP group default qlen 1000`,
    ]);
    expect(renderIpAddr(network, podA).split('\n')[4]).toBe('2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000');
  });

  it('holds a permanent neighbour and an FDB entry per other node', () => {
    expect(renderIpNeigh(network, nodeA)).toBe([
      `10.244.2.0 dev flannel.1 lladdr ${flannelB} PERMANENT`,
      `10.244.9.0 dev flannel.1 lladdr ${macFor('remote/10.244.9.0/24/flannel.1')} PERMANENT`,
    ].join('\n'));
    expect(renderBridgeFdb(network, nodeA)).toBe([
      `${flannelB} dev flannel.1 dst 192.168.1.11 self permanent`,
      `${macFor('remote/10.244.9.0/24/flannel.1')} dev flannel.1 dst 192.168.1.254 self permanent`,
    ].join('\n'));
    expect(renderIpNeigh(network, podA)).toBe('');
  });
});

describe('vxlan: route lookups', () => {
  it.each([
    { name: 'node to remote pod: out of flannel.1 from the VTEP address', from: nodeA, dst: podBIP, want: '10.244.2.2 via 10.244.2.0 dev flannel.1 src 10.244.1.0 uid 0' },
    { name: 'node to ClusterIP: the default route, as with direct', from: nodeA, dst: clusterIP, want: '10.96.0.10 via 192.168.1.1 dev eth0 src 192.168.1.10 uid 0' },
    { name: 'node to node: the underlay', from: nodeA, dst: nodeBIP, want: '192.168.1.11 dev eth0 src 192.168.1.10 uid 0' },
    { name: 'pod to remote pod: its bridge first', from: podA, dst: podBIP, want: '10.244.2.2 via 10.244.1.1 dev eth0 src 10.244.1.2 uid 0' },
  ])('$name', ({ from, dst, want }) => {
    expect(renderRouteGet(routeLookup(network, from, dst))).toBe(want);
  });

  it('forwards a pod\'s packet for a remote pod out of flannel.1', () => {
    const d = forwardingDecision(network, nodeA, { iif: vethName('default', 'pod-a'), src: podAIP, dst: podBIP, linkDst: ip('10.244.1.1') });
    expect(d).toMatchObject({ kind: 'forward', iptablesIn: 'cni0', route: { outInterface: 'flannel.1', gateway: ip('10.244.2.0') } });
  });

  it('delivers a decapsulated packet to the local bridge', () => {
    const d = forwardingDecision(network, nodeB, { iif: 'flannel.1', src: podAIP, dst: podBIP, linkDst: ip('10.244.2.0') });
    expect(d).toMatchObject({ kind: 'forward', iptablesIn: 'flannel.1', route: { outInterface: 'cni0' } });
  });
});

describe('vxlan: next hops', () => {
  it('reaches the far VTEP inside a UDP 8472 header from node IP to node IP', () => {
    expect(nextHop(network, nodeA, route(nodeA, podBIP))).toEqual({
      kind: 'link', host: nodeB, interface: 'flannel.1', mac: flannelB,
      encap: {
        kind: 'vxlan', vni: 1, port: 8472, outerSrc: nodeAIP, outerDst: nodeBIP,
        underlay: { host: nodeA, interface: 'eth0' }, remoteUnderlay: { host: nodeB, interface: 'eth0' },
      },
    });
  });

  it('reaches a synthesized node\'s VTEP too', () => {
    expect(nextHop(network, nodeA, route(nodeA, remotePodIP))).toMatchObject({ kind: 'link', host: 'remote/10.244.9.0/24', interface: 'flannel.1', encap: { outerDst: ip('192.168.1.254') } });
  });

  it('fails like an unresolved neighbour when no entry names the gateway', () => {
    const r = { ...route(nodeA, podBIP), nextHop: ip('10.244.7.0') };
    expect(nextHop(network, nodeA, r)).toMatchObject({ kind: 'no-neighbour', interface: 'flannel.1', text: '10.244.7.0 dev flannel.1 FAILED' });
  });

  it('leaves the pod side unencapsulated', () => {
    expect(nextHop(network, podB, route(podB, podAIP))).toMatchObject({ kind: 'link', host: nodeB });
    expect(nextHop(network, podB, route(podB, podAIP))).not.toHaveProperty('encap');
  });
});

describe('vxlan: masquerade source', () => {
  it('takes the overlay device\'s address out of flannel.1 (inet_select_addr: its only primary address)', () => {
    expect(masqueradeSource(network, nodeA, 'flannel.1', podBIP)).toBe('10.244.1.0');
  });

  it('takes the node address out of eth0', () => {
    expect(masqueradeSource(network, nodeA, 'eth0', ip('203.0.113.10'))).toBe(nodeAIP);
  });
});

describe('vxlanSourcePort', () => {
  const flow = { proto: 'tcp', src: podAIP, sport: 40000, dst: podBIP, dport: 8080 };
  it('is stable per flow and inside the local port range', () => {
    const port = vxlanSourcePort(flow);
    expect(port).toBe(vxlanSourcePort({ ...flow }));
    expect(port).toBeGreaterThanOrEqual(32768);
    expect(port).toBeLessThanOrEqual(60999);
    expect(vxlanSourcePort({ ...flow, sport: 40001 })).not.toBe(port);
  });
});

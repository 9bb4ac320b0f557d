import { describe, expect, it } from 'vitest';
import { macFor } from './addressing';
import { eniVethName } from './cni-vpc';
import { masqueradeSource, routeLookup, type Route } from './fib';
import { forwardingDecision, hostForAddress } from './forwarding';
import { nextHop } from './links';
import { renderIpAddr } from './render-addr';
import { renderIpNeigh } from './render-neigh';
import { renderIpRoute, renderRouteGet } from './render-route';
import { sha1Hex } from './sha1';
import { clusterIP, ip, makeNetwork, nodeA, nodeAIP, nodeB, podA, podB, VPC_NODES } from './test-fixtures';

const network = makeNetwork(VPC_NODES);
const podAIP = ip('192.168.1.21');
const podBIP = ip('192.168.1.31');
const eniA = eniVethName('default', 'pod-a');
const eniB = eniVethName('default', 'pod-b');
const route = (host: string, dst: string): Route => {
  const r = routeLookup(network, host, ip(dst));
  if (r.kind !== 'route') throw new Error(r.text);
  return r;
};

describe('eniVethName', () => {
  it('is eni + 11 hex digits of sha1("NS.NAME"), as the AWS VPC CNI names it', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex('default.pod-a')).toBe('5e1c4d6c68c9402db77e1629afb8d4205af0bfa0');
    expect(eniA).toBe('eni5e1c4d6c68c');
  });
});

// The AWS VPC CNI's pod setup built by hand in network namespaces (kernel 6.18, iproute2 6.1)
// printed these tables, trailing spaces aside; `ip route get` agreed on the sources.
describe('vpc: tables', () => {
  it('gives the node a host route per local pod and no bridge', () => {
    expect(renderIpRoute(network, nodeB)).toBe([
      'default via 192.168.1.1 dev eth0',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
      `192.168.1.31 dev ${eniB} scope link`,
    ].join('\n'));
    expect(renderIpAddr(network, nodeB).split('\n').slice(8)).toEqual([
      `3: ${eniB}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000`,
      `    link/ether ${macFor(`${nodeB}/${podB}`)} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
    ]);
  });

  it('routes the pod through the dummy gateway 169.254.1.1, answered by a static neighbour', () => {
    expect(renderIpRoute(network, podB)).toBe(['default via 169.254.1.1 dev eth0', '169.254.1.1 dev eth0 scope link'].join('\n'));
    expect(renderIpRoute(network, podB, { table: 'local' }).split('\n').pop()).toBe('local 192.168.1.31 dev eth0 proto kernel scope host src 192.168.1.31');
    expect(renderIpAddr(network, podB).split('\n').slice(6, 7)).toEqual(['    inet 192.168.1.31/32 scope global eth0']);
    expect(renderIpNeigh(network, podB)).toBe(`169.254.1.1 dev eth0 lladdr ${macFor(`${nodeB}/${podB}`)} PERMANENT`);
  });

  it('hands the pod IPs to the node interface as fabric addresses, not Linux ones', () => {
    const eth0 = network.hosts.find((h) => h.name === nodeA)!.interfaces.find((i) => i.name === 'eth0')!;
    expect(eth0.fabricIPs).toEqual(['192.168.1.21', '192.168.1.22']);
    expect(eth0.addresses.map((a) => a.ip)).toEqual([nodeAIP]);
    expect(hostForAddress(network, podBIP)?.host.name).toBe(podB);
  });
});

describe('vpc: route lookups and next hops', () => {
  it.each([
    { name: 'node to local pod: its veth, from the node address', from: nodeA, dst: podAIP, want: `192.168.1.21 dev ${eniA} src 192.168.1.10 uid 0` },
    { name: 'node to remote pod: the node network, no overlay', from: nodeA, dst: podBIP, want: '192.168.1.31 dev eth0 src 192.168.1.10 uid 0' },
    { name: 'pod to remote pod: the dummy gateway', from: podA, dst: podBIP, want: '192.168.1.31 via 169.254.1.1 dev eth0 src 192.168.1.21 uid 0' },
    { name: 'pod to ClusterIP: the dummy gateway', from: podA, dst: clusterIP, want: '10.96.0.10 via 169.254.1.1 dev eth0 src 192.168.1.21 uid 0' },
  ])('$name', ({ from, dst, want }) => {
    expect(renderRouteGet(routeLookup(network, from, dst))).toBe(want);
  });

  it.each([
    { name: 'node to remote pod: the node that owns the address', from: nodeA, dst: podBIP, host: nodeB, iface: 'eth0' },
    { name: 'node to local pod: the pod, over its veth', from: nodeA, dst: podAIP, host: podA, iface: 'eth0' },
    { name: 'pod to anything: the host end of its veth', from: podA, dst: podBIP, host: nodeA, iface: eniA },
  ])('$name', ({ from, dst, host, iface }) => {
    const hop = nextHop(network, from, route(from, dst));
    expect(hop).toMatchObject({ kind: 'link', host, interface: iface });
    expect(hop).not.toHaveProperty('encap');
  });

  it('routes what arrives from the fabric to the pod\'s veth', () => {
    const d = forwardingDecision(network, nodeB, { iif: 'eth0', src: podAIP, dst: podBIP });
    expect(d).toMatchObject({ kind: 'forward', iptablesIn: 'eth0', route: { outInterface: eniB } });
  });

  it('routes a pod\'s packet with -i its veth, no bridge', () => {
    const d = forwardingDecision(network, nodeA, { iif: eniA, src: podAIP, dst: podBIP, linkDst: ip('169.254.1.1') });
    expect(d).toMatchObject({ kind: 'forward', iptablesIn: eniA, route: { outInterface: 'eth0' } });
  });
});

describe('vpc: masquerade source', () => {
  it('takes the node address out of the uplink', () => {
    expect(masqueradeSource(network, nodeA, 'eth0', podBIP)).toBe(nodeAIP);
  });

  it('takes the node address out of an unnumbered veth (inet_select_addr falls back to the host\'s devices)', () => {
    expect(masqueradeSource(network, nodeA, eniA, podAIP)).toBe(nodeAIP);
  });
});

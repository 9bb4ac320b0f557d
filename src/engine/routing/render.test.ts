import { describe, expect, it } from 'vitest';
import { macFor, vethName } from './addressing';
import { buildNetwork } from './build';
import { routeLookup } from './fib';
import { renderIpAddr } from './render-addr';
import { renderIpRoute, renderRouteGet } from './render-route';
import { loadScenario } from '../manifests/load';
import { ip, laptop, makeNetwork, nodeA, outside, podA, TWO_NODES } from './test-fixtures';

const network = makeNetwork();
const vethA = vethName('default', 'pod-a');

describe('renderIpRoute', () => {
  it.each([
    {
      host: nodeA, table: 'main' as const, want: [
        'default via 192.168.1.1 dev eth0',
        '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
        '10.244.2.0/24 via 192.168.1.11 dev eth0',
        '10.244.9.0/24 via 192.168.1.254 dev eth0',
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10',
      ],
    },
    {
      host: nodeA, table: 'local' as const, want: [
        'local 10.244.1.1 dev cni0 proto kernel scope host src 10.244.1.1',
        'broadcast 10.244.1.255 dev cni0 proto kernel scope link src 10.244.1.1',
        'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1',
        'local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1',
        'broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1',
        'local 192.168.1.10 dev eth0 proto kernel scope host src 192.168.1.10',
        'broadcast 192.168.1.255 dev eth0 proto kernel scope link src 192.168.1.10',
      ],
    },
    { host: podA, table: 'main' as const, want: ['default via 10.244.1.1 dev eth0', '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2'] },
    { host: laptop, table: 'main' as const, want: ['default via 203.0.113.1 dev eth0', '203.0.113.0/24 dev eth0 proto kernel scope link src 203.0.113.10'] },
    {
      host: outside, table: 'main' as const, want: [
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.1',
        '203.0.113.0/24 dev eth1 proto kernel scope link src 203.0.113.1',
      ],
    },
  ])('$host table $table', ({ host, table, want }) => {
    expect(renderIpRoute(network, host, { table })).toBe(want.join('\n'));
  });
});

describe('renderIpAddr', () => {
  it('prints a node as ip addr does', () => {
    const text = renderIpAddr(network, nodeA).split('\n');
    expect(text.slice(0, 4)).toEqual([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
    ]);
    expect(text.slice(4)).toEqual([
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000',
      `    link/ether ${macFor(`${nodeA}/eth0`)} brd ff:ff:ff:ff:ff:ff`,
      '    inet 192.168.1.10/24 brd 192.168.1.255 scope global eth0',
      '       valid_lft forever preferred_lft forever',
      '3: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000',
      `    link/ether ${macFor(`${nodeA}/cni0`)} brd ff:ff:ff:ff:ff:ff`,
      '    inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0',
      '       valid_lft forever preferred_lft forever',
      `4: ${vethA}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cni0 state UP group default qlen 1000`,
      `    link/ether ${macFor(`${nodeA}/${podA}`)} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
      `5: ${vethName('default', 'pod-a2')}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cni0 state UP group default qlen 1000`,
      `    link/ether ${macFor(`${nodeA}/pod/default/pod-a2`)} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
      `6: ${vethName('remote', '10.244.1.50')}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cni0 state UP group default qlen 1000`,
      `    link/ether ${macFor(`${nodeA}/remote/10.244.1.50`)} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
    ]);
  });

  it('names a pod eth0 after its peer index', () => {
    expect(renderIpAddr(network, podA).split('\n').slice(4, 7)).toEqual([
      '2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000',
      `    link/ether ${macFor(`${podA}/eth0`)} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
      '    inet 10.244.1.2/24 brd 10.244.1.255 scope global eth0',
    ]);
  });

  it('uses locally administered, deterministic MACs and veth names', () => {
    expect(macFor('x')).toMatch(/^02(:[0-9a-f]{2}){5}$/);
    expect(vethA).toMatch(/^veth[0-9a-f]{8}$/);
    expect(makeNetwork()).toEqual(network);
  });
});

const DUAL_STACK = TWO_NODES
  .replace('podCIDRs: [10.244.0.0/16]', 'podCIDRs: [10.244.0.0/16, fd00:10:244::/56]\n  serviceCIDRs: [10.96.0.0/12, fd00:10:96::/112]')
  .replace('spec: { podCIDR: 10.244.1.0/24 }', 'spec: { podCIDR: 10.244.1.0/24, podCIDRs: [10.244.1.0/24, "fd00:10:244:1::/64"] }')
  .replace('spec: { podCIDR: 10.244.2.0/24 }', 'spec: { podCIDR: 10.244.2.0/24, podCIDRs: [10.244.2.0/24, "fd00:10:244:2::/64"] }')
  .replace('address: 192.168.1.10 }]', 'address: 192.168.1.10 }, { type: InternalIP, address: "fd00:1::10" }]')
  .replace('address: 192.168.1.11 }]', 'address: 192.168.1.11 }, { type: InternalIP, address: "fd00:1::11" }]')
  .replace('podIPs: [{ ip: 10.244.1.2 }]', 'podIPs: [{ ip: 10.244.1.2 }, { ip: "fd00:10:244:1::2" }]');

describe('IPv6 (dual-stack)', () => {
  const { cluster } = loadScenario([{ name: 'dual.yaml', text: DUAL_STACK }]);
  const dual = buildNetwork(cluster);

  it('routes pod CIDRs /64 over the node network as ip -6 route shows them', () => {
    expect(renderIpRoute(dual, nodeA, { family: 6 })).toBe([
      'fd00:1::/64 dev eth0 proto kernel metric 256 pref medium',
      'fd00:10:244:1::/64 dev cni0 proto kernel metric 256 pref medium',
      'fd00:10:244:2::/64 via fd00:1::11 dev eth0 metric 1024 pref medium',
      'default via fd00:1::1 dev eth0 metric 1024 pref medium',
    ].join('\n'));
    expect(renderRouteGet(routeLookup(dual, nodeA, ip('fd00:10:244:2::5'))))
      .toBe('fd00:10:244:2::5 from :: via fd00:1::11 dev eth0 src fd00:1::10 metric 1024 pref medium');
    expect(renderRouteGet(routeLookup(dual, nodeA, ip('fd00:1::10'))))
      .toBe('local fd00:1::10 from :: dev lo table local proto kernel src fd00:1::10 metric 0 pref medium');
  });

  it('gives the pod a default route via the bridge address', () => {
    expect(renderIpRoute(dual, podA, { family: 6 })).toBe([
      'fd00:10:244:1::/64 dev eth0 proto kernel metric 256 pref medium',
      'default via fd00:10:244:1::1 dev eth0 metric 1024 pref medium',
    ].join('\n'));
  });
});

// A node no pod runs on: its cni0 bridge has no port, so no carrier, and `ip route` flags every
// route through it `linkdown` but the `local` one (found by the kernel lane: a real kernel
// prints exactly these tables for the namespaces built from this network). The routes stay
// usable (ignore_routes_with_linkdown is 0), so nothing but the text changes.

import { describe, expect, it } from 'vitest';
import { renderIpRoute } from './render-route';
import { makeNetwork, nodeA, nodeB, TWO_NODES } from './test-fixtures';

/** TWO_NODES without pod-b and the host-network agent: node-b runs no pod. */
const PODLESS_B = TWO_NODES.split('---').filter((d) => !/name: (pod-b|agent),/.test(d)).join('---');

describe('routes through a bridge with no port', () => {
  const network = makeNetwork(PODLESS_B);

  it.each([
    {
      host: nodeB, table: 'main' as const, want: [
        'default via 192.168.1.1 dev eth0',
        '10.244.1.0/24 via 192.168.1.10 dev eth0',
        '10.244.2.0/24 dev cni0 proto kernel scope link src 10.244.2.1 linkdown',
        '10.244.9.0/24 via 192.168.1.254 dev eth0',
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
      ],
    },
    {
      host: nodeB, table: 'local' as const, want: [
        'local 10.244.2.1 dev cni0 proto kernel scope host src 10.244.2.1',
        'broadcast 10.244.2.255 dev cni0 proto kernel scope link src 10.244.2.1 linkdown',
        'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1',
        'local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1',
        'broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1',
        'local 192.168.1.11 dev eth0 proto kernel scope host src 192.168.1.11',
        'broadcast 192.168.1.255 dev eth0 proto kernel scope link src 192.168.1.11',
      ],
    },
  ])('$host table $table', ({ host, table, want }) => {
    expect(renderIpRoute(network, host, { table })).toBe(want.join('\n'));
  });

  it('a bridge with ports keeps its carrier', () => {
    expect(renderIpRoute(network, nodeA)).toContain('10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\n');
  });
});

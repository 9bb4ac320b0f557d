import { describe, expect, it } from 'vitest';
import type { CIDR, IP } from '../net/ip';
import { longestPrefixMatch } from './fib-table';
import { staticRoute } from './kernel-routes';
import type { RouteEntry } from './types';

const route = (dst: string, dev: string, metric?: number): RouteEntry =>
  staticRoute(dst as CIDR, dev, undefined, metric === undefined ? {} : { metric });

// A table as a host-gw node holds it, plus overlapping prefixes and equal prefixes at several
// metrics; entries are deliberately out of dump order.
const table: readonly RouteEntry[] = [
  route('10.244.2.0/24', 'to-node-b'),
  route('0.0.0.0/0', 'default'),
  route('10.0.0.0/8', 'wide'),
  route('10.244.0.0/16', 'cluster', 200),
  route('10.244.0.0/16', 'cluster-preferred', 100),
  route('10.244.0.0/16', 'cluster-same-metric', 100),
  route('10.244.2.7/32', 'one-pod'),
  route('fd00::/64', 'v6-pods'),
  route('::/0', 'v6-default'),
];

describe('longestPrefixMatch (fib_table_lookup: longest prefix, then lowest metric)', () => {
  it.each([
    { dst: '10.244.2.9', dev: 'to-node-b', why: 'the /24 is more specific than the /16, the /8 and the default' },
    { dst: '10.244.2.7', dev: 'one-pod', why: 'a host route beats every shorter prefix' },
    { dst: '10.244.9.1', dev: 'cluster-preferred', why: 'equal prefixes: the lowest metric, the first added of equal metrics' },
    { dst: '10.1.2.3', dev: 'wide', why: 'only the /8 and the default contain it' },
    { dst: '192.0.2.1', dev: 'default', why: 'only the default contains it' },
    { dst: 'fd00::5', dev: 'v6-pods', why: 'IPv6 by its own prefixes' },
    { dst: '2001:db8::1', dev: 'v6-default', why: 'an IPv6 address never matches an IPv4 route' },
  ])('$dst -> $dev: $why', ({ dst, dev }) => {
    expect(longestPrefixMatch(table, dst as IP)?.dev).toBe(dev);
  });

  it('finds nothing without a covering prefix or for a non-address', () => {
    const noDefault = table.filter((r) => r.dev !== 'default');
    expect(longestPrefixMatch(noDefault, '192.0.2.1' as IP)).toBeUndefined();
    expect(longestPrefixMatch(table, 'not-an-ip' as IP)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalIP, cidrContains, cidrSubnet, formatCIDR, parseCIDR, parseIP } from './ip';

describe('addresses as the API server parses them', () => {
  it.each([
    ['10.96.0.1', '10.96.0.1'],
    ['FD00::0:1', 'fd00::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'],
    ['::', '::'],
  ])('%s is canonically %s', (text, canonical) => {
    expect(canonicalIP(text)).toBe(canonical);
  });

  it.each(['010.0.0.1', '10.0.0', '10.0.0.256', 'fe80::1%eth0', '1::2::3', 'abc', ''])('refuses %s', (text) => {
    expect(parseIP(text)).toBeUndefined();
  });
});

describe('CIDR prefixes', () => {
  it('contains addresses of its own family only', () => {
    const cidr = parseCIDR('10.96.0.0/12')!;
    expect(cidrContains(cidr, parseIP('10.111.255.255')!)).toBe(true);
    expect(cidrContains(cidr, parseIP('10.112.0.0')!)).toBe(false);
    expect(cidrContains(parseCIDR('::/0')!, parseIP('10.0.0.1')!)).toBe(false);
  });

  it('refuses host bits in strict mode, as Service CIDR flags do', () => {
    expect(parseCIDR('10.96.0.1/12', true)).toBeUndefined();
    expect(formatCIDR(parseCIDR('10.96.0.1/12')!)).toBe('10.96.0.0/12');
  });

  it('cuts node pod CIDRs from the cluster CIDR in order', () => {
    expect(formatCIDR(cidrSubnet(parseCIDR('10.244.0.0/16')!, 24, 3n))).toBe('10.244.3.0/24');
  });
});

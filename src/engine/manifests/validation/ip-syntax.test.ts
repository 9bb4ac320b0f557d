import { describe, expect, it } from 'vitest';
import { familyName, isCIDRSloppy, parseIPSloppy } from './ip-syntax';

describe('IP syntax as the API server parses Service addresses (ParseIPSloppy)', () => {
  it.each<[string, string, 'IPv4' | 'IPv6' | undefined]>([
    ['a plain IPv4 address', '10.96.0.10', 'IPv4'],
    ['leading zeros are read as decimal', '010.096.000.010', 'IPv4'],
    ['three octets are not an address', '10.96.0', undefined],
    ['an octet over 255 is not an address', '10.96.0.256', undefined],
    ['an IPv6 address', 'fd00::10', 'IPv6'],
    ['an IPv4-mapped IPv6 address counts as IPv4', '::ffff:10.96.0.10', 'IPv4'],
    ['an IPv4-compatible IPv6 address stays IPv6', '::10.96.0.10', 'IPv6'],
    ['a zone is not allowed', 'fe80::1%eth0', undefined],
    ['padding is not allowed', ' 10.0.0.1', undefined],
  ])('%s', (_behaviour, text, family) => {
    expect(familyName(text)).toBe(family);
  });

  it('reads the mapped address as its IPv4 value', () => {
    expect(parseIPSloppy('::ffff:10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n, written: 6 });
  });

  it.each<[string, string, boolean]>([
    ['a CIDR with host bits set is accepted', '10.0.0.1/8', true],
    ['a prefix with a leading zero is read as decimal', '10.0.0.0/024', true],
    ['an IPv4 prefix over 32 is refused', '10.0.0.0/33', false],
    ['an IPv6 prefix up to 128 is accepted', '2001:db8::/128', true],
    ['a mapped address takes an IPv6 prefix length', '::ffff:10.0.0.0/104', true],
    ['a bare address is not a CIDR', '10.0.0.0', false],
  ])('%s', (_behaviour, text, ok) => {
    expect(isCIDRSloppy(text)).toBe(ok);
  });
});

// IP and CIDR syntax as Service validation sees it: k8s.io/utils/net ParseIPSloppy and
// ParseCIDRSloppy (Go's pre-1.17 parser, which accepts leading zeros in IPv4 octets),
// k8s.io/apimachinery/pkg/util/validation/ip.go (IsValidIP, IsValidCIDR) and
// ValidateNonSpecialIP in pkg/apis/core/validation/validation.go. Shared by every validator
// that reads addresses (Services, Endpoints, EndpointSlices, Pods, Nodes). Like Go's net.IP, an
// IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) counts as IPv4.

import { invalid, type FieldError, type FieldPath } from '../field-errors';
import { parseIP } from '../../net/ip';

export interface SloppyIP {
  /** 4 for IPv4 and IPv4-mapped IPv6 (Go's To4() != nil), else 6. */
  readonly family: 4 | 6;
  /** The 32-bit value for family 4, the 128-bit value for family 6. */
  readonly value: bigint;
  /** The family the text was written in (a mapped address is written as IPv6). */
  readonly written: 4 | 6;
}

function sloppyIPv4(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^[0-9]+$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map((p) => String(Number(p))).join('.');
}

function sloppyIPv6(text: string): string | undefined {
  const groups = text.split(':');
  const last = groups.length - 1;
  if (groups[last]!.includes('.')) {
    const v4 = sloppyIPv4(groups[last]!);
    if (v4 === undefined) return undefined;
    groups[last] = v4;
  }
  // The old parser reads any number of hex digits as long as the group fits in 16 bits.
  return groups.map((g) => (/^[0-9a-fA-F]{5,}$/.test(g) ? g.replace(/^0+(?=[0-9a-fA-F])/, '') : g)).join(':');
}

/** ParseIPSloppy; undefined when Go would return nil. */
export function parseIPSloppy(text: string): SloppyIP | undefined {
  if (typeof text !== 'string') return undefined;
  const firstSep = text.search(/[.:]/);
  if (firstSep < 0) return undefined;
  const isV4Text = text[firstSep] === '.';
  const normal = isV4Text ? sloppyIPv4(text) : sloppyIPv6(text);
  const ip = normal === undefined ? undefined : parseIP(normal);
  if (!ip || ip.family !== (isV4Text ? 4 : 6)) return undefined;
  if (ip.family === 6 && ip.value >> 32n === 0xffffn) {
    return { family: 4, value: ip.value & 0xffffffffn, written: 6 };
  }
  return { family: ip.family, value: ip.value, written: ip.family };
}

/** ParseCIDRSloppy succeeds: an address, `/`, a decimal prefix no longer than the written address. */
export function isCIDRSloppy(text: string): boolean {
  if (typeof text !== 'string') return false;
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const ip = parseIPSloppy(text.slice(0, slash));
  const prefix = text.slice(slash + 1);
  if (!ip || !/^[0-9]+$/.test(prefix)) return false;
  return Number(prefix) <= (ip.written === 4 ? 32 : 128);
}

/** netutils.ParseCIDRSloppy: the address (family as Go sees it) when the text is a CIDR, else undefined. */
export function parseCIDRSloppy(text: string): SloppyIP | undefined {
  return isCIDRSloppy(text) ? parseIPSloppy(text.slice(0, text.indexOf('/'))) : undefined;
}

/** IsDualStackIPStrings / IsDualStackCIDRStrings: one of each family; false when any does not parse. */
export function isDualStack(values: string[], parse: (v: string) => SloppyIP | undefined): boolean {
  const parsed = values.map(parse);
  if (parsed.some((p) => p === undefined)) return false;
  return parsed.some((p) => p!.family === 4) && parsed.some((p) => p!.family === 6);
}

/** `IPv4` or `IPv6` the way IsIPv4String/IsIPv6String decide it; undefined for a non-address. */
export function familyName(text: string): 'IPv4' | 'IPv6' | undefined {
  const ip = parseIPSloppy(text);
  return ip && (ip.family === 4 ? 'IPv4' : 'IPv6');
}

/** validation.IsValidIP. */
export function isValidIP(at: FieldPath, value: string): FieldError[] {
  return parseIPSloppy(value) ? [] : [invalid(at, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** IsValidIPv4Address. */
export const isValidIPv4Address = (at: FieldPath, value: string): FieldError[] =>
  parseIPSloppy(value)?.family === 4 ? [] : [invalid(at, value, 'must be a valid IPv4 address')];

/** IsValidIPv6Address. */
export const isValidIPv6Address = (at: FieldPath, value: string): FieldError[] =>
  parseIPSloppy(value)?.family === 6 ? [] : [invalid(at, value, 'must be a valid IPv6 address')];

/** validation.IsValidCIDR. */
export function isValidCIDR(at: FieldPath, value: string): FieldError[] {
  return isCIDRSloppy(value) ? [] : [invalid(at, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

const byte = (ip: SloppyIP, i: number): number =>
  Number((ip.value >> BigInt((ip.family === 4 ? 3 : 15) * 8 - i * 8)) & 0xffn);

const isUnspecified = (ip: SloppyIP): boolean => ip.value === 0n;
const isLoopback = (ip: SloppyIP): boolean => (ip.family === 4 ? byte(ip, 0) === 127 : ip.value === 1n);
const isLinkLocalUnicast = (ip: SloppyIP): boolean => (ip.family === 4
  ? byte(ip, 0) === 169 && byte(ip, 1) === 254
  : byte(ip, 0) === 0xfe && (byte(ip, 1) & 0xc0) === 0x80);
const isLinkLocalMulticast = (ip: SloppyIP): boolean => (ip.family === 4
  ? byte(ip, 0) === 224 && byte(ip, 1) === 0 && byte(ip, 2) === 0
  : byte(ip, 0) === 0xff && (byte(ip, 1) & 0x0f) === 0x02);

/** ValidateNonSpecialIP: no unspecified, loopback or link-local addresses (external IPs, endpoints). */
export function validateNonSpecialIP(value: string, at: FieldPath): FieldError[] {
  const ip = parseIPSloppy(value);
  if (!ip) return [invalid(at, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  if (isUnspecified(ip)) errs.push(invalid(at, value, `may not be unspecified (${value})`));
  if (isLoopback(ip)) errs.push(invalid(at, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (isLinkLocalUnicast(ip)) errs.push(invalid(at, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (isLinkLocalMulticast(ip)) {
    errs.push(invalid(at, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}

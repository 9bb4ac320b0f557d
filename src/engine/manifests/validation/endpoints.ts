// Validation of the legacy v1 Endpoints object on create, and the IP address checks the API
// server shares between Endpoints, EndpointSlices and pods. Follows
// pkg/apis/core/validation/validation.go (ValidateEndpoints, validateEndpointSubsets,
// validateEndpointAddress, validateEndpointPort, ValidateNonSpecialIP) and
// staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go (IsValidIP, IsValidIPv4Address,
// IsValidIPv6Address, IsValidCIDR). Those parse with netutils.ParseIPSloppy, which is more
// lenient than net/ip.ts: IPv4 octets may carry leading zeros ("010.0.0.1").
// Expects a defaulted object (defaultEndpoints), as the API server validates after defaulting.

import type { Endpoints } from '../../model/k8s';
import { PROTOCOLS } from '../../model/k8s';
import { parseIP, type IPFamily } from '../../net/ip';
import { FieldPath, invalid, notSupported, path, required, type FieldError } from '../field-errors';
import { validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from './names';

/** An address as Go's net.IP sees it: an IPv4-mapped IPv6 address counts as IPv4 (To4() != nil). */
export interface GoIP {
  readonly family: IPFamily;
  readonly value: bigint;
}

const V4_MAPPED_PREFIX = 0xffffn;

/** Drops leading zeros from the dotted-quad part, which Go's pre-1.17 parser read as decimal. */
function unpadDottedQuad(text: string): string {
  const colon = text.lastIndexOf(':');
  const head = text.slice(0, colon + 1);
  const tail = text.slice(colon + 1);
  if (!tail.includes('.')) return text;
  const parts = tail.split('.').map((p) => (/^[0-9]+$/.test(p) ? p.replace(/^0+(?=[0-9])/, '') : p));
  return head + parts.join('.');
}

/** netutils.ParseIPSloppy; undefined when the text is not an address. */
export function parseIPSloppy(text: string): GoIP | undefined {
  if (typeof text !== 'string') return undefined;
  const ip = parseIP(text) ?? parseIP(unpadDottedQuad(text));
  if (!ip) return undefined;
  if (ip.family === 6 && ip.value >> 32n === V4_MAPPED_PREFIX) return { family: 4, value: ip.value & 0xffffffffn };
  return ip;
}

/** netutils.ParseCIDRSloppy: an address (sloppy), `/`, a decimal prefix length within the written family. */
export function parseCIDRSloppy(text: string): GoIP | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIPSloppy(text.slice(0, slash));
  const prefix = text.slice(slash + 1);
  if (!ip || !/^[0-9]+$/.test(prefix)) return undefined;
  const bits = text.slice(0, slash).includes(':') ? 128 : 32;
  return Number(prefix) <= bits ? ip : undefined;
}

/** IsDualStackIPStrings / IsDualStackCIDRStrings: one of each family; false when any does not parse. */
export function isDualStack(values: string[], parse: (v: string) => GoIP | undefined): boolean {
  const parsed = values.map(parse);
  if (parsed.some((p) => p === undefined)) return false;
  return parsed.some((p) => p!.family === 4) && parsed.some((p) => p!.family === 6);
}

/** IsValidIP. */
export const isValidIP = (at: FieldPath, value: string): FieldError[] =>
  parseIPSloppy(value) ? [] : [invalid(at, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];

/** IsValidIPv4Address. */
export const isValidIPv4Address = (at: FieldPath, value: string): FieldError[] =>
  parseIPSloppy(value)?.family === 4 ? [] : [invalid(at, value, 'must be a valid IPv4 address')];

/** IsValidIPv6Address. */
export const isValidIPv6Address = (at: FieldPath, value: string): FieldError[] =>
  parseIPSloppy(value)?.family === 6 ? [] : [invalid(at, value, 'must be a valid IPv6 address')];

/** IsValidCIDR. */
export const isValidCIDR = (at: FieldPath, value: string): FieldError[] =>
  parseCIDRSloppy(value) ? [] : [invalid(at, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];

const isLoopback = (ip: GoIP): boolean => (ip.family === 4 ? ip.value >> 24n === 127n : ip.value === 1n);
const isLinkLocalUnicast = (ip: GoIP): boolean =>
  ip.family === 4 ? ip.value >> 16n === 0xa9fen : ip.value >> 118n === 0x3fan;
const isLinkLocalMulticast = (ip: GoIP): boolean =>
  ip.family === 4 ? ip.value >> 8n === 0xe00000n : ((ip.value >> 112n) & 0xff0fn) === 0xff02n;

/**
 * ValidateNonSpecialIP (ValidateEndpointIP in newer trees, same rules and words): endpoints
 * may not be unspecified, loopback or link-local addresses.
 */
export function validateNonSpecialIP(value: string, at: FieldPath): FieldError[] {
  const ip = parseIPSloppy(value);
  if (!ip) return [invalid(at, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  if (ip.value === 0n) errs.push(invalid(at, value, `may not be unspecified (${value})`));
  if (isLoopback(ip)) errs.push(invalid(at, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (isLinkLocalUnicast(ip)) errs.push(invalid(at, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (isLinkLocalMulticast(ip)) {
    errs.push(invalid(at, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}

/** ValidateNodeName (NameIsDNSSubdomain) reported as Invalid at `at`. */
export const validateNodeNameAt = (name: string, at: FieldPath): FieldError[] =>
  isDNS1123Subdomain(name).map((msg) => invalid(at, name, msg));

/** ValidateDNS1123Label. */
export const validateDNS1123LabelAt = (value: string, at: FieldPath): FieldError[] =>
  isDNS1123Label(value).map((msg) => invalid(at, value, msg));

/** ValidateQualifiedName. */
export const validateQualifiedNameAt = (value: string, at: FieldPath): FieldError[] =>
  isQualifiedName(value).map((msg) => invalid(at, value, msg));

type Subset = NonNullable<Endpoints['subsets']>[number];
type EndpointAddress = NonNullable<Subset['addresses']>[number];
type EndpointPort = NonNullable<Subset['ports']>[number];

const isSet = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function validateEndpointAddress(address: EndpointAddress, at: FieldPath): FieldError[] {
  const ip = str(address?.ip);
  const errs = isValidIP(at.child('ip'), ip);
  const hostname = str(address?.hostname);
  if (hostname.length > 0) errs.push(...validateDNS1123LabelAt(hostname, at.child('hostname')));
  if (isSet(address?.nodeName)) errs.push(...validateNodeNameAt(str(address.nodeName), at.child('nodeName')));
  errs.push(...validateNonSpecialIP(ip, at.child('ip')));
  return errs;
}

function validateEndpointPort(port: EndpointPort, requireName: boolean, at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(port?.name);
  if (requireName && name.length === 0) errs.push(required(at.child('name')));
  else if (name.length !== 0) errs.push(...validateDNS1123LabelAt(name, at.child('name')));
  const num = port?.port ?? 0;
  for (const msg of isValidPortNum(num)) errs.push(invalid(at.child('port'), num, msg));
  const protocol = str(port?.protocol);
  if (protocol.length === 0) errs.push(required(at.child('protocol')));
  else if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    errs.push(notSupported(at.child('protocol'), protocol, [...PROTOCOLS].sort()));
  }
  if (isSet(port?.appProtocol)) errs.push(...validateQualifiedNameAt(str(port.appProtocol), at.child('appProtocol')));
  return errs;
}

function validateEndpointSubset(subset: Subset, at: FieldPath): FieldError[] {
  const addresses = subset?.addresses ?? [];
  const notReady = subset?.notReadyAddresses ?? [];
  const ports = subset?.ports ?? [];
  const errs: FieldError[] = [];
  if (addresses.length === 0 && notReady.length === 0) {
    errs.push(required(at, 'must specify `addresses` or `notReadyAddresses`'));
  }
  addresses.forEach((a, i) => errs.push(...validateEndpointAddress(a, at.child('addresses').index(i))));
  notReady.forEach((a, i) => errs.push(...validateEndpointAddress(a, at.child('notReadyAddresses').index(i))));
  ports.forEach((p, i) => errs.push(...validateEndpointPort(p, ports.length > 1, at.child('ports').index(i))));
  return errs;
}

/** ValidateEndpointsCreate: metadata (name a DNS subdomain) and every subset. */
export function validateEndpoints(e: Endpoints): FieldError[] {
  const errs = validateObjectMeta(e?.metadata, { namespaced: true, validateName: isDNS1123Subdomain });
  (e?.subsets ?? []).forEach((s, i) => errs.push(...validateEndpointSubset(s, path('subsets').index(i))));
  return errs;
}

// Address arithmetic the network model needs (subnet of an address, IPv4 broadcast as netlink
// computes it, the prefix covering a set of node addresses) and the deterministic names a
// real system would pick at random: veth names (containernetworking/plugins ip.RandomVethName
// draws `veth` + 8 hex digits; here they come from a hash of the pod) and MAC addresses
// (locally administered, derived from the host and interface names).

import { bitsOf, cidrAddress, cidrContains, cidrOf, cidrSize, formatCIDR, formatIP, parseCIDR, parseIP, type CIDR, type IP, type IPFamily, type ParsedCIDR, type ParsedIP } from '../net/ip';

/** FNV-1a, 32 bits: a stable hash for names and MACs. */
import { fnv1a32 } from '../net/hash';
export { fnv1a32 };

const HEX_DIGITS = '0123456789abcdef';

/** `n` as 8 lowercase hex digits (toString(16) is slow in V8, and a large cluster names a veth and two MACs per pod). */
function hex8(n: number): string {
  let text = '';
  for (let shift = 28; shift >= 0; shift -= 4) text += HEX_DIGITS[(n >>> shift) & 0xf]!;
  return text;
}

/** The host side of a pod's veth pair: `veth` + 8 hex digits of a hash of `NS/NAME`. */
export const vethName = (namespace: string, name: string): string => `veth${hex8(fnv1a32(`${namespace}/${name}`))}`;

/** A locally administered unicast MAC (02:...) derived from `seed`. */
export function macFor(seed: string): string {
  const h = fnv1a32(seed);
  const a = hex8(h);
  const b = hex8(fnv1a32('#', h)).slice(0, 2); // the hash of `${seed}#`
  return `02:${a.slice(0, 2)}:${a.slice(2, 4)}:${a.slice(4, 6)}:${a.slice(6, 8)}:${b}`;
}

export const familyOf = (ip: string): IPFamily => parseIP(ip)?.family ?? 4;
export const bitsOfFamily = bitsOf;
/** The host prefix length of an address: /32 or /128. */
export const hostPrefixLength = (ip: string): number => bitsOf(familyOf(ip));

// Parsed from the address, not from an `IP/LEN` text: a large cluster asks this for every pod.
const subnetOf = (ip: string, prefix: number): ParsedCIDR | undefined => {
  const a = parseIP(ip);
  return a && cidrOf(a, prefix);
};

/** The prefix of `ip` at length `prefix` (`10.244.1.7`, 24 -> `10.244.1.0/24`). */
export function prefixOf(ip: IP, prefix: number): CIDR {
  return formatCIDR(subnetOf(ip, prefix)!);
}

/** Whether `ip` is inside `cidr` (false across families). */
export function contains(cidr: string, ip: string): boolean {
  const c = parseCIDR(cidr);
  const a = parseIP(ip);
  return c !== undefined && a !== undefined && cidrContains(c, a);
}

/** Whether `ip` is in the subnet of the address `own/prefix`. */
export function sameSubnet(own: IP, prefix: number, ip: IP): boolean {
  const subnet = subnetOf(own, prefix);
  const a = parseIP(ip);
  return subnet !== undefined && a !== undefined && cidrContains(subnet, a);
}

/** The IPv4 broadcast address netlink fills in (vishvananda/netlink AddrAdd) below /31; none for IPv6. */
export function broadcastOf(ip: IP, prefix: number): IP | undefined {
  const brd = broadcastOfParsed(parseIP(ip)!, prefix);
  return brd && formatIP(brd);
}

/** broadcastOf for an address already parsed. */
export function broadcastOfParsed(ip: ParsedIP, prefix: number): ParsedIP | undefined {
  const cidr = cidrOf(ip, prefix)!;
  if (cidr.family !== 4 || prefix >= 31) return undefined;
  return { family: 4, value: cidr.base + cidrSize(cidr) - 1n };
}

/** The `n`-th address of a prefix (negative: from the end, -1 = last). */
export function nthAddress(cidr: CIDR, n: number): IP {
  const c = parseCIDR(cidr)!;
  const offset = n >= 0 ? BigInt(n) : cidrSize(c) + BigInt(n);
  return cidrAddress(c, offset);
}

/** The length of the longest common prefix of two addresses of one family. */
export function commonPrefixLength(a: IP, b: IP): number {
  const pa = parseIP(a)!;
  const pb = parseIP(b)!;
  if (pa.family !== pb.family) return -1;
  const bits = bitsOfFamily(pa.family);
  let diff = pa.value ^ pb.value;
  let len = bits;
  while (diff > 0n) { diff >>= 1n; len--; }
  return len;
}

/**
 * The smallest prefix covering every address, but never longer than `longest` (so two nodes
 * at .10 and .11 share a /24, not a /31).
 */
export function coveringPrefix(ips: readonly IP[], longest: number): CIDR {
  let prefix = longest;
  for (const ip of ips) prefix = Math.min(prefix, commonPrefixLength(ips[0]!, ip));
  return prefixOf(ips[0]!, prefix);
}

/** The default route's destination for a family. */
export const anyRoute = (family: IPFamily): CIDR => (family === 4 ? '0.0.0.0/0' : '::/0') as CIDR;

export const prefixLength = (cidr: string): number => parseCIDR(cidr)!.prefix;

/** First free address counted from `start` (negative: from the end) that is not in `taken`. */
export function freeAddress(cidr: CIDR, taken: ReadonlySet<string>, start: number, step: number): IP {
  const c = parseCIDR(cidr)!;
  const total = cidrSize(c);
  const size = Number(total > 1n << 20n ? 1n << 20n : total);
  for (let i = 0, n = start; i < size; i++, n += step) {
    const ip = cidrAddress(c, n >= 0 ? BigInt(n) : total + BigInt(n));
    if (!taken.has(ip)) return ip;
  }
  return nthAddress(cidr, start);
}

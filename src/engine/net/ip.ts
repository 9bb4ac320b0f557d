// IPv4 and IPv6 addresses and CIDR prefixes, parsed strictly the way the API server's
// validation parses them (Go's net/netip: no leading zeros in IPv4, no zones).
// An address travels through the engine as its canonical text (the `IP` brand) and is
// turned into a number only where arithmetic needs it.

export type IPFamily = 4 | 6;
/** An IP address in canonical text form (`10.0.0.1`, `fd00::1`). */
export type IP = string & { readonly __brand: 'IP' };
/** A CIDR prefix in canonical text form with the host bits cleared (`10.244.1.0/24`). */
export type CIDR = string & { readonly __brand: 'CIDR' };

export interface ParsedIP {
  readonly family: IPFamily;
  readonly value: bigint;
}

export interface ParsedCIDR {
  readonly family: IPFamily;
  /** The network address (host bits zero). */
  readonly base: bigint;
  readonly prefix: number;
}

/** Address width in bits of a family. */
export const bitsOf = (family: IPFamily): number => (family === 4 ? 32 : 128);

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  if (text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string): string[] | undefined => {
    if (s === '') return [];
    const groups = s.split(':');
    const last = groups[groups.length - 1]!;
    if (last.includes('.')) {
      const v4 = parseIPv4(last);
      if (v4 === undefined) return undefined;
      groups.splice(groups.length - 1, 1, ((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16));
    }
    return groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups : undefined;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/**
 * Parsed addresses, remembered: a simulation meets the same few addresses on every rule a
 * packet walks. Bounded, and cleared when full, so memory stays flat on any input.
 */
const parsedCache = new Map<string, ParsedIP | undefined>();
const PARSED_CACHE_MAX = 1 << 18;

/** Parses an address; undefined when it is not one. */
export function parseIP(text: string): ParsedIP | undefined {
  const cached = parsedCache.get(text);
  if (cached !== undefined || parsedCache.has(text)) return cached;
  if (parsedCache.size >= PARSED_CACHE_MAX) parsedCache.clear();
  const parsed = parseUncached(text);
  parsedCache.set(text, parsed);
  return parsed;
}

function parseUncached(text: string): ParsedIP | undefined {
  if (text.includes(':')) {
    const value = parseIPv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIPv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

/** The canonical text of an address (RFC 5952 for IPv6). */
export function formatIP(ip: ParsedIP): IP {
  if (ip.family === 4) {
    const v = Number(ip.value);
    return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}` as IP;
  }
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((ip.value >> s) & 0xffffn));
  // Longest run of two or more zero groups becomes "::" (first one on a tie).
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':') as IP;
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}` as IP;
}

/** Canonical text of an address given as text; undefined when it is not an address. */
export function canonicalIP(text: string): IP | undefined {
  const ip = parseIP(text);
  if (!ip) return undefined;
  const canonical = formatIP(ip);
  // The same text back when it is canonical already: one string object per address, whose
  // hash the parse cache has computed.
  return canonical === text ? (text as IP) : canonical;
}

export const ipFamily = (text: string): IPFamily | undefined => parseIP(text)?.family;

/** Parses `addr/prefix`; `strict` refuses host bits set, as netip.ParsePrefix + Masked() checks do. */
export function parseCIDR(text: string, strict = false): ParsedCIDR | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^(0|[1-9][0-9]*)$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = bitsOf(ip.family);
  if (prefix > bits) return undefined;
  const base = ip.value & maskOf(ip.family, prefix);
  if (strict && base !== ip.value) return undefined;
  return { family: ip.family, base, prefix };
}

/** The prefix of length `prefix` holding `ip` (undefined when the length does not fit the family). */
export function cidrOf(ip: ParsedIP, prefix: number): ParsedCIDR | undefined {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bitsOf(ip.family)) return undefined;
  return { family: ip.family, base: ip.value & maskOf(ip.family, prefix), prefix };
}

function computeMask(family: IPFamily, prefix: number): bigint {
  const bits = BigInt(bitsOf(family));
  const all = (1n << bits) - 1n;
  return prefix === 0 ? 0n : (all << (bits - BigInt(prefix))) & all;
}

// Every netmask, computed once: prefixes are tested against addresses on every route and rule.
const MASKS: Readonly<Record<IPFamily, readonly bigint[]>> = {
  4: Array.from({ length: 33 }, (_, p) => computeMask(4, p)),
  6: Array.from({ length: 129 }, (_, p) => computeMask(6, p)),
};

/** The netmask of a prefix length as a number (`/24` -> 0xffffff00). */
export const maskOf = (family: IPFamily, prefix: number): bigint => MASKS[family][prefix] ?? computeMask(family, prefix);

export function formatCIDR(cidr: ParsedCIDR): CIDR {
  return `${formatIP({ family: cidr.family, value: cidr.base })}/${cidr.prefix}` as CIDR;
}

export function cidrContains(cidr: ParsedCIDR, ip: ParsedIP): boolean {
  return cidr.family === ip.family && (ip.value & maskOf(ip.family, cidr.prefix)) === cidr.base;
}

/** Number of addresses in the prefix. */
export const cidrSize = (cidr: ParsedCIDR): bigint => 1n << BigInt(bitsOf(cidr.family) - cidr.prefix);

/** The address at offset `n` from the network address. */
export function cidrAddress(cidr: ParsedCIDR, n: bigint): IP {
  return formatIP({ family: cidr.family, value: cidr.base + n });
}

/** The `index`-th subnet of length `prefix` inside `cidr` (how node pod CIDRs are cut). */
export function cidrSubnet(cidr: ParsedCIDR, prefix: number, index: bigint): ParsedCIDR {
  const step = 1n << BigInt(bitsOf(cidr.family) - prefix);
  return { family: cidr.family, base: cidr.base + step * index, prefix };
}

export const compareIP = (a: ParsedIP, b: ParsedIP): number =>
  a.family !== b.family ? a.family - b.family : a.value < b.value ? -1 : a.value > b.value ? 1 : 0;

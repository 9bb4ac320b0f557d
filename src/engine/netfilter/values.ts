// Value syntaxes of iptables options, parsed as the iptables userspace parses them:
// addresses with optional prefix or dotted mask (xtables_ipparse_any), marks as
// value[/mask] in any strtoul base (libxt_mark, libxt_MARK), ports and port ranges
// `a:b` (libxt_tcp) and `a-b` (NAT ranges), statistic probabilities rounded to the
// kernel's 31-bit fixed point (libxt_statistic: lround(0x80000000 * P)).

import { parseCIDR, parseIP, type IP, type ParsedCIDR, formatIP } from '../net/ip';
import type { PortRange } from './types';

/** `1.2.3.4`, `1.2.3.0/24`, `1.2.3.0/255.255.255.0`, `fd00::/64`; a bare address is a host prefix. */
export function parseAddressSpec(text: string, family: 4 | 6): ParsedCIDR | undefined {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const ip = parseIP(addr);
  if (!ip || ip.family !== family) return undefined;
  const bits = family === 4 ? 32 : 128;
  if (slash < 0) return { family, base: ip.value, prefix: bits };
  const suffix = text.slice(slash + 1);
  if (/^[0-9]+$/.test(suffix)) return parseCIDR(`${addr}/${Number(suffix)}`);
  const mask = parseIP(suffix);
  if (!mask || mask.family !== family) return undefined;
  // A dotted mask must be contiguous ones: its complement is then 2^k - 1.
  const inverse = ~mask.value & ((1n << BigInt(bits)) - 1n);
  if ((inverse & (inverse + 1n)) !== 0n) return undefined;
  const prefix = bits - (inverse === 0n ? 0 : inverse.toString(2).length);
  return parseCIDR(`${addr}/${prefix}`);
}

/** strtoul(value, 0): decimal, 0x hex, leading-0 octal; unsigned 32 bits. */
export function parseU32(text: string): number | undefined {
  let n: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) n = parseInt(text.slice(2), 16);
  else if (/^0[0-7]+$/.test(text)) n = parseInt(text.slice(1), 8);
  else if (/^[0-9]+$/.test(text)) n = Number(text);
  else return undefined;
  return n <= 0xffffffff ? n : undefined;
}

/** `value[/mask]`; the mask defaults to all ones. */
export function parseMarkMask(text: string): { value: number; mask: number } | undefined {
  const [v, m, extra] = text.split('/');
  if (extra !== undefined || v === undefined) return undefined;
  const value = parseU32(v);
  const mask = m === undefined ? 0xffffffff : parseU32(m);
  return value === undefined || mask === undefined ? undefined : { value, mask };
}

export function parsePort(text: string): number | undefined {
  if (!/^[0-9]{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 ? n : undefined;
}

/** `80`, `80:90`, `:90`, `80:` (libxt_tcp port ranges), or with `-` as the NAT targets write it. */
export function parsePortRange(text: string, sep: ':' | '-'): PortRange | undefined {
  const i = text.indexOf(sep);
  if (i < 0) {
    const p = parsePort(text);
    return p === undefined ? undefined : { from: p, to: p };
  }
  const from = i === 0 ? 0 : parsePort(text.slice(0, i));
  const to = i === text.length - 1 ? 65535 : parsePort(text.slice(i + 1));
  if (from === undefined || to === undefined || from > to) return undefined;
  return { from, to };
}

/** Comma list of ports or `a:b` ranges (multiport allows up to 15 entries). */
export function parsePortList(text: string): PortRange[] | undefined {
  const parts = text.split(',');
  if (parts.length > 15) return undefined;
  const out: PortRange[] = [];
  for (const p of parts) {
    const r = parsePortRange(p, ':');
    if (!r) return undefined;
    out.push(r);
  }
  return out;
}

/** The probability the kernel applies, after libxt_statistic's rounding to 31 bits. */
export function parseProbability(text: string): number | undefined {
  if (!/^([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(text)) return undefined;
  const p = Number(text);
  if (!(p >= 0 && p <= 1)) return undefined;
  return Math.round(p * 0x80000000) / 0x80000000;
}

/** NAT address: `IP`, `IP:port[-port]`, `[IPv6]`, `[IPv6]:port[-port]`. */
export function parseNatAddress(text: string, family: 4 | 6): { ip: IP; ports?: PortRange } | undefined {
  let addr = text;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return undefined;
    addr = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return undefined;
    portText = rest === '' ? undefined : rest.slice(1);
  } else if (family === 4 && text.includes(':')) {
    const i = text.indexOf(':');
    addr = text.slice(0, i);
    portText = text.slice(i + 1);
  }
  const ip = parseIP(addr);
  if (!ip || ip.family !== family) return undefined;
  const ports = portText === undefined ? undefined : parsePortRange(portText, '-');
  if (portText !== undefined && !ports) return undefined;
  return ports ? { ip: formatIP(ip), ports } : { ip: formatIP(ip) };
}

export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

// Whether one rule matches a packet, as ipt_do_table decides it: first the IP header part
// (ip_packet_match: -s, -d, -p, -i, -o, each with `!`), then the extension matches in the
// order the rule lists them, stopping at the first that fails, so a later match's side
// effects (xt_recent --set, a statistic draw) happen only if every earlier one matched.
// Extension semantics follow net/netfilter/xt_*.c.

import { cidrContains, parseIP, parseCIDR, type IP, type ParsedIP } from '../net/ip';
import type { Chooser, ConnInfo, HostContext, Packet, RecentLists } from './packet';
import { evaluateRecent } from './recent';
import type { AddrType, InterfaceMatch, Match, PortMatch, Rule, RuleHeader } from './types';

/** What matching may read and change; owned by one evaluation. */
export interface MatchEnv {
  readonly host: HostContext;
  readonly choose: Chooser;
  readonly now: number;
  packet: Packet;
  /** packet.src and packet.dst parsed once (kept in step with packet). */
  addrs: { readonly src: ParsedIP; readonly dst: ParsedIP };
  conn: ConnInfo;
  recent: RecentLists;
  readonly onRecent: (rule: Rule, m: Extract<Match, { module: 'recent' }>, address: IP, matched: boolean) => void;
  readonly onRandom: (rule: Rule, probability: number, hit: boolean) => void;
}

export function interfaceMatches(m: InterfaceMatch, name: string | undefined): boolean {
  const n = name ?? '';
  const hit = m.wildcard ? n.startsWith(m.name) : n === m.name;
  return hit !== m.negated;
}

export const parsedAddrs = (p: Packet) => ({ src: parseIP(p.src)!, dst: parseIP(p.dst)! });

export function headerMatches(h: RuleHeader, p: Packet, addrs: MatchEnv['addrs']): boolean {
  if (h.src && cidrContains(h.src.cidr, addrs.src) === h.src.negated) return false;
  if (h.dst && cidrContains(h.dst.cidr, addrs.dst) === h.dst.negated) return false;
  if (h.proto && h.proto.name !== 'all' && (p.proto === h.proto.name) === h.proto.negated) return false;
  if (h.proto?.name === 'all' && h.proto.negated) return false;
  if (h.in && !interfaceMatches(h.in, p.inIface)) return false;
  if (h.out && !interfaceMatches(h.out, p.outIface)) return false;
  return true;
}

const LOOPBACK = [parseCIDR('127.0.0.0/8')!, parseCIDR('::1/128')!];
const MULTICAST = [parseCIDR('224.0.0.0/4')!, parseCIDR('ff00::/8')!];

/** The route type of an address on this host (inet_addr_type / ipv6 addrtype). */
export function addressType(ip: IP, host: HostContext, iface?: string): AddrType {
  const parsed = parseIP(ip)!;
  const local = iface !== undefined && host.interfaces
    ? (host.interfaces.find((i) => i.name === iface)?.addresses.includes(ip) ?? false) || (iface === 'lo' && LOOPBACK.some((c) => cidrContains(c, parsed)))
    : host.localAddresses.includes(ip) || LOOPBACK.some((c) => cidrContains(c, parsed));
  if (local) return 'LOCAL';
  if (MULTICAST.some((c) => cidrContains(c, parsed))) return 'MULTICAST';
  if (ip === '255.255.255.255' || host.broadcastAddresses?.includes(ip)) return 'BROADCAST';
  if (ip === '0.0.0.0' || ip === '::') return 'UNSPEC';
  return 'UNICAST';
}

function portsMatch(m: PortMatch, ports: readonly (number | undefined)[]): boolean {
  const hit = ports.some((p) => p !== undefined && m.ranges.some((r) => p >= r.from && p <= r.to));
  return hit !== m.negated;
}

function connStates(c: ConnInfo): string[] {
  return [c.state, ...(c.dnat ? ['DNAT'] : []), ...(c.snat ? ['SNAT'] : [])];
}

function addrtypeMatches(m: Extract<Match, { module: 'addrtype' }>, env: MatchEnv): boolean {
  const p = env.packet;
  const iface = m.limitIfaceIn ? p.inIface : m.limitIfaceOut ? p.outIface : undefined;
  const check = (t: { negated: boolean; types: readonly AddrType[] } | undefined, ip: IP) =>
    !t || t.types.includes(addressType(ip, env.host, iface)) !== t.negated;
  return check(m.srcType, p.src) && check(m.dstType, p.dst);
}

function physdevMatches(m: Extract<Match, { module: 'physdev' }>, p: Packet): boolean {
  if (m.isIn !== undefined && (p.physIn !== undefined) !== m.isIn) return false;
  if (m.isOut !== undefined && (p.physOut !== undefined) !== m.isOut) return false;
  if (m.isBridged !== undefined && Boolean(p.bridged) !== m.isBridged) return false;
  if (m.in && (p.physIn === undefined || !interfaceMatches(m.in, p.physIn))) return false;
  if (m.out && (p.physOut === undefined || !interfaceMatches(m.out, p.physOut))) return false;
  return true;
}

export function matchMatches(m: Match, rule: Rule, env: MatchEnv): boolean {
  const p = env.packet;
  switch (m.module) {
    case 'comment': case 'nfacct': return true;
    case 'tcp': case 'udp': case 'sctp':
      return (!m.sport || portsMatch(m.sport, [p.sport])) && (!m.dport || portsMatch(m.dport, [p.dport]));
    case 'multiport':
      if (m.sports) return portsMatch(m.sports, [p.sport]);
      if (m.dports) return portsMatch(m.dports, [p.dport]);
      return portsMatch(m.ports!, [p.sport, p.dport]);
    case 'addrtype': return addrtypeMatches(m, env);
    case 'mark': return (((p.mark & m.mask) >>> 0) === m.value) !== m.negated;
    case 'conntrack': case 'state':
      return connStates(env.conn).some((s) => m.states.includes(s as never)) !== m.negated;
    case 'physdev': return physdevMatches(m, p);
    case 'statistic': {
      const hit = m.probability >= 1 ? true : m.probability <= 0 ? false : env.choose(m.probability);
      env.onRandom(rule, m.probability, hit);
      return hit !== m.negated;
    }
    case 'recent': {
      const r = evaluateRecent(m, p.src, p.dst, env.recent, env.now);
      env.recent = r.lists;
      env.onRecent(rule, m, r.address, r.matched);
      return r.matched;
    }
  }
}

/** Header first, then each extension match in order. */
export function ruleMatches(rule: Rule, env: MatchEnv): boolean {
  if (!headerMatches(rule.header, env.packet, env.addrs)) return false;
  for (const m of rule.matches) if (!matchMatches(m, rule, env)) return false;
  return true;
}

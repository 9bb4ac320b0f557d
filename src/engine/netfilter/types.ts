// The data model of an iptables ruleset as the kernel's x_tables holds it once
// iptables-restore has loaded it: tables -> chains (built-in with a policy, or user chains)
// -> rules, each rule an IP header match (-s -d -p -i -o), a list of extension matches
// evaluated in the order they were given (-m ...), and one target. Plain data only.
// Follows iptables(8), iptables-extensions(8) and include/uapi/linux/netfilter*/.

import type { IP, ParsedCIDR } from '../net/ip';

export const TABLES = ['raw', 'mangle', 'nat', 'filter', 'security'] as const;
export type TableName = (typeof TABLES)[number];

export const HOOKS = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'] as const;
export type Hook = (typeof HOOKS)[number];

/** The built-in chains of each table (net/ipv4/netfilter/iptable_*.c valid_hooks). */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly Hook[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** Connection tracking states as xt_conntrack/xt_state name them (DNAT/SNAT are virtual). */
export const CT_STATES = ['INVALID', 'NEW', 'ESTABLISHED', 'RELATED', 'UNTRACKED', 'SNAT', 'DNAT'] as const;
export type CtState = (typeof CT_STATES)[number];

export type L4Proto = 'tcp' | 'udp' | 'sctp' | 'icmp' | 'ipv6-icmp';

export interface AddressMatch { readonly negated: boolean; readonly cidr: ParsedCIDR; readonly text: string }
/** `-i`/`-o` name; a trailing `+` matches every interface with that prefix. */
export interface InterfaceMatch { readonly negated: boolean; readonly name: string; readonly wildcard: boolean }
export interface ProtocolMatch { readonly negated: boolean; readonly name: string }
/** Inclusive port range; a single port has from === to. */
export interface PortRange { readonly from: number; readonly to: number }
export interface PortMatch { readonly negated: boolean; readonly ranges: readonly PortRange[] }

export interface RuleHeader {
  readonly src?: AddressMatch;
  readonly dst?: AddressMatch;
  readonly proto?: ProtocolMatch;
  readonly in?: InterfaceMatch;
  readonly out?: InterfaceMatch;
}

export const ADDR_TYPES = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST',
  'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE'] as const;
export type AddrType = (typeof ADDR_TYPES)[number];
export interface AddrTypeMatch { readonly negated: boolean; readonly types: readonly AddrType[] }

export type RecentMode = 'set' | 'rcheck' | 'update' | 'remove';

export type Match =
  | { readonly module: 'comment'; readonly comment: string }
  | { readonly module: 'nfacct'; readonly name: string }
  | { readonly module: 'tcp' | 'udp' | 'sctp'; readonly sport?: PortMatch; readonly dport?: PortMatch }
  | { readonly module: 'multiport'; readonly sports?: PortMatch; readonly dports?: PortMatch; readonly ports?: PortMatch }
  | { readonly module: 'addrtype'; readonly srcType?: AddrTypeMatch; readonly dstType?: AddrTypeMatch;
      readonly limitIfaceIn: boolean; readonly limitIfaceOut: boolean }
  | { readonly module: 'mark'; readonly negated: boolean; readonly value: number; readonly mask: number }
  /** `probability` is what the kernel uses: round(P * 2^31) / 2^31. */
  | { readonly module: 'statistic'; readonly negated: boolean; readonly probability: number; readonly text: string }
  | { readonly module: 'recent'; readonly negated: boolean; readonly name: string; readonly mode: RecentMode;
      readonly seconds?: number; readonly hitcount?: number; readonly reap: boolean;
      readonly mask?: IP; readonly side: 'rsource' | 'rdest' }
  | { readonly module: 'conntrack' | 'state'; readonly negated: boolean; readonly states: readonly CtState[] }
  | { readonly module: 'physdev'; readonly in?: InterfaceMatch; readonly out?: InterfaceMatch;
      readonly isIn?: boolean; readonly isOut?: boolean; readonly isBridged?: boolean };

export type MatchModule = Match['module'];

/** MARK's every form normalised as the kernel stores it: mark = (mark & ~mask) ^ value. */
export interface XMark { readonly value: number; readonly mask: number }

export type Target =
  | { readonly kind: 'none' }
  | { readonly kind: 'jump' | 'goto'; readonly chain: string }
  | { readonly kind: 'ACCEPT' | 'DROP' | 'RETURN' }
  | { readonly kind: 'REJECT'; readonly rejectWith: string }
  | { readonly kind: 'DNAT'; readonly ip: IP; readonly ports?: PortRange; readonly random: boolean; readonly persistent: boolean }
  | { readonly kind: 'SNAT'; readonly ip: IP; readonly ports?: PortRange; readonly random: boolean;
      readonly randomFully: boolean; readonly persistent: boolean }
  | { readonly kind: 'MASQUERADE'; readonly ports?: PortRange; readonly random: boolean; readonly randomFully: boolean }
  | { readonly kind: 'MARK'; readonly mark: XMark };

export interface Rule {
  readonly table: TableName;
  readonly chain: string;
  /** 0-based position in its chain (iptables -L --line-numbers shows index + 1). */
  readonly index: number;
  /** 1-based line of the source text. */
  readonly line: number;
  /** The line as written (for command lines: the whole command). */
  readonly text: string;
  readonly header: RuleHeader;
  readonly matches: readonly Match[];
  readonly target: Target;
}

export interface Chain {
  readonly name: string;
  readonly builtin: boolean;
  /** Built-in chains only. */
  readonly policy?: 'ACCEPT' | 'DROP';
  readonly rules: readonly Rule[];
}

export interface Table {
  readonly name: TableName;
  /** Chains in declaration order (built-in chains first, as iptables-save lists them). */
  readonly chains: readonly Chain[];
}

export interface Ruleset {
  readonly family: 4 | 6;
  readonly tables: readonly Table[];
}

/** Where a rule lives: enough for the UI to highlight it. */
export interface RuleRef {
  readonly table: TableName;
  readonly chain: string;
  readonly index: number;
  readonly line: number;
}

export const ruleRef = (r: Rule): RuleRef => ({ table: r.table, chain: r.chain, index: r.index, line: r.line });

// An index over each long chain so the evaluator finds the next rule that can match
// without testing every rule, while still counting every rule the kernel would walk.
// The kernel walks a chain linearly; a rule with `-p PROTO -m PROTO --dport N` (no
// recent/statistic match, so skipping it has no side effects) can only match packets with
// that protocol and port, and with `-d IP/32` too, only packets to that address. kube-proxy
// writes most rules so: `-d CLUSTER-IP/32 -p tcp --dport 80` in KUBE-SERVICES, `-m addrtype
// --dst-type LOCAL -p tcp --dport 30080` (no destination) in KUBE-EXTERNAL-SERVICES and
// KUBE-NODEPORTS. So the next candidate after position i is the first rule at or after i that
// is of neither shape, or of one with the packet's key; every rule in between is one the
// kernel would have tested and rejected.

import { bitsOf, formatIP } from '../net/ip';
import type { Packet } from './packet';
import type { Chain, Rule, Ruleset } from './types';

export interface ChainIndex {
  /** Rules that must always be tested, ascending. */
  readonly general: readonly number[];
  /** key (destination or port key) -> keyed rules with that key, ascending. */
  readonly keyed: ReadonlyMap<string, readonly number[]>;
}

/** The keys a packet's candidate rules are filed under: by destination, protocol and port; by protocol and port. */
export interface PacketKeys {
  readonly dst: string;
  readonly port: string;
}

const MIN_INDEXED_RULES = 16;

const portKey = (proto: string, port: number | string): string => `${proto}|${port}`;

function ruleKey(r: Rule): string | undefined {
  const { dst, proto } = r.header;
  if (!proto || proto.negated) return undefined;
  if (r.matches.some((m) => m.module === 'recent' || m.module === 'statistic')) return undefined;
  const pm = r.matches.find((m) => m.module === proto.name);
  const dport = pm && 'dport' in pm ? pm.dport : undefined;
  if (!dport || dport.negated || dport.ranges.length !== 1 || dport.ranges[0]!.from !== dport.ranges[0]!.to) return undefined;
  const port = portKey(proto.name, dport.ranges[0]!.from);
  if (!dst || dst.negated || dst.cidr.prefix !== bitsOf(dst.cidr.family)) return port;
  return `${formatIP({ family: dst.cidr.family, value: dst.cidr.base })}|${port}`;
}

export const packetKeys = (p: Packet): PacketKeys => {
  const port = portKey(p.proto, p.dport ?? '');
  return { dst: `${p.dst}|${port}`, port };
};

function buildChainIndex(c: Chain): ChainIndex | undefined {
  if (c.rules.length < MIN_INDEXED_RULES) return undefined;
  const general: number[] = [];
  const keyed = new Map<string, number[]>();
  c.rules.forEach((r, i) => {
    const k = ruleKey(r);
    if (k === undefined) general.push(i);
    else if (keyed.has(k)) keyed.get(k)!.push(i);
    else keyed.set(k, [i]);
  });
  return keyed.size ? { general, keyed } : undefined;
}

/** First element of sorted `xs` that is >= i (Infinity when none). */
function lowerBound(xs: readonly number[], i: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < i) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length ? xs[lo]! : Infinity;
}

/** The next rule index >= i that may match (chain length when none). */
export function nextCandidate(index: ChainIndex | undefined, chain: Chain, i: number, keys: PacketKeys): number {
  if (!index) return Math.min(i, chain.rules.length);
  const byDst = index.keyed.get(keys.dst);
  const byPort = index.keyed.get(keys.port);
  return Math.min(lowerBound(index.general, i), byDst ? lowerBound(byDst, i) : Infinity, byPort ? lowerBound(byPort, i) : Infinity, chain.rules.length);
}

// Memoised per parsed chain (chains are immutable values, and an index depends only on the
// chain's rules), so repeated traces share it.
const cache = new WeakMap<Chain, ChainIndex | null>();

export function chainIndex(chain: Chain): ChainIndex | undefined {
  let index = cache.get(chain);
  if (index === undefined) {
    index = buildChainIndex(chain) ?? null;
    cache.set(chain, index);
  }
  return index ?? undefined;
}

const chainMaps = new WeakMap<Ruleset, Map<string, Map<string, Chain>>>();

/** A chain by table and name (memoised per ruleset). */
export function findChain(rs: Ruleset, table: string, name: string): Chain | undefined {
  let tables = chainMaps.get(rs);
  if (!tables) {
    tables = new Map();
    for (const t of rs.tables) {
      let chains = tables.get(t.name);
      if (!chains) { chains = new Map(); tables.set(t.name, chains); }
      for (const c of t.chains) chains.set(c.name, c);
    }
    chainMaps.set(rs, tables);
  }
  return tables.get(table)?.get(name);
}

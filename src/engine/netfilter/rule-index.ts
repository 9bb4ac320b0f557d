// An index over each long chain so the evaluator finds the next rule that can match
// without testing every rule, while still counting every rule the kernel would walk.
// The kernel walks a chain linearly; a rule of the common kube-proxy shape
// `-d IP/32 -p PROTO -m PROTO --dport N` (no recent/statistic match, so skipping it has no
// side effects) can only match packets with exactly that destination, protocol and port.
// So the next candidate after position i is the first rule at or after i that is either
// not of that shape, or of that shape with the packet's key; every rule in between is one
// the kernel would have tested and rejected.

import { formatIP } from '../net/ip';
import type { Packet } from './packet';
import type { Chain, Rule, Ruleset } from './types';

export interface ChainIndex {
  /** Rules that must always be tested, ascending. */
  readonly general: readonly number[];
  /** key -> keyed rules with that key, ascending. */
  readonly keyed: ReadonlyMap<string, readonly number[]>;
}

const MIN_INDEXED_RULES = 16;

function ruleKey(r: Rule): string | undefined {
  const { dst, proto } = r.header;
  if (!dst || dst.negated || !proto || proto.negated) return undefined;
  if (dst.cidr.prefix !== (dst.cidr.family === 4 ? 32 : 128)) return undefined;
  if (r.matches.some((m) => m.module === 'recent' || m.module === 'statistic')) return undefined;
  const pm = r.matches.find((m) => m.module === proto.name);
  const dport = pm && 'dport' in pm ? pm.dport : undefined;
  if (!dport || dport.negated || dport.ranges.length !== 1 || dport.ranges[0]!.from !== dport.ranges[0]!.to) return undefined;
  return `${formatIP({ family: dst.cidr.family, value: dst.cidr.base })}|${proto.name}|${dport.ranges[0]!.from}`;
}

export const packetKey = (p: Packet): string => `${p.dst}|${p.proto}|${p.dport ?? ''}`;

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
export function nextCandidate(index: ChainIndex | undefined, chain: Chain, i: number, key: string): number {
  if (!index) return Math.min(i, chain.rules.length);
  const a = lowerBound(index.general, i);
  const keyed = index.keyed.get(key);
  const b = keyed ? lowerBound(keyed, i) : Infinity;
  return Math.min(a, b, chain.rules.length);
}

// Memoised per parsed ruleset (rulesets are immutable values), so repeated traces share it.
const cache = new WeakMap<Ruleset, Map<string, ChainIndex | undefined>>();

export function chainIndex(rs: Ruleset, table: string, chain: Chain): ChainIndex | undefined {
  let perRuleset = cache.get(rs);
  if (!perRuleset) { perRuleset = new Map(); cache.set(rs, perRuleset); }
  const k = `${table}/${chain.name}`;
  if (!perRuleset.has(k)) perRuleset.set(k, buildChainIndex(chain));
  return perRuleset.get(k);
}

const chainMaps = new WeakMap<Ruleset, Map<string, Chain>>();

/** A chain by table and name (memoised per ruleset). */
export function findChain(rs: Ruleset, table: string, name: string): Chain | undefined {
  let m = chainMaps.get(rs);
  if (!m) {
    m = new Map();
    for (const t of rs.tables) for (const c of t.chains) m.set(`${t.name}/${c.name}`, c);
    chainMaps.set(rs, m);
  }
  return m.get(`${table}/${name}`);
}

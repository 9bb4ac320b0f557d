// The lookup structure of one routing table. The kernel keeps a table as an LPM trie
// (net/ipv4/fib_trie.c; IPv6 the fib6 radix tree) so a lookup costs the address length, not
// the number of routes: a host-gw node holds a route per other node. Here a table is split
// by prefix length, longest first, each length a map from network address to its routes, and
// a lookup answers what fib_table_lookup answers: the longest prefix containing the address,
// and among the routes of that prefix the lowest metric (fib_alias list order: priority),
// the first one added on a tie. Built once per table (tables are immutable values).

import { maskOf, parseCIDR, parseIP, type IP, type IPFamily, type ParsedCIDR } from '../net/ip';
import type { RouteEntry } from './types';

interface PrefixGroup {
  readonly length: number;
  readonly mask: bigint;
  /** Network address -> the route that wins at this prefix. */
  readonly routes: Map<bigint, RouteEntry>;
}

type FibTable = Readonly<Record<IPFamily, readonly PrefixGroup[]>>;

// Destination prefixes parsed, by text: the routes a CNI gives every pod of a node share one
// (`default`). Bounded, and cleared when full, as the address cache is.
const prefixCache = new Map<string, ParsedCIDR | undefined>();
const PREFIX_CACHE_MAX = 1 << 12;

/** An entry's destination prefix (undefined when it does not parse). */
export function routePrefix(entry: RouteEntry): ParsedCIDR | undefined {
  const cached = prefixCache.get(entry.dst);
  if (cached !== undefined || prefixCache.has(entry.dst)) return cached;
  if (prefixCache.size >= PREFIX_CACHE_MAX) prefixCache.clear();
  const parsed = parseCIDR(entry.dst);
  prefixCache.set(entry.dst, parsed);
  return parsed;
}

function groupsOf(entries: readonly RouteEntry[], family: IPFamily): PrefixGroup[] {
  const byLength = new Map<number, PrefixGroup>();
  for (const entry of entries) {
    const prefix = routePrefix(entry);
    // The kernel keeps a table per family; an entry whose family is not its prefix's matches nothing.
    if (!prefix || prefix.family !== family || entry.family !== family) continue;
    let group = byLength.get(prefix.prefix);
    if (!group) {
      group = { length: prefix.prefix, mask: maskOf(family, prefix.prefix), routes: new Map() };
      byLength.set(prefix.prefix, group);
    }
    const held = group.routes.get(prefix.base);
    if (!held || (entry.metric ?? 0) < (held.metric ?? 0)) group.routes.set(prefix.base, entry);
  }
  return [...byLength.values()].sort((a, b) => b.length - a.length);
}

const tables = new WeakMap<readonly RouteEntry[], FibTable>();

function fibTable(entries: readonly RouteEntry[]): FibTable {
  let table = tables.get(entries);
  if (!table) {
    table = { 4: groupsOf(entries, 4), 6: groupsOf(entries, 6) };
    tables.set(entries, table);
  }
  return table;
}

/** The route of `entries` that the kernel's lookup picks for `dst`: longest prefix, then lowest metric. */
export function longestPrefixMatch(entries: readonly RouteEntry[], dst: IP): RouteEntry | undefined {
  const addr = parseIP(dst);
  if (!addr) return undefined;
  for (const group of fibTable(entries)[addr.family]) {
    const hit = group.routes.get(addr.value & group.mask);
    if (hit) return hit;
  }
  return undefined;
}

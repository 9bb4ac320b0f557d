// The routes the kernel installs by itself when an address is configured: the connected
// prefix route in `main` and the `local`/`broadcast` entries of the `local` table
// (Linux net/ipv4/fib_frontend.c fib_add_ifaddr; net/ipv6/addrconf.c addrconf_prefix_route),
// and the order `ip route` dumps a table in (net/ipv4/fib_trie.c: by key, longer prefixes
// first within a key; IPv6 fib6 tree walk, approximated as by address with `default` last).

import { cidrOf, formatCIDR, parseIP, type CIDR, type IP, type ParsedCIDR } from '../net/ip';
import { bitsOfFamily, broadcastOf, broadcastOfParsed, familyOf } from './addressing';
import { routePrefix } from './fib-table';
import type { AddressScope, InterfaceAddress, NetInterface, RouteEntry } from './types';

/** An address as `ip addr add` (via netlink) configures it: IPv4 gets its broadcast. */
export function makeAddress(ip: IP, prefix: number, scope: AddressScope = 'global', secondary = false): InterfaceAddress {
  // The loopback address is configured without a broadcast (`inet 127.0.0.1/8 scope host lo`).
  const broadcast = scope === 'host' ? undefined : broadcastOf(ip, prefix);
  return { ip, prefix, scope, ...(broadcast ? { broadcast } : {}), ...(secondary ? { secondary } : {}) };
}

/** A route's place in a dump: family, then (IPv6) `default` last, network address, longer prefix first, metric. */
interface SortKey { readonly entry: RouteEntry; readonly defaultLast: boolean; readonly base: bigint; readonly prefix: number }

const keyed = (entry: RouteEntry, dst: ParsedCIDR): SortKey =>
  ({ entry, defaultLast: entry.family === 6 && dst.prefix === 0, base: dst.base, prefix: dst.prefix });

const sortKey = (entry: RouteEntry): SortKey => keyed(entry, routePrefix(entry)!);

function compareRoutes(a: SortKey, b: SortKey): number {
  if (a.entry.family !== b.entry.family) return a.entry.family - b.entry.family;
  if (a.defaultLast !== b.defaultLast) return a.defaultLast ? 1 : -1;
  if (a.base !== b.base) return a.base < b.base ? -1 : 1;
  if (a.prefix !== b.prefix) return b.prefix - a.prefix;
  return (a.entry.metric ?? 0) - (b.entry.metric ?? 0);
}

// The keys of entries in large tables and of `lo`'s entries, memoised: a host-gw node's table
// is mostly its routes toward the other nodes, the same values on every node, and every
// host's local table holds the same `lo` entries. Entries the kernel derives from an address
// get their key as they are made (a large cluster has a few per pod).
const sortKeys = new WeakMap<RouteEntry, SortKey>();
const MEMO_KEYS_FROM = 64;

function memoSortKey(entry: RouteEntry): SortKey {
  let key = sortKeys.get(entry);
  if (!key) { key = sortKey(entry); sortKeys.set(entry, key); }
  return key;
}

/** Sorted keys back to a table, in the order the kernel dumps it (a stable sort: equal entries keep their order). */
const sortKeyed = (keys: SortKey[]): RouteEntry[] => keys.sort(compareRoutes).map((k) => k.entry);

const keysOf = (routes: readonly RouteEntry[]): SortKey[] =>
  routes.map(routes.length >= MEMO_KEYS_FROM ? memoSortKey : (e) => sortKeys.get(e) ?? sortKey(e));

/** A table in the order the kernel dumps it (a stable sort: equal entries keep their order). */
export const sortRoutes = (routes: readonly RouteEntry[]): RouteEntry[] => sortKeyed(keysOf(routes));

/** The connected routes the kernel adds to `main` for every primary address of a non-loopback interface. */
function connectedRouteKeys(interfaces: readonly NetInterface[]): SortKey[] {
  const routes: SortKey[] = [];
  const seen = new Set<string>();
  for (const iface of interfaces) {
    if (iface.kind === 'loopback') continue;
    for (const a of iface.addresses) {
      const parsed = parseIP(a.ip);
      const family = parsed?.family ?? 4;
      if (a.secondary || a.prefix >= bitsOfFamily(family)) continue;
      const cidr = cidrOf(parsed!, a.prefix)!;
      const dst = formatCIDR(cidr);
      if (seen.has(`${dst} ${iface.name}`)) continue;
      seen.add(`${dst} ${iface.name}`);
      routes.push(keyed(family === 4
        ? { table: 'main', type: 'unicast', family, dst, dev: iface.name, proto: 'kernel', scope: 'link', src: a.ip }
        : { table: 'main', type: 'unicast', family, dst, dev: iface.name, proto: 'kernel', scope: 'universe', metric: 256 }, cidr));
    }
  }
  return routes;
}

/** The `main` table: the connected routes and the given ones, in the order the kernel dumps it. */
export const mainRoutes = (interfaces: readonly NetInterface[], routes: readonly RouteEntry[]): RouteEntry[] =>
  sortKeyed(connectedRouteKeys(interfaces).concat(keysOf(routes)));

// The local-table entries of a loopback device, memoised: every host shares its `lo`.
const loopbackEntries = new WeakMap<NetInterface, readonly SortKey[]>();

function interfaceLocalRoutes(iface: NetInterface): readonly SortKey[] {
  const cached = iface.kind === 'loopback' ? loopbackEntries.get(iface) : undefined;
  if (cached) return cached;
  const routes: SortKey[] = [];
  const dev = iface.name;
  // Object literals, not `{ ...base, type }`: adding keys after a spread is slow in V8, and a
  // large cluster has an entry per pod.
  for (const a of iface.addresses) {
    const parsed = parseIP(a.ip)!;
    const family = parsed.family;
    if (family === 6) {
      const host = cidrOf(parsed, bitsOfFamily(family))!;
      routes.push(keyed({ table: 'local', family, dev, proto: 'kernel', type: 'local', dst: formatCIDR(host), scope: 'universe', metric: 0 }, host));
      continue;
    }
    const host = cidrOf(parsed, 32)!;
    routes.push(keyed({ table: 'local', family, dev, proto: 'kernel', type: 'local', dst: formatCIDR(host), scope: 'host', src: a.ip }, host));
    if (a.secondary) continue;
    if (iface.kind === 'loopback' && a.prefix < 32) {
      const prefix = cidrOf(parsed, a.prefix)!;
      routes.push(keyed({ table: 'local', family, dev, proto: 'kernel', type: 'local', dst: formatCIDR(prefix), scope: 'host', src: a.ip }, prefix));
    }
    // fib_add_ifaddr derives the broadcast route from the prefix, whether or not `brd` is set.
    const brd = broadcastOfParsed(parsed, a.prefix);
    const brdHost = brd && cidrOf(brd, 32)!;
    if (brdHost) routes.push(keyed({ table: 'local', family, dev, proto: 'kernel', type: 'broadcast', dst: formatCIDR(brdHost), scope: 'link', src: a.ip }, brdHost));
  }
  if (iface.kind === 'loopback') loopbackEntries.set(iface, routes);
  return routes;
}

/** The `local` table: every address is local; loopback prefixes wholly local; IPv4 broadcasts. */
export function localRoutes(interfaces: readonly NetInterface[]): RouteEntry[] {
  const keys: SortKey[] = [];
  for (const iface of interfaces) keys.push(...interfaceLocalRoutes(iface));
  return sortKeyed(keys);
}

/** A route to `dst` through `via` (or directly on the link when `via` is absent), as `ip route add` makes it. */
export function staticRoute(dst: CIDR, dev: string, via?: IP, extra: Partial<RouteEntry> = {}): RouteEntry {
  const family = familyOf(dst.split('/')[0]!);
  return {
    table: 'main', type: 'unicast', family, dst, dev,
    ...(via ? { via } : {}),
    scope: via || family === 6 ? 'universe' : 'link',
    ...(family === 6 ? { metric: 1024 } : {}),
    ...extra,
  };
}

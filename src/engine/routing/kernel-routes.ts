// The routes the kernel installs by itself when an address is configured: the connected
// prefix route in `main` and the `local`/`broadcast` entries of the `local` table
// (Linux net/ipv4/fib_frontend.c fib_add_ifaddr; net/ipv6/addrconf.c addrconf_prefix_route),
// and the order `ip route` dumps a table in (net/ipv4/fib_trie.c: by key, longer prefixes
// first within a key; IPv6 fib6 tree walk, approximated as by address with `default` last).

import { parseCIDR, type CIDR, type IP } from '../net/ip';
import { bitsOfFamily, broadcastOf, familyOf, prefixOf } from './addressing';
import type { AddressScope, InterfaceAddress, NetInterface, RouteEntry } from './types';

/** An address as `ip addr add` (via netlink) configures it: IPv4 gets its broadcast. */
export function makeAddress(ip: IP, prefix: number, scope: AddressScope = 'global', secondary = false): InterfaceAddress {
  // The loopback address is configured without a broadcast (`inet 127.0.0.1/8 scope host lo`).
  const broadcast = scope === 'host' ? undefined : broadcastOf(ip, prefix);
  return { ip, prefix, scope, ...(broadcast ? { broadcast } : {}), ...(secondary ? { secondary } : {}) };
}

/** The connected routes the kernel adds to `main` for every primary address of a non-loopback interface. */
export function connectedRoutes(interfaces: readonly NetInterface[]): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const seen = new Set<string>();
  for (const iface of interfaces) {
    if (iface.kind === 'loopback') continue;
    for (const a of iface.addresses) {
      const family = familyOf(a.ip);
      if (a.secondary || a.prefix >= bitsOfFamily(family)) continue;
      const dst = prefixOf(a.ip, a.prefix);
      if (seen.has(`${dst} ${iface.name}`)) continue;
      seen.add(`${dst} ${iface.name}`);
      routes.push(family === 4
        ? { table: 'main', type: 'unicast', family, dst, dev: iface.name, proto: 'kernel', scope: 'link', src: a.ip }
        : { table: 'main', type: 'unicast', family, dst, dev: iface.name, proto: 'kernel', scope: 'universe', metric: 256 });
    }
  }
  return routes;
}

/** The `local` table: every address is local; loopback prefixes wholly local; IPv4 broadcasts. */
export function localRoutes(interfaces: readonly NetInterface[]): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const iface of interfaces) {
    for (const a of iface.addresses) {
      const family = familyOf(a.ip);
      const bits = bitsOfFamily(family);
      const base = { table: 'local', family, dev: iface.name, proto: 'kernel' } as const;
      if (family === 6) {
        routes.push({ ...base, type: 'local', dst: prefixOf(a.ip, bits), scope: 'universe', metric: 0 });
        continue;
      }
      routes.push({ ...base, type: 'local', dst: prefixOf(a.ip, 32), scope: 'host', src: a.ip });
      if (a.secondary) continue;
      if (iface.kind === 'loopback' && a.prefix < 32) {
        routes.push({ ...base, type: 'local', dst: prefixOf(a.ip, a.prefix), scope: 'host', src: a.ip });
      }
      // fib_add_ifaddr derives the broadcast route from the prefix, whether or not `brd` is set.
      const brd = broadcastOf(a.ip, a.prefix);
      if (brd) routes.push({ ...base, type: 'broadcast', dst: prefixOf(brd, 32), scope: 'link', src: a.ip });
    }
  }
  return sortRoutes(routes);
}

function compareRoutes(a: RouteEntry, b: RouteEntry): number {
  if (a.family !== b.family) return a.family - b.family;
  const pa = parseCIDR(a.dst)!;
  const pb = parseCIDR(b.dst)!;
  if (a.family === 6 && (pa.prefix === 0) !== (pb.prefix === 0)) return pa.prefix === 0 ? 1 : -1;
  if (pa.base !== pb.base) return pa.base < pb.base ? -1 : 1;
  if (pa.prefix !== pb.prefix) return pb.prefix - pa.prefix;
  return (a.metric ?? 0) - (b.metric ?? 0);
}

/** A table in the order the kernel dumps it. */
export const sortRoutes = (routes: readonly RouteEntry[]): RouteEntry[] => [...routes].sort(compareRoutes);

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

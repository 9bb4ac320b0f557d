// Route lookup and source address selection, as the kernel does them:
// - Linux net/ipv4/fib_rules.c + fib_trie.c: the `local` table is consulted first (an address
//   of the host, 127.0.0.0/8 on lo, a broadcast address), then `main` by longest prefix
//   (lowest metric on a tie). An input lookup (`iif`) on a host with forwarding off, for a
//   non-local address, fails (ip_route_input_slow: RTN_UNREACHABLE, "No route to host").
// - The preferred source: the route's `src`, else fib_result_prefsrc -> inet_select_addr(dev,
//   gateway or 0, route scope) (net/ipv4/devinet.c): the first primary address of the out
//   interface, whose scope fits, in the subnet of the gateway; else its first primary address
//   that fits; else the first such address on any interface, lo first.
// - IPv6 (net/ipv6/addrconf.c ipv6_dev_get_saddr, RFC 6724) is approximated: the out
//   interface's global address with the longest common prefix with the destination.
// - MASQUERADE (net/netfilter/nf_nat_masquerade.c): inet_select_addr(out, nexthop,
//   RT_SCOPE_UNIVERSE) for IPv4, ipv6_dev_get_saddr(out, daddr) for IPv6.

import type { IP } from '../net/ip';
import { commonPrefixLength, familyOf, sameSubnet } from './addressing';
import { longestPrefixMatch } from './fib-table';
import { renderRouteEntry } from './render-route';
import type { AddressScope, Host, NetInterface, Network, RouteEntry, RouteScope } from './types';

export interface Route {
  readonly kind: 'route';
  readonly host: string;
  readonly type: 'local' | 'unicast' | 'broadcast';
  readonly dst: IP;
  readonly table: 'local' | 'main';
  /** The device the packet leaves by: `lo` for local delivery, as `ip route get` says. */
  readonly outInterface: string;
  /** The gateway (`via`), absent when the destination is directly connected. */
  readonly gateway?: IP;
  /** The address whose MAC the frame is sent to: the gateway, else the destination. */
  readonly nextHop: IP;
  /** The source a locally generated packet gets (opts.src when given). */
  readonly source?: IP;
  readonly entry: RouteEntry;
  /** The matched entry as `ip route show` prints it. */
  readonly text: string;
}

export interface Unreachable {
  readonly kind: 'unreachable';
  readonly host: string;
  readonly dst: IP;
  readonly reason: 'no-route' | 'forwarding-disabled' | 'unknown-host' | 'prohibited';
  /** What `ip route get` answers. */
  readonly text: string;
}

export interface LookupOptions {
  /** The packet's source; for an output lookup it is kept as the source. */
  readonly src?: IP;
  /** The interface the packet arrived on: an input (forwarding) lookup. */
  readonly iif?: string;
}

const SCOPE_RANK: Record<AddressScope | RouteScope, number> = { global: 0, universe: 0, link: 253, host: 254 };

/** The first of each name, as a linear find by name would return it. */
function byFirstName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) if (!index.has(item.name)) index.set(item.name, item);
  return index;
}

// Hosts by name, memoised per network (networks are immutable values): a large cluster has a
// host per pod, and a trace looks hosts up on every hop.
const hostIndex = new WeakMap<Network, Map<string, Host>>();

export function findHost(network: Network, name: string): Host | undefined {
  let index = hostIndex.get(network);
  if (!index) hostIndex.set(network, (index = byFirstName(network.hosts)));
  return index.get(name);
}

// Interfaces by name, memoised per host for hosts with many (a node has a veth per pod).
const interfaceIndex = new WeakMap<Host, Map<string, NetInterface>>();
const INDEXED_INTERFACES = 8;

export function findInterface(host: Host, name: string): NetInterface | undefined {
  if (host.interfaces.length <= INDEXED_INTERFACES) return host.interfaces.find((i) => i.name === name);
  let index = interfaceIndex.get(host);
  if (!index) interfaceIndex.set(host, (index = byFirstName(host.interfaces)));
  return index.get(name);
}

/** The primary addresses of a family on an interface. */
const primaryOf = (iface: NetInterface, family: number) => iface.addresses.filter((a) => familyOf(a.ip) === family && !a.secondary);

/** inet_select_addr (IPv4) or the RFC 6724 approximation (IPv6). */
export function selectSourceAddress(host: Host, dev: string, dst: IP | undefined, scope: RouteScope, family = dst ? familyOf(dst) : 4): IP | undefined {
  const out = findInterface(host, dev);
  if (family === 6) {
    const global = (out ? primaryOf(out, family) : []).filter((a) => a.scope === 'global');
    const best = [...global].sort((a, b) => (dst ? commonPrefixLength(b.ip, dst) - commonPrefixLength(a.ip, dst) : 0))[0];
    return best?.ip ?? host.interfaces.flatMap((i) => primaryOf(i, family)).find((a) => a.scope === 'global')?.ip;
  }
  const candidates = (out ? primaryOf(out, family) : []).filter((a) => SCOPE_RANK[a.scope] <= SCOPE_RANK[scope]);
  const inSubnet = dst ? candidates.find((a) => sameSubnet(a.ip, a.prefix, dst)) : undefined;
  if (inSubnet ?? candidates[0]) return (inSubnet ?? candidates[0])!.ip;
  for (const iface of host.interfaces) {
    const a = primaryOf(iface, family).find((x) => x.scope !== 'link' && SCOPE_RANK[x.scope] <= SCOPE_RANK[scope]);
    if (a) return a.ip;
  }
  return undefined;
}

// Each entry's `ip route` text, memoised: a trace renders the matched entry on every hop.
const entryTexts = new WeakMap<RouteEntry, string>();

function entryText(entry: RouteEntry): string {
  let text = entryTexts.get(entry);
  if (text === undefined) {
    text = renderRouteEntry(entry);
    entryTexts.set(entry, text);
  }
  return text;
}

const unreachable = (host: string, dst: IP, reason: Unreachable['reason'], text: string): Unreachable =>
  ({ kind: 'unreachable', host, dst, reason, text });

function localRoute(host: Host, entry: RouteEntry, dst: IP, src: IP | undefined): Route {
  const type = entry.type === 'broadcast' ? 'broadcast' : 'local';
  return {
    kind: 'route', host: host.name, type, dst, table: 'local', outInterface: type === 'local' ? 'lo' : entry.dev!,
    nextHop: dst, source: src ?? entry.src ?? dst, entry, text: entryText(entry),
  };
}

/** The kernel's routing decision on `hostName` for a packet to `dst`. */
export function routeLookup(network: Network, hostName: string, dst: IP, opts: LookupOptions = {}): Route | Unreachable {
  const host = findHost(network, hostName);
  if (!host) return unreachable(hostName, dst, 'unknown-host', `no host ${hostName}`);
  const local = longestPrefixMatch(host.routes.local, dst);
  if (local) return localRoute(host, local, dst, opts.src);
  if (opts.iif !== undefined && !host.forwarding) return unreachable(host.name, dst, 'forwarding-disabled', 'RTNETLINK answers: No route to host');
  const entry = longestPrefixMatch(host.routes.main, dst);
  if (!entry) return unreachable(host.name, dst, 'no-route', 'RTNETLINK answers: Network is unreachable');
  if (entry.type === 'unreachable' || entry.type === 'blackhole') {
    return unreachable(host.name, dst, 'prohibited', entry.type === 'blackhole' ? 'RTNETLINK answers: Invalid argument' : 'RTNETLINK answers: No route to host');
  }
  const source = opts.src ?? entry.src ?? selectSourceAddress(host, entry.dev!, entry.via, entry.scope, familyOf(dst));
  // The optional keys last: V8 builds a literal slowly when keys follow a spread.
  return {
    kind: 'route', host: host.name, type: 'unicast', dst, table: 'main', outInterface: entry.dev!,
    nextHop: entry.via ?? dst, entry, text: entryText(entry),
    ...(entry.via ? { gateway: entry.via } : {}), ...(source ? { source } : {}),
  };
}

/**
 * The address MASQUERADE gives a packet leaving `hostName` by `outInterface` toward `dst`
 * (the route's gateway, when it has one, is the nexthop whose subnet decides); undefined when
 * the interface has no usable address (the kernel then drops the packet).
 */
export function masqueradeSource(network: Network, hostName: string, outInterface: string, dst: IP): IP | undefined {
  const host = findHost(network, hostName);
  if (!host) return undefined;
  const route = routeLookup(network, hostName, dst);
  const nextHop = route.kind === 'route' && route.outInterface === outInterface ? route.nextHop : dst;
  return selectSourceAddress(host, outInterface, nextHop, 'universe', familyOf(dst));
}

// Routing tables in the text iproute2 prints (ip/iproute.c print_route): `[type] dst [via GW]
// dev DEV proto P [scope S] [src A] [metric M] [onlink]`, `default` for /0, host prefixes
// without their length, proto `boot` (the default of `ip route add`) left out, scope
// `universe` left out, and IPv6 entries ending in `pref medium`. Lines carry no trailing
// space (iproute2 6.1 prints one after IPv4 routes; newer releases do not).

import type { Route, Unreachable } from './fib';
import { bitsOfFamily } from './addressing';
import type { Host, Network, RouteEntry } from './types';

function destination(entry: RouteEntry): string {
  const [addr, len] = entry.dst.split('/');
  if (Number(len) === 0) return 'default';
  return Number(len) === bitsOfFamily(entry.family) ? addr! : entry.dst;
}

/** One entry as `ip route show` prints it; `linkdown` when its device has no carrier (RTNH_F_LINKDOWN). */
export function renderRouteEntry(entry: RouteEntry, linkdown = false): string {
  const words: string[] = [];
  if (entry.type !== 'unicast') words.push(entry.type);
  words.push(destination(entry));
  if (entry.via) words.push('via', entry.via);
  if (entry.dev) words.push('dev', entry.dev);
  if (entry.proto && entry.proto !== 'boot') words.push('proto', entry.proto);
  if (entry.scope !== 'universe') words.push('scope', entry.scope);
  if (entry.src) words.push('src', entry.src);
  if (entry.metric !== undefined) words.push('metric', String(entry.metric));
  if (entry.onlink) words.push('onlink');
  if (linkdown) words.push('linkdown');
  if (entry.family === 6) words.push('pref', 'medium');
  return words.join(' ');
}

export interface IpRouteOptions {
  /** `ip -4 route` (default) or `ip -6 route`. */
  readonly family?: 4 | 6;
  /** `ip route show table local`. */
  readonly table?: 'main' | 'local';
}

/** `ip route` (or `ip -6 route`, `ip route show table local`) on a host, one line per route. */
export function renderIpRoute(network: Network, hostName: string, options: IpRouteOptions = {}): string {
  const host = network.hosts.find((h) => h.name === hostName);
  if (!host) return '';
  const family = options.family ?? 4;
  const table = options.table === 'local' ? host.routes.local : host.routes.main;
  const down = carrierless(host);
  return table.filter((e) => e.family === family)
    .map((e) => renderRouteEntry(e, e.type !== 'local' && e.dev !== undefined && down.has(e.dev))).join('\n');
}

/**
 * Devices without carrier: a bridge with no port (the cni0 of a node no pod runs on, as the
 * simulator builds it). The kernel keeps their routes but flags the nexthop RTNH_F_LINKDOWN
 * (fib_create_info), which `ip route` prints on every route through them but `local` ones.
 */
function carrierless(host: Host): Set<string> {
  const bridges = host.interfaces.filter((i) => i.kind === 'bridge' && !host.interfaces.some((p) => p.master === i.name));
  return new Set(bridges.map((i) => i.name));
}

/** The first line `ip route get DST` prints for the result of routeLookup (an output lookup as root). */
export function renderRouteGet(result: Route | Unreachable): string {
  if (result.kind === 'unreachable') return result.text;
  const words: string[] = [];
  if (result.type !== 'unicast') words.push(result.type);
  words.push(result.dst);
  if (result.entry.family === 6) words.push('from', '::');
  if (result.gateway) words.push('via', result.gateway);
  words.push('dev', result.outInterface);
  if (result.entry.family === 6 && result.table === 'local') words.push('table', 'local', 'proto', 'kernel');
  if (result.source) words.push('src', result.source);
  if (result.entry.family === 6) words.push('metric', String(result.entry.metric ?? 0), 'pref', 'medium');
  else words.push('uid', '0');
  return words.join(' ');
}

// What a user would type on a host to see its network, and what it prints: `ip addr`,
// `ip route` (main, then `show table local`; the `-6` forms when the host has IPv6),
// `ip neigh` and `bridge fdb show` (render-route.ts, render-addr.ts, render-neigh.ts).

import { renderIpAddr } from './render-addr';
import { renderBridgeFdb, renderIpNeigh } from './render-neigh';
import { renderIpRoute } from './render-route';
import type { Network } from './types';

export const HOST_VIEWS = ['route', 'addr', 'neigh', 'all'] as const;
export type HostView = (typeof HOST_VIEWS)[number];

/** One command and its output, one line per entry. */
export interface HostSection {
  readonly command: string;
  readonly lines: readonly string[];
}

const lines = (text: string): string[] => (text === '' ? [] : text.split('\n'));

function routeSections(network: Network, host: string, v6: boolean): HostSection[] {
  const families: (4 | 6)[] = v6 ? [4, 6] : [4];
  return families.flatMap((family) => {
    const ip = family === 4 ? 'ip' : 'ip -6';
    return [
      { command: `${ip} route`, lines: lines(renderIpRoute(network, host, { family })) },
      { command: `${ip} route show table local`, lines: lines(renderIpRoute(network, host, { family, table: 'local' })) },
    ];
  });
}

/** The sections `view` asks for on `host`; undefined when there is no such host. */
export function renderHostNetwork(network: Network, hostName: string, view: HostView = 'all'): HostSection[] | undefined {
  const host = network.hosts.find((h) => h.name === hostName);
  if (!host) return undefined;
  const v6 = host.routes.main.some((r) => r.family === 6) || host.routes.local.some((r) => r.family === 6 && r.dev !== 'lo');
  const sections: HostSection[] = [];
  if (view === 'addr' || view === 'all') sections.push({ command: 'ip addr', lines: lines(renderIpAddr(network, hostName)) });
  if (view === 'route' || view === 'all') sections.push(...routeSections(network, hostName, v6));
  if (view === 'neigh' || view === 'all') {
    sections.push({ command: 'ip neigh', lines: lines(renderIpNeigh(network, hostName)) });
    if (v6) sections.push({ command: 'ip -6 neigh', lines: lines(renderIpNeigh(network, hostName, 6)) });
    sections.push({ command: 'bridge fdb show', lines: lines(renderBridgeFdb(network, hostName)) });
  }
  return sections;
}

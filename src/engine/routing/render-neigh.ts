// Neighbour and forwarding entries in the text iproute2 prints: `ip neigh` (ip/ipneigh.c:
// `IP dev DEV lladdr MAC PERMANENT`) and `bridge fdb` (bridge/fdb.c: `MAC dev DEV dst IP self
// permanent`), checked against a kernel 6.18 / iproute2 6.1 flannel.1 set up as flannel does.
// Only the static entries a CNI programs are modelled: learned neighbours (REACHABLE, STALE),
// the bridges' learned and multicast FDB entries are not. No trailing spaces (iproute2 6.1
// prints one after PERMANENT).

import type { Network } from './types';

/** `ip neigh` (`ip -6 neigh` with family 6) on a host. */
export function renderIpNeigh(network: Network, hostName: string, family: 4 | 6 = 4): string {
  const host = network.hosts.find((h) => h.name === hostName);
  const v6 = (ip: string) => ip.includes(':');
  return (host?.neighbours ?? []).filter((n) => v6(n.ip) === (family === 6))
    .map((n) => `${n.ip} dev ${n.dev} lladdr ${n.mac} PERMANENT`).join('\n');
}

/** `bridge fdb show` on a host: the overlay's entries, each naming the underlay address of a MAC. */
export function renderBridgeFdb(network: Network, hostName: string): string {
  const host = network.hosts.find((h) => h.name === hostName);
  return (host?.fdb ?? []).map((f) => `${f.mac} dev ${f.dev} dst ${f.dst} self permanent`).join('\n');
}

// Where a trace starts and where its packet is addressed, from the CLI's words
// (DESIGN.md, `kubehops trace`): `pod/NS/NAME`, `node/NAME`, `client/NAME` or `IP@node/NAME`
// to `IP:PORT`, `[IPv6]:PORT` or `svc/NS/NAME:PORT` (the Service's ClusterIP).

import type { ClusterModel } from '../model/cluster';
import type { Protocol } from '../model/k8s';
import { canonicalIP, parseIP, type IP } from '../net/ip';
import { findHost, NODE_NETWORK, type Network } from '../routing';

export type Resolved<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };
const ok = <T>(value: T): Resolved<T> => ({ ok: true, value });
const fail = <T>(error: string): Resolved<T> => ({ ok: false, error });

/** The sender: a host, its source address (undefined: the route chooses), and how the packet appears. */
export interface Source {
  readonly host: string;
  readonly ip?: IP;
  /** Set when the packet arrives at `host` from its network rather than being sent by it. */
  readonly arrival?: { readonly iface: string; readonly linkDst: IP };
}

export interface Destination {
  readonly ip: IP;
  readonly port: number;
  readonly proto: Protocol;
}

export function resolveSource(cluster: ClusterModel, network: Network, from: string): Resolved<Source> {
  const [kind, ...rest] = from.split('/');
  const at = /^(.+)@node\/(.+)$/.exec(from);
  if (at) return rawSource(network, at[1]!, at[2]!);
  if (kind === 'pod' && rest.length === 2) {
    const pod = cluster.pods.find((p) => p.metadata.namespace === rest[0] && p.metadata.name === rest[1]);
    const host = network.podHosts[rest.join('/')];
    const ip = pod?.status?.podIP && canonicalIP(pod.status.podIP);
    if (!pod || !host || !ip) return fail(`pod "${rest.join('/')}" not found or has no IP`);
    return ok({ host, ip });
  }
  if (kind === 'node' && rest.length === 1) {
    return findHost(network, from) ? ok({ host: from }) : fail(`node "${rest[0]}" not found`);
  }
  if (kind === 'client' && rest.length === 1) {
    const client = cluster.spec.clients.find((c) => c.name === rest[0]);
    return client ? ok({ host: from, ip: client.ip }) : fail(`client "${rest[0]}" not found in the Cluster's spec.clients`);
  }
  return fail(`--from must be pod/NS/NAME, node/NAME, client/NAME or IP@node/NAME, got "${from}"`);
}

/** `IP@node/NAME`: sent by the node when the address is its own or loopback, else arriving on its node-network interface. */
function rawSource(network: Network, ipText: string, nodeName: string): Resolved<Source> {
  const ip = canonicalIP(ipText);
  const host = findHost(network, `node/${nodeName}`);
  if (!ip) return fail(`"${ipText}" is not an IP address`);
  if (!host) return fail(`node "${nodeName}" not found`);
  const own = host.interfaces.some((i) => i.addresses.some((a) => a.ip === ip));
  const loopback = ip.startsWith('127.') || ip === '::1';
  if (own || loopback) return ok({ host: host.name, ip });
  const uplink = host.interfaces.find((i) => i.link === NODE_NETWORK && i.addresses.some((a) => parseIP(a.ip)?.family === parseIP(ip)!.family));
  if (!uplink) return fail(`node "${nodeName}" has no ${parseIP(ip)!.family === 6 ? 'IPv6' : 'IPv4'} address on the node network`);
  const linkDst = uplink.addresses.find((a) => parseIP(a.ip)?.family === parseIP(ip)!.family)!.ip;
  return ok({ host: host.name, ip, arrival: { iface: uplink.name, linkDst } });
}

export function resolveDestination(cluster: ClusterModel, to: string, proto: Protocol | undefined): Resolved<Destination> {
  const svc = /^svc\/([^/]+)\/([^/:]+):(.+)$/.exec(to);
  if (svc) return serviceDestination(cluster, svc[1]!, svc[2]!, svc[3]!, proto);
  const address = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(to) ?? /^([0-9.]+):(\d+)$/.exec(to);
  if (address) {
    const ip = canonicalIP(address[1]!);
    const port = Number(address[2]);
    if (!ip) return fail(`"${address[1]}" is not an IP address`);
    if (port < 1 || port > 65535) return fail(`port ${port} is out of range 1-65535`);
    return ok({ ip, port, proto: proto ?? 'TCP' });
  }
  if (/^[a-z0-9.-]+:\d+$/i.test(to)) {
    return fail(`"${to}" is a DNS name: planTrace resolves names from the source pod (dns-plan.ts)`);
  }
  return fail(`--to must be IP:PORT, [IPv6]:PORT or svc/NS/NAME:PORT, got "${to}"`);
}

function serviceDestination(cluster: ClusterModel, ns: string, name: string, portText: string, proto: Protocol | undefined): Resolved<Destination> {
  const service = cluster.services.find((s) => s.metadata.namespace === ns && s.metadata.name === name);
  if (!service) return fail(`service "${ns}/${name}" not found`);
  const clusterIP = service.spec.clusterIP;
  if (!clusterIP || clusterIP === 'None') {
    return fail(`service "${ns}/${name}" has no ClusterIP (${service.spec.type === 'ExternalName' ? 'ExternalName' : 'headless'}): address a pod IP or a name instead`);
  }
  const ports = (service.spec.ports ?? []).filter((p) => String(p.port) === portText || p.name === portText);
  const port = ports.find((p) => proto === undefined || (p.protocol ?? 'TCP') === proto);
  if (!port) return fail(`service "${ns}/${name}" has no ${proto ? `${proto} ` : ''}port ${portText}`);
  return ok({ ip: canonicalIP(clusterIP)!, port: port.port, proto: proto ?? port.protocol ?? 'TCP' });
}

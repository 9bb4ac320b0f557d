// kube-proxy's EndpointsMap for one IP family and node: EndpointSlices turned into endpoints
// per ServicePortName. Follows pkg/proxy/endpointschangetracker.go (slices of the other
// address type are ignored), pkg/proxy/endpointslicecache.go (addEndpoints: conditions,
// isLocal, hints, de-duplication; endpoints sorted by "ip:port") and pkg/proxy/endpoint.go.

import type { ClusterModel } from '../model/cluster';
import type { Endpoint, EndpointSlice } from '../model/k8s';
import { canonicalIP, type IP, type IPFamily } from '../net/ip';
import { familyName, servicePortKey, servicePortName } from './service-map';

import { LABEL_SERVICE_NAME } from '../model/k8s';
export { LABEL_SERVICE_NAME };

/** One endpoint of a service port (kube-proxy's BaseEndpointInfo). */
export interface EndpointInfo {
  readonly ip: IP;
  readonly port: number;
  /** Endpoint.String(): `ip:port`, `[ip]:port` for IPv6. */
  readonly endpoint: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  /** Its nodeName is the node kube-proxy runs on. */
  readonly isLocal: boolean;
  readonly zoneHints: readonly string[];
  readonly nodeHints: readonly string[];
  readonly nodeName?: string;
  readonly zone?: string;
}

/** Endpoints keyed by ServicePortName + protocol (see servicePortKey). */
export type EndpointsMap = ReadonlyMap<string, readonly EndpointInfo[]>;

export const joinHostPort = (ip: string, port: number): string =>
  ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;

function endpointInfo(ep: Endpoint, ip: IP, port: number, nodeName: string): EndpointInfo {
  const c = ep.conditions ?? {};
  return {
    ip, port, endpoint: joinHostPort(ip, port),
    ready: c.ready ?? true,
    serving: c.serving ?? true,
    terminating: c.terminating ?? false,
    isLocal: nodeName !== '' && ep.nodeName === nodeName,
    zoneHints: (ep.hints?.forZones ?? []).map((z) => z.name),
    nodeHints: (ep.hints?.forNodes ?? []).map((n) => n.name),
    ...(ep.nodeName !== undefined && { nodeName: ep.nodeName }),
    ...(ep.zone !== undefined && { zone: ep.zone }),
  };
}

/** addEndpoints: a terminating duplicate never replaces an endpoint already seen. */
function addEndpoints(set: Map<string, EndpointInfo>, slice: EndpointSlice, port: number, nodeName: string): void {
  for (const ep of slice.endpoints) {
    const first = ep.addresses[0];
    const ip = first === undefined ? undefined : canonicalIP(first);
    if (!ip) continue;
    const info = endpointInfo(ep, ip, port, nodeName);
    if (!set.has(info.endpoint) || !info.terminating) set.set(info.endpoint, info);
  }
}

const byName = (a: EndpointSlice, b: EndpointSlice): number => {
  const x = `${a.metadata.namespace}/${a.metadata.name}`, y = `${b.metadata.namespace}/${b.metadata.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The endpoints kube-proxy on `nodeName` knows for one family. Slices are merged in name
 * order (kube-proxy iterates a map; only duplicates of one IP can tell the difference).
 */
export function buildEndpointsMap(cluster: ClusterModel, family: IPFamily, nodeName: string): EndpointsMap {
  const sets = new Map<string, Map<string, EndpointInfo>>();
  const slices = cluster.endpointSlices.filter((s) => s.addressType === familyName(family)).sort(byName);
  for (const slice of slices) {
    const service = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!service || !slice.metadata.namespace) continue;
    for (const p of slice.ports ?? []) {
      if (!p.port) continue;
      const key = servicePortKey(servicePortName(slice.metadata.namespace, service, p.name ?? ''), p.protocol ?? 'TCP');
      const set = sets.get(key) ?? new Map<string, EndpointInfo>();
      sets.set(key, set);
      addEndpoints(set, slice, p.port, nodeName);
    }
  }
  const map = new Map<string, EndpointInfo[]>();
  for (const [key, set] of sets) {
    if (set.size === 0) continue;
    map.set(key, [...set.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0)));
  }
  return map;
}

// The rows of the cluster tables, worded as `kubectl get -o wide` words them (kubectl's
// printers in k8s.io/kubernetes/pkg/printers/internalversion): `80:30080/TCP`, `<none>`,
// `<pending>`, `None` for a headless ClusterIP. Pure functions of the engine's model.

import type { ClusterModel, EndpointSlice, Node, Pod, Service } from '../../engine';

export const NONE = '<none>';
export const PENDING = '<pending>';

export interface NodeRow { key: string; name: string; internalIP: string; podCIDR: string; zone: string }
export interface PodRow { key: string; name: string; node: string; ip: string; ready: boolean }
export interface ServiceRow { key: string; name: string; type: string; clusterIP: string; externalIP: string; ports: string }
export interface EndpointRow { address: string; ready: boolean; node?: string }
export interface SliceRow { key: string; name: string; /** The Service's name, in the slice's namespace. */ service: string; addressType: string; endpoints: EndpointRow[]; ports: string }

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

const qualified = (m: { namespace?: string; name?: string }): string =>
  m.namespace ? `${m.namespace}/${m.name ?? ''}` : (m.name ?? '');

const listOr = (items: readonly (string | undefined)[], empty: string): string => {
  const present = items.filter((i): i is string => typeof i === 'string' && i !== '');
  return present.length > 0 ? present.join(',') : empty;
};

export function nodeRow(n: Node): NodeRow {
  const internal = (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
  const cidrs = n.spec?.podCIDRs?.length ? n.spec.podCIDRs : [n.spec?.podCIDR];
  return {
    key: n.metadata.name ?? '',
    name: n.metadata.name ?? '',
    internalIP: listOr(internal, NONE),
    podCIDR: listOr(cidrs, NONE),
    zone: n.metadata.labels?.[ZONE_LABEL] ?? NONE,
  };
}

/** Ready as kubectl's READY column counts it: the pod's Ready condition is True. */
export function isPodReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function podRow(p: Pod): PodRow {
  const ips = p.status?.podIPs?.length ? p.status.podIPs.map((i) => i.ip) : [p.status?.podIP];
  return {
    key: qualified(p.metadata),
    name: qualified(p.metadata),
    node: p.spec.nodeName ?? NONE,
    ip: listOr(ips, NONE),
    ready: isPodReady(p),
  };
}

/** kubectl's CLUSTER-IP column. */
export function serviceClusterIP(s: Service): string {
  if (s.spec.type === 'ExternalName') return NONE;
  const ips = s.spec.clusterIPs?.length ? s.spec.clusterIPs : [s.spec.clusterIP];
  return listOr(ips, NONE);
}

/** kubectl's EXTERNAL-IP column (getServiceExternalIP). */
export function serviceExternalIP(s: Service): string {
  const external = s.spec.externalIPs ?? [];
  switch (s.spec.type) {
    case 'ExternalName':
      return s.spec.externalName ?? NONE;
    case 'LoadBalancer': {
      const ingress = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname);
      const all = [...ingress, ...external];
      return listOr(all, PENDING);
    }
    default:
      return listOr(external, NONE);
  }
}

/** kubectl's PORT(S) column (makePortString): `80/TCP`, `80:30080/TCP`. */
export function servicePorts(s: Service): string {
  const ports = (s.spec.ports ?? []).map((p) => {
    const proto = p.protocol ?? 'TCP';
    return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
  });
  return listOr(ports, NONE);
}

export function serviceRow(s: Service): ServiceRow {
  return {
    key: qualified(s.metadata),
    name: qualified(s.metadata),
    type: s.spec.type ?? 'ClusterIP',
    clusterIP: serviceClusterIP(s),
    externalIP: serviceExternalIP(s),
    ports: servicePorts(s),
  };
}

export function sliceRow(e: EndpointSlice): SliceRow {
  const service = e.metadata.labels?.[SERVICE_NAME_LABEL];
  // A nil `ready` means ready: consumers must treat an unknown state as ready (discovery/v1).
  const endpoints = e.endpoints.flatMap((ep) => ep.addresses.map((address) => ({
    address, ready: ep.conditions?.ready !== false, ...(ep.nodeName ? { node: ep.nodeName } : {}),
  })));
  const ports = (e.ports ?? []).map((p) => {
    const text = p.port === undefined ? '<unset>' : `${p.port}/${p.protocol ?? 'TCP'}`;
    return p.name ? `${p.name} ${text}` : text;
  });
  return {
    key: qualified(e.metadata),
    name: qualified(e.metadata),
    // The label names a Service in the slice's own namespace.
    service: service ?? NONE,
    addressType: e.addressType,
    endpoints,
    // kubectl's ENDPOINTSLICE printer says <unset> for a slice without ports.
    ports: listOr(ports, '<unset>'),
  };
}

export const nodeRows = (c: ClusterModel): NodeRow[] => c.nodes.map(nodeRow);
export const podRows = (c: ClusterModel): PodRow[] => c.pods.map(podRow);
export const serviceRows = (c: ClusterModel): ServiceRow[] => c.services.map(serviceRow);
export const sliceRows = (c: ClusterModel): SliceRow[] => c.endpointSlices.map(sliceRow);

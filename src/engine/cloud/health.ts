// What a cloud load balancer's health checks find on each target, as kube-proxy answers them
// (kubernetes pkg/proxy/healthcheck):
// - externalTrafficPolicy Local: the service health server on spec.healthCheckNodePort
//   (service_health.go) answers any path with `{"service": ..., "localEndpoints": N,
//   "serviceProxyHealthy": ...}`, 200 when N > 0, else 503. N is EndpointsMap.
//   LocalReadyEndpoints: the ready endpoints on this node, counted per service port.
// - externalTrafficPolicy Cluster: kube-proxy's own health server on 10256 (proxy_health.go,
//   `--healthz-bind-address`), `/healthz`: 200 while the proxier syncs, 503 once the node is
//   tainted ToBeDeletedByClusterAutoscaler (KEP-3836), so the LB drains it first.
// - A NotReady node answers neither: the kubelet and kube-proxy on it are taken as down.
// - Pod-IP targets (NLB IP mode) are checked on the pod itself: TCP to podIP:targetPort,
//   healthy while the endpoint is ready.

import { isNodeReady } from '../control/nodes';
import type { ClusterModel } from '../model/cluster';
import type { Endpoint, EndpointSlice, Node, Service } from '../model/k8s';
import { canonicalIP, type IP, type IPFamily } from '../net/ip';
import type { HealthCheck } from './types';

export const PROXY_HEALTH_PORT = 10256;
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';
import { LABEL_SERVICE_NAME as SERVICE_NAME_LABEL } from '../model/k8s';

const endpointText = (ip: IP, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** The Service's EndpointSlices of one address family. */
export function slicesOf(cluster: ClusterModel, svc: Service, family: IPFamily): EndpointSlice[] {
  return cluster.endpointSlices.filter((s) => s.metadata.namespace === svc.metadata.namespace &&
    s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name && s.addressType === (family === 4 ? 'IPv4' : 'IPv6'));
}

/** Every Service's EndpointSlices, keyed `NS/NAME/ADDRESSTYPE`: one pass over the slices for all load balancers. */
export function indexSlices(cluster: ClusterModel): ReadonlyMap<string, EndpointSlice[]> {
  const index = new Map<string, EndpointSlice[]>();
  for (const s of cluster.endpointSlices) {
    const name = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!name) continue;
    const key = `${s.metadata.namespace}/${name}/${s.addressType}`;
    const list = index.get(key);
    if (list) list.push(s);
    else index.set(key, [s]);
  }
  return index;
}

export const sliceKey = (svc: Service, family: IPFamily): string =>
  `${svc.metadata.namespace}/${svc.metadata.name}/${family === 4 ? 'IPv4' : 'IPv6'}`;

export const endpointReady = (ep: Endpoint): boolean => ep.conditions?.ready ?? true;

/** EndpointsMap.LocalReadyEndpoints for one Service on every node: ready endpoints per service port, summed. */
export function localReadyCounts(slices: readonly EndpointSlice[]): ReadonlyMap<string, number> {
  const perPort = new Map<string, Set<string>>();
  for (const slice of slices) {
    for (const port of slice.ports ?? []) {
      const portKey = `${port.name ?? ''}/${port.protocol ?? 'TCP'}`;
      for (const ep of slice.endpoints) {
        const ip = ep.addresses[0] && canonicalIP(ep.addresses[0]);
        if (!ip || !ep.nodeName || !endpointReady(ep)) continue;
        const key = `${ep.nodeName}\n${portKey}`;
        const seen = perPort.get(key) ?? new Set<string>();
        perPort.set(key, seen.add(ip));
      }
    }
  }
  const counts = new Map<string, number>();
  for (const [key, ips] of perPort) {
    const node = key.split('\n')[0]!;
    counts.set(node, (counts.get(node) ?? 0) + ips.size);
  }
  return counts;
}

/** LocalReadyEndpoints of one Service on one node. */
export const localReadyEndpoints = (cluster: ClusterModel, svc: Service, node: string, family: IPFamily): number =>
  localReadyCounts(slicesOf(cluster, svc, family)).get(node) ?? 0;

const notReady = (probe: string): HealthCheck =>
  ({ probe, healthy: false, result: 'no answer: the node is NotReady' });

/** The health check of a node target, by the Service's externalTrafficPolicy (`localEndpoints`: LocalReadyEndpoints there). */
export function nodeHealth(svc: Service, node: Node, nodeIP: IP, localEndpoints: number): HealthCheck {
  if (svc.spec.externalTrafficPolicy === 'Local') {
    const probe = `HTTP GET ${endpointText(nodeIP, svc.spec.healthCheckNodePort ?? 0)}/healthz`;
    if (!isNodeReady(node)) return notReady(probe);
    const n = localEndpoints;
    return n > 0
      ? { probe, healthy: true, result: `200 OK, localEndpoints ${n}` }
      : { probe, healthy: false, result: '503 Service Unavailable, localEndpoints 0' };
  }
  const probe = `HTTP GET ${endpointText(nodeIP, PROXY_HEALTH_PORT)}/healthz`;
  if (!isNodeReady(node)) return notReady(probe);
  if ((node.spec?.taints ?? []).some((t) => t.key === TO_BE_DELETED_TAINT)) {
    return { probe, healthy: false, result: `503 Service Unavailable, node tainted ${TO_BE_DELETED_TAINT}` };
  }
  return { probe, healthy: true, result: '200 OK' };
}

/** The health check of a pod target (NLB IP mode): a TCP connect to the pod's port. */
export function podHealth(ip: IP, port: number, ready: boolean, nodeReady: boolean): HealthCheck {
  const probe = `TCP ${endpointText(ip, port)}`;
  if (!nodeReady) return notReady(probe);
  return ready ? { probe, healthy: true, result: 'connected' } : { probe, healthy: false, result: 'unhealthy: the endpoint is not ready' };
}

// Which endpoints a service port uses on this node, by traffic policy, readiness and topology.
// Follows pkg/proxy/topology.go (CategorizeEndpoints, topologyModeFromHints,
// availableForTopology) with the PreferSameTrafficDistribution gate on (its default since it
// went beta): node hints (PreferSameNode) win over zone hints (PreferSameZone / PreferClose).

import type { EndpointInfo } from './endpoints-map';
import { usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from './service-map';

export type TopologyMode = '' | 'PreferSameZone' | 'PreferSameNode';

export interface CategorizedEndpoints {
  /** Endpoints for "Cluster" policy; undefined when the port never uses Cluster policy. */
  readonly clusterEndpoints: readonly EndpointInfo[] | undefined;
  /** Endpoints for "Local" policy; undefined when unused or when there are none. */
  readonly localEndpoints: readonly EndpointInfo[] | undefined;
  /** The union of both: every endpoint this node may send to (sorted by "ip:port"). */
  readonly allReachableEndpoints: readonly EndpointInfo[];
  /** Some usable endpoint exists somewhere in the cluster. */
  readonly hasAnyEndpoints: boolean;
}

const servingTerminating = (ep: EndpointInfo): boolean => ep.serving && ep.terminating;

/** topologyModeFromHints: hints are used only when every ready endpoint has one. */
export function topologyModeFromHints(endpoints: readonly EndpointInfo[], nodeName: string, zone: string): TopologyMode {
  const ready = endpoints.filter((ep) => ep.ready);
  const allNodeHints = ready.every((ep) => ep.nodeHints.length > 0);
  const allZoneHints = ready.every((ep) => ep.zoneHints.length > 0);
  if (allNodeHints && ready.some((ep) => ep.nodeHints.includes(nodeName))) return 'PreferSameNode';
  if (allZoneHints && ready.some((ep) => ep.zoneHints.includes(zone))) return 'PreferSameZone';
  return '';
}

function availableForTopology(ep: EndpointInfo, mode: TopologyMode, nodeName: string, zone: string): boolean {
  if (mode === 'PreferSameNode') return ep.nodeHints.includes(nodeName);
  if (mode === 'PreferSameZone') return ep.zoneHints.includes(zone);
  return true;
}

function clusterEndpointsOf(endpoints: readonly EndpointInfo[], mode: TopologyMode, nodeName: string, zone: string): EndpointInfo[] {
  const ready = endpoints.filter((ep) => ep.ready && availableForTopology(ep, mode, nodeName, zone));
  // No ready endpoint anywhere (topology was already dropped if none matched): fall back
  // to serving-terminating ones, ignoring topology.
  return ready.length > 0 ? ready : endpoints.filter(servingTerminating);
}

/** Local endpoints: ready ones if any, else serving-terminating ones, else undefined. */
function localEndpointsOf(endpoints: readonly EndpointInfo[]): { local?: EndpointInfo[]; terminatingFallback: boolean } {
  const local = endpoints.filter((ep) => ep.isLocal);
  if (local.some((ep) => ep.ready)) return { local: local.filter((ep) => ep.ready), terminatingFallback: false };
  if (local.some(servingTerminating)) return { local: local.filter(servingTerminating), terminatingFallback: true };
  return { terminatingFallback: false };
}

const union = (a: readonly EndpointInfo[], b: readonly EndpointInfo[]): EndpointInfo[] => {
  const byKey = new Map<string, EndpointInfo>();
  for (const ep of [...a, ...b]) byKey.set(ep.endpoint, ep);
  return [...byKey.values()].sort((x, y) => (x.endpoint < y.endpoint ? -1 : x.endpoint > y.endpoint ? 1 : 0));
};

/**
 * CategorizeEndpoints. `zone` is the node's topology.kubernetes.io/zone label ('' if none).
 * Where kube-proxy merges the two lists through a Go map, the union is sorted by "ip:port".
 */
export function categorizeEndpoints(
  endpoints: readonly EndpointInfo[], svc: ServicePortInfo, nodeName: string, zone: string,
): CategorizedEndpoints {
  let clusterEndpoints: EndpointInfo[] | undefined;
  let mode: TopologyMode = '';
  if (usesClusterEndpoints(svc)) {
    mode = topologyModeFromHints(endpoints, nodeName, zone);
    clusterEndpoints = clusterEndpointsOf(endpoints, mode, nodeName, zone);
  }
  const anyInCluster = (clusterEndpoints?.length ?? 0) > 0;
  if (!usesLocalEndpoints(svc)) {
    return { clusterEndpoints, localEndpoints: undefined, allReachableEndpoints: clusterEndpoints ?? [], hasAnyEndpoints: anyInCluster };
  }
  const hasAnyEndpoints = anyInCluster || endpoints.some((ep) => ep.ready || servingTerminating(ep));
  const { local, terminatingFallback } = localEndpointsOf(endpoints);
  if (!clusterEndpoints) {
    return { clusterEndpoints, localEndpoints: local, allReachableEndpoints: local ?? [], hasAnyEndpoints };
  }
  const allReachableEndpoints = mode === '' && !terminatingFallback ? clusterEndpoints : union(clusterEndpoints, local ?? []);
  return { clusterEndpoints, localEndpoints: local, allReachableEndpoints, hasAnyEndpoints };
}

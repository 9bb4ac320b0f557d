// What the proxiers of one IP family on every node of a cluster have in common, worked out
// once per ClusterModel instead of once per node: the service port map, the endpoints (before
// a node marks its own as local), whether the cluster is "large" (per-endpoint comments
// dropped), and the rules of each service port that cannot differ from node to node. On a
// cluster of thousands of Services this is most of syncProxyRules' work, and the line
// strings are then shared by every node's ruleset rather than copied per node.
// A ClusterModel is a read-only value, so a WeakMap keyed by it is a cache, not state.

import type { ClusterModel } from '../../model/cluster';
import type { IPFamily } from '../../net/ip';
import { buildEndpointsMap, type EndpointInfo } from '../endpoints-map';
import { buildServicePortMap, usesLocalEndpoints, type ServicePortInfo } from '../service-map';
import type { RuleBuffers } from './line-buffer';
import { serviceChainNames, type ServiceChainNames } from './names';
import type { ServiceRulesConfig } from './proxier-config';

/** Above this many endpoints kube-proxy drops the per-endpoint comments. */
const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

export interface FamilyShare {
  readonly services: readonly ServicePortInfo[];
  /** By service index; every endpoint's isLocal is false (see endpointsOnNode). */
  readonly endpoints: readonly (readonly EndpointInfo[])[];
  /** By service index: the port's rules may differ between nodes with the same ServiceRulesConfig. */
  readonly nodeSpecific: readonly boolean[];
  readonly largeCluster: boolean;
  /** serviceRulesKey -> by service index, the rules written for a port that is not node-specific. */
  readonly rules: Map<string, (RuleBuffers | undefined)[]>;
  /** By service index, the chain names of node-specific ports (planned again on every node). */
  readonly names: (ServiceChainNames | undefined)[];
}

const shares = new WeakMap<ClusterModel, Map<IPFamily, FamilyShare>>();

const hasHints = (ep: EndpointInfo): boolean => ep.nodeHints.length > 0 || ep.zoneHints.length > 0;

/**
 * Whether the port's rules depend on the node beyond its ServiceRulesConfig: Local traffic
 * policies pick the node's own endpoints, topology hints pick by node or zone, and a
 * firewall chain allows the node IP when a source range holds it. Any other port's endpoint
 * categorisation is the same on every node (categorizeEndpoints reads the node only there).
 */
const isNodeSpecific = (svc: ServicePortInfo, endpoints: readonly EndpointInfo[]): boolean =>
  usesLocalEndpoints(svc) || svc.loadBalancerSourceRanges.length > 0 || endpoints.some(hasHints);

function buildShare(cluster: ClusterModel, family: IPFamily): FamilyShare {
  const services = buildServicePortMap(cluster, family);
  const byKey = buildEndpointsMap(cluster, family, '');
  const endpoints = services.map((svc) => byKey.get(svc.key) ?? []);
  const totalEndpoints = endpoints.reduce((n, eps) => n + eps.length, 0);
  return {
    services, endpoints,
    nodeSpecific: services.map((svc, i) => isNodeSpecific(svc, endpoints[i]!)),
    largeCluster: totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD,
    rules: new Map(), names: [],
  };
}

export function familyShare(cluster: ClusterModel, family: IPFamily): FamilyShare {
  let perFamily = shares.get(cluster);
  if (!perFamily) { perFamily = new Map(); shares.set(cluster, perFamily); }
  let share = perFamily.get(family);
  if (!share) { share = buildShare(cluster, family); perFamily.set(family, share); }
  return share;
}

/** The endpoints as buildEndpointsMap gives them for this node: its own marked local. */
export const endpointsOnNode = (endpoints: readonly EndpointInfo[], nodeName: string): readonly EndpointInfo[] =>
  nodeName === '' || !endpoints.some((ep) => ep.nodeName === nodeName)
    ? endpoints
    : endpoints.map((ep) => (ep.nodeName === nodeName ? { ...ep, isLocal: true } : ep));

/**
 * Everything of a proxier's configuration that a service port's rules read, except the node
 * IP (only firewall chains read it, and their ports are node-specific): proxiers with the
 * same key write the same rules for a port that is not node-specific.
 */
export const serviceRulesKey = (c: ServiceRulesConfig, largeCluster: boolean): string =>
  JSON.stringify([c.masqueradeAll, c.localDetector?.ifLocal ?? null, c.localDetector?.ifNotLocal ?? null,
    c.localhostNodePorts, c.nfacct, largeCluster]);

/** The shared rules of one configuration, by service index (filled in as nodes write them). */
export function sharedRules(share: FamilyShare, key: string): (RuleBuffers | undefined)[] {
  let rules = share.rules.get(key);
  if (!rules) { rules = []; share.rules.set(key, rules); }
  return rules;
}

/** The chain names of a port: kept for node-specific ports, which every node plans again. */
export function chainNames(share: FamilyShare, i: number): ServiceChainNames {
  const svc = share.services[i]!;
  if (!share.nodeSpecific[i]) return serviceChainNames(svc.name, svc.protocol.toLowerCase());
  return (share.names[i] ??= serviceChainNames(svc.name, svc.protocol.toLowerCase()));
}

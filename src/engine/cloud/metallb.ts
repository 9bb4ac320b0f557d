// MetalLB layer 2 mode (metallb speaker/layer2_controller.go ShouldAnnounce): every speaker
// computes the same answer, so exactly one node announces an IP. The candidates are the nodes
// whose speaker is up (a Ready node not labelled node.kubernetes.io/exclude-from-external-
// load-balancers) and, for externalTrafficPolicy Local, that have a ready endpoint of the
// Service; for Cluster, some node must have one. They are sorted by sha256(node + "#" + ip)
// and the first announces: it answers ARP for the IP with its own MAC.

import { isNodeReady } from '../control/nodes';
import type { ClusterModel } from '../model/cluster';
import type { Node, Service } from '../model/k8s';
import type { IP } from '../net/ip';
import { sha256, toHex } from '../proxy/iptables/sha256';

export const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

export const excludedFromLoadBalancers = (node: Node): boolean => node.metadata.labels?.[EXCLUDE_LABEL] !== undefined;

export interface Election {
  /** The node name that announces the IP, if any. */
  readonly node?: string;
  /** Why no node announces it. */
  readonly problem?: string;
}

/** The node MetalLB's speakers elect to answer ARP for `ip`; `local` holds each node's ready endpoints of the Service. */
export function electSpeaker(cluster: ClusterModel, svc: Service, ip: IP, local: ReadonlyMap<string, number>): Election {
  const up = cluster.nodes.filter((n) => isNodeReady(n) && !excludedFromLoadBalancers(n));
  const withEndpoints = up.filter((n) => (local.get(n.metadata.name ?? '') ?? 0) > 0);
  const isLocal = svc.spec.externalTrafficPolicy === 'Local';
  if (![...local.values()].some((n) => n > 0)) return { problem: `no ready endpoint: no speaker announces ${ip}` };
  const candidates = isLocal ? withEndpoints : up;
  if (candidates.length === 0) {
    return { problem: isLocal ? `no Ready node has a ready endpoint (externalTrafficPolicy Local): no speaker announces ${ip}` : `no Ready node runs a speaker: nobody announces ${ip}` };
  }
  const key = (n: Node) => toHex(sha256(`${n.metadata.name ?? ''}#${ip}`));
  const sorted = [...candidates].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { node: sorted[0]!.metadata.name! };
}

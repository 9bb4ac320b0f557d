// What the kubelet reports about its own node when it registers (pkg/kubelet/
// kubelet_node_status.go, nodestatus/setters.go): the well-known labels kubernetes.io/
// hostname, kubernetes.io/os and kubernetes.io/arch, a Ready condition (True unless the
// scenario says otherwise), and an InternalIP.
//
// A node the scenario gives no InternalIP (of a cluster family) gets one: host .10, .11, ...
// in node-name order from the first of these node networks that overlaps no pod CIDR,
// service CIDR or node pod CIDR: IPv4 10.0.0.0/16, 172.16.0.0/16, 192.168.0.0/16; IPv6
// fd00:10::/64, fd00:172::/64. Addresses other nodes or external clients already use are
// skipped. Also here: the node facts the scheduler and the DaemonSet controller read.

import type { ParsedCIDR, IPFamily } from '../net/ip';
import { cidrAddress, cidrContains, ipFamily, parseCIDR, parseIP } from '../net/ip';
import type { ClusterSpec } from '../model/cluster';
import type { Node } from '../model/k8s';
import { byName, clone } from './names';

export const NODE_NETWORKS: Record<IPFamily, readonly string[]> = {
  4: ['10.0.0.0/16', '172.16.0.0/16', '192.168.0.0/16'],
  6: ['fd00:10::/64', 'fd00:172::/64'],
};
const FIRST_NODE_HOST = 10n;

/** The labels the kubelet puts on its Node, where the scenario leaves them out. */
function defaultLabels(node: Node): Record<string, string> {
  const name = node.metadata.name ?? '';
  return { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...node.metadata.labels };
}

function withDefaults(node: Node): Node {
  const copy = clone(node);
  copy.metadata.labels = defaultLabels(node);
  const conditions = copy.status?.conditions ?? [];
  const hasReady = conditions.some((c) => c.type === 'Ready');
  copy.status = {
    ...copy.status,
    addresses: copy.status?.addresses ?? [],
    conditions: hasReady ? conditions : [...conditions, { type: 'Ready', status: 'True' }],
  };
  return copy;
}

const overlaps = (a: ParsedCIDR, b: ParsedCIDR): boolean =>
  a.family === b.family && (cidrContains(a, { family: b.family, value: b.base }) || cidrContains(b, { family: a.family, value: a.base }));

/** The first candidate node network that collides with no cluster range. */
function nodeNetwork(family: IPFamily, busy: readonly ParsedCIDR[]): ParsedCIDR | undefined {
  return NODE_NETWORKS[family].map((c) => parseCIDR(c)!).find((net) => !busy.some((b) => overlaps(net, b)));
}

function clusterFamilies(spec: ClusterSpec): IPFamily[] {
  const families = spec.podCIDRs.map((c) => parseCIDR(c)?.family).filter((f): f is IPFamily => !!f);
  return [...new Set(families)];
}

/** Defaults every node (labels, Ready, InternalIPs); nodes must already have their pod CIDRs. */
export function completeNodes(nodes: readonly Node[], spec: ClusterSpec): Node[] {
  const sorted = [...nodes].sort(byName).map(withDefaults);
  const busy = [...spec.podCIDRs, ...spec.serviceCIDRs, ...sorted.flatMap((n) => n.spec?.podCIDRs ?? [])]
    .map((c) => parseCIDR(c)).filter((c): c is ParsedCIDR => !!c);
  const taken = new Set<string>([
    ...sorted.flatMap((n) => nodeInternalIPs(n)),
    ...spec.clients.map((c) => c.ip as string),
  ]);
  for (const family of clusterFamilies(spec)) {
    const net = nodeNetwork(family, busy);
    if (!net) continue;
    let host = FIRST_NODE_HOST;
    for (const node of sorted) {
      if (nodeInternalIPs(node).some((ip) => ipFamily(ip) === family)) continue;
      let ip = cidrAddress(net, host++);
      while (taken.has(ip)) ip = cidrAddress(net, host++);
      taken.add(ip);
      node.status!.addresses = [...node.status!.addresses!, { type: 'InternalIP', address: ip }];
    }
  }
  return sorted;
}

/** The node's InternalIP addresses in the order given (the first is the primary). */
export function nodeInternalIPs(node: Node): string[] {
  return (node.status?.addresses ?? []).filter((a) => a.type === 'InternalIP' && parseIP(a.address)).map((a) => a.address);
}

export function isNodeReady(node: Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Taints that keep a pod without these tolerations off the node (NoSchedule, NoExecute). */
export function blockingTaints(node: Node, toleratedKeys: ReadonlySet<string> = new Set()): string[] {
  return (node.spec?.taints ?? [])
    .filter((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !toleratedKeys.has(t.key))
    .map((t) => t.key);
}

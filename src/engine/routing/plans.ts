// From the cluster to the hosts to build: one plan per node and its pods, the node network,
// and the "remote hosts" DESIGN.md calls for: EndpointSlice addresses that belong to no
// modelled pod, node or client. Each is placed where a real cluster would have it:
// - in a modelled node's pod CIDR: a pod of that node we were not told about (`remote/IP`);
// - in the cluster pod CIDR but no node's: a pod of an unmodelled node; that node is
//   synthesized (`remote/CIDR`, the node-sized subnet of the address) with an address on the
//   node network (counting down from the subnet's last host address), so the CNI model gives
//   every node a route to it exactly as for a real node;
// - in the node network: a host on that segment; anywhere else: a host on the outside network.

import type { ClusterModel } from '../model/cluster';
import type { Node, Pod } from '../model/k8s';
import { canonicalIP, type CIDR, type IP, type IPFamily } from '../net/ip';
import { contains, coveringPrefix, familyOf, freeAddress, prefixLength, prefixOf } from './addressing';
import type { NodePlan, PodPlan } from './cni-model';

/** Node subnets are never longer than this: nodes share one L2 segment. */
const NODE_SUBNET_PREFIX: Record<IPFamily, number> = { 4: 24, 6: 64 };
/** The node-sized pod subnet assumed for unmodelled nodes when no node tells us. */
const POD_SUBNET_PREFIX: Record<IPFamily, number> = { 4: 24, 6: 64 };

export interface NodeSubnet {
  readonly cidr: CIDR;
  readonly gateway: IP;
}

export interface Plans {
  readonly nodes: readonly NodePlan[];
  readonly nodeSubnets: readonly NodeSubnet[];
  /** Hosts with one address attached to the node network or the outside (clients and remote hosts). */
  readonly standalone: readonly { readonly host: string; readonly kind: 'client' | 'remote'; readonly ip: IP }[];
  /** hostNetwork pods: `NS/NAME` -> node host. */
  readonly hostNetworkPods: Readonly<Record<string, string>>;
}

const podKey = (pod: Pod): string => `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
export const podHostName = (key: string): string => `pod/${key}`;
export const nodeHostName = (name: string): string => `node/${name}`;

function podIPs(pod: Pod): IP[] {
  const texts = pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []);
  return texts.map((t) => canonicalIP(t)).filter((ip): ip is IP => ip !== undefined);
}

function internalIPs(node: Node): IP[] {
  const ips: IP[] = [];
  for (const a of node.status?.addresses ?? []) {
    const ip = a.type === 'InternalIP' ? canonicalIP(a.address) : undefined;
    if (ip && !ips.some((x) => familyOf(x) === familyOf(ip))) ips.push(ip);
  }
  return ips;
}

const byHost = <T extends { host: string }>(a: T, b: T): number => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0);

function realNodes(cluster: ClusterModel): NodePlan[] {
  const pods = [...cluster.pods].filter((p) => !p.spec.hostNetwork).sort((a, b) => (podKey(a) < podKey(b) ? -1 : 1));
  const byNode = new Map<string | undefined, Pod[]>();
  for (const p of pods) {
    const list = byNode.get(p.spec.nodeName);
    if (list) list.push(p);
    else byNode.set(p.spec.nodeName, [p]);
  }
  return cluster.nodes.map((node): NodePlan => {
    const name = node.metadata.name ?? '';
    const podCIDRs = (node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : [])) as CIDR[];
    const mine = (byNode.get(name) ?? []).map((p): PodPlan => ({
      host: podHostName(podKey(p)), namespace: p.metadata.namespace ?? 'default', name: p.metadata.name ?? '', ips: podIPs(p),
    }));
    return { host: nodeHostName(name), node: name, ips: internalIPs(node), podCIDRs, pods: mine };
  }).filter((n) => n.ips.length > 0).sort(byHost);
}

function nodeSubnets(nodes: readonly NodePlan[], taken: ReadonlySet<string>): NodeSubnet[] {
  const subnets: NodeSubnet[] = [];
  for (const family of [4, 6] as const) {
    const ips = nodes.flatMap((n) => n.ips).filter((ip) => familyOf(ip) === family);
    if (ips.length === 0) continue;
    const cidr = coveringPrefix(ips, NODE_SUBNET_PREFIX[family]);
    subnets.push({ cidr, gateway: freeAddress(cidr, taken, 1, 1) });
  }
  return subnets;
}

function endpointAddresses(cluster: ClusterModel, extra: readonly IP[]): IP[] {
  const all = new Set<IP>(extra);
  for (const slice of cluster.endpointSlices) {
    if (slice.addressType === 'FQDN') continue;
    for (const ep of slice.endpoints) for (const a of ep.addresses) { const ip = canonicalIP(a); if (ip) all.add(ip); }
  }
  return [...all].sort();
}

/** Places the unknown addresses: extra pods on nodes (new nodes when needed) or standalone hosts. */
function placeRemote(cluster: ClusterModel, nodes: NodePlan[], subnets: NodeSubnet[], unknown: IP[], taken: Set<string>): Plans['standalone'] {
  const standalone: { host: string; kind: 'remote'; ip: IP }[] = [];
  for (const ip of unknown) {
    const family = familyOf(ip);
    let node = nodes.find((n) => n.podCIDRs.some((c) => contains(c, ip)));
    if (!node && cluster.spec.podCIDRs.some((c) => contains(c, ip))) {
      const subnet = subnets.find((s) => familyOf(s.gateway) === family);
      const size = nodes.flatMap((n) => n.podCIDRs).find((c) => familyOf(c.split('/')[0]!) === family);
      const podCIDR = prefixOf(ip, size ? prefixLength(size) : POD_SUBNET_PREFIX[family]);
      if (subnet) {
        const nodeIP = freeAddress(subnet.cidr, taken, family === 4 ? -2 : -1, -1);
        taken.add(nodeIP);
        node = { host: `remote/${podCIDR}`, node: `remote/${podCIDR}`, ips: [nodeIP], podCIDRs: [podCIDR], pods: [] };
        nodes.push(node);
      }
    }
    const pod: PodPlan = { host: `remote/${ip}`, namespace: 'remote', name: ip, ips: [ip] };
    if (node) {
      const i = nodes.indexOf(node);
      nodes[i] = { ...node, pods: [...node.pods, pod] };
    } else {
      standalone.push({ host: pod.host, kind: 'remote', ip });
    }
  }
  return standalone;
}

/** Everything buildNetwork creates, in sorted order. */
export function planNetwork(cluster: ClusterModel, extraAddresses: readonly IP[] = []): Plans {
  const nodes = realNodes(cluster);
  const clients = [...cluster.spec.clients].sort((a, b) => (a.name < b.name ? -1 : 1));
  const known = new Set<string>([
    ...nodes.flatMap((n) => [...n.ips, ...n.pods.flatMap((p) => p.ips)]),
    ...clients.map((c) => c.ip),
  ]);
  const subnets = nodeSubnets(nodes, known);
  for (const s of subnets) known.add(s.gateway);
  const unknown = endpointAddresses(cluster, extraAddresses).filter((ip) => !known.has(ip));
  const remote = placeRemote(cluster, nodes, subnets, unknown, known);
  const hostNetworkPods: Record<string, string> = {};
  for (const pod of [...cluster.pods].sort((a, b) => (podKey(a) < podKey(b) ? -1 : 1))) {
    if (pod.spec.hostNetwork && pod.spec.nodeName) hostNetworkPods[podKey(pod)] = nodeHostName(pod.spec.nodeName);
  }
  return {
    nodes: nodes.sort(byHost),
    nodeSubnets: subnets,
    standalone: [...clients.map((c) => ({ host: `client/${c.name}`, kind: 'client' as const, ip: c.ip })), ...remote],
    hostNetworkPods,
  };
}

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
import { canonicalIP, cidrOf, parseCIDR, parseIP, type CIDR, type IP, type IPFamily } from '../net/ip';
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

/** Pods sorted by `NS/NAME`, each with its key (computed once, not per comparison). */
const sortedPods = (pods: readonly Pod[]): { key: string; pod: Pod }[] =>
  pods.map((pod) => ({ key: podKey(pod), pod })).sort((a, b) => (a.key < b.key ? -1 : 1));

function realNodes(cluster: ClusterModel): NodePlan[] {
  const pods = sortedPods(cluster.pods.filter((p) => !p.spec.hostNetwork));
  const byNode = new Map<string | undefined, { key: string; pod: Pod }[]>();
  for (const p of pods) {
    const list = byNode.get(p.pod.spec.nodeName);
    if (list) list.push(p);
    else byNode.set(p.pod.spec.nodeName, [p]);
  }
  return cluster.nodes.map((node): NodePlan => {
    const name = node.metadata.name ?? '';
    const podCIDRs = (node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : [])) as CIDR[];
    const mine = (byNode.get(name) ?? []).map(({ key, pod: p }): PodPlan => ({
      host: podHostName(key), namespace: p.metadata.namespace ?? 'default', name: p.metadata.name ?? '', ips: podIPs(p),
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

/** Endpoint (and extra) addresses no modelled host has, sorted. */
function unknownAddresses(cluster: ClusterModel, extra: readonly IP[], known: ReadonlySet<string>): IP[] {
  const all = new Set<IP>(extra.filter((ip) => !known.has(ip)));
  for (const slice of cluster.endpointSlices) {
    if (slice.addressType === 'FQDN') continue;
    for (const ep of slice.endpoints) {
      for (const a of ep.addresses) {
        // A known address is canonical, and canonical text is its own canonical form.
        if (known.has(a)) continue;
        const ip = canonicalIP(a);
        if (ip && !known.has(ip)) all.add(ip);
      }
    }
  }
  return [...all].sort();
}

/** The first node (in list order) whose pod CIDRs hold an address, by prefix rather than by scanning every node. */
function podCIDROwners(nodes: readonly NodePlan[]) {
  const byPrefix = new Map<string, { family: IPFamily; prefix: number; first: Map<bigint, number> }>();
  const add = (node: NodePlan, i: number): void => {
    for (const c of node.podCIDRs) {
      const cidr = parseCIDR(c);
      if (!cidr) continue;
      const k = `${cidr.family}/${cidr.prefix}`;
      let group = byPrefix.get(k);
      if (!group) { group = { family: cidr.family, prefix: cidr.prefix, first: new Map() }; byPrefix.set(k, group); }
      if (!group.first.has(cidr.base)) group.first.set(cidr.base, i);
    }
  };
  const find = (ip: IP): number | undefined => {
    const a = parseIP(ip);
    let best: number | undefined;
    for (const group of byPrefix.values()) {
      const i = a && a.family === group.family ? group.first.get(cidrOf(a, group.prefix)!.base) : undefined;
      if (i !== undefined && (best === undefined || i < best)) best = i;
    }
    return best;
  };
  nodes.forEach(add);
  return { add, find };
}

/** Places the unknown addresses: extra pods on nodes (new nodes when needed) or standalone hosts. */
function placeRemote(cluster: ClusterModel, nodes: NodePlan[], subnets: NodeSubnet[], unknown: IP[], taken: Set<string>): Plans['standalone'] {
  const standalone: { host: string; kind: 'remote'; ip: IP }[] = [];
  const owners = podCIDROwners(nodes);
  const extraPods = new Map<number, PodPlan[]>();
  // Node pod CIDRs synthesized below have the default size, so the first known one decides.
  const firstPodCIDR = (family: IPFamily) => nodes.flatMap((n) => n.podCIDRs).find((c) => familyOf(c.split('/')[0]!) === family);
  const knownSize = { 4: firstPodCIDR(4), 6: firstPodCIDR(6) };
  for (const ip of unknown) {
    const family = familyOf(ip);
    let at = owners.find(ip);
    if (at === undefined && cluster.spec.podCIDRs.some((c) => contains(c, ip))) {
      const subnet = subnets.find((s) => familyOf(s.gateway) === family);
      const size = knownSize[family];
      const podCIDR = prefixOf(ip, size ? prefixLength(size) : POD_SUBNET_PREFIX[family]);
      if (subnet) {
        const nodeIP = freeAddress(subnet.cidr, taken, family === 4 ? -2 : -1, -1);
        taken.add(nodeIP);
        nodes.push({ host: `remote/${podCIDR}`, node: `remote/${podCIDR}`, ips: [nodeIP], podCIDRs: [podCIDR], pods: [] });
        at = nodes.length - 1;
        owners.add(nodes[at]!, at);
      }
    }
    const pod: PodPlan = { host: `remote/${ip}`, namespace: 'remote', name: ip, ips: [ip] };
    if (at === undefined) standalone.push({ host: pod.host, kind: 'remote', ip });
    else if (extraPods.has(at)) extraPods.get(at)!.push(pod);
    else extraPods.set(at, [pod]);
  }
  for (const [i, pods] of extraPods) nodes[i] = { ...nodes[i]!, pods: [...nodes[i]!.pods, ...pods] };
  return standalone;
}

/** Everything buildNetwork creates, in sorted order. */
export function planNetwork(cluster: ClusterModel, extraAddresses: readonly IP[] = []): Plans {
  const nodes = realNodes(cluster);
  const clients = [...cluster.spec.clients].sort((a, b) => (a.name < b.name ? -1 : 1));
  const known = new Set<string>();
  for (const n of nodes) {
    for (const ip of n.ips) known.add(ip);
    for (const p of n.pods) for (const ip of p.ips) known.add(ip);
  }
  for (const c of clients) known.add(c.ip);
  const subnets = nodeSubnets(nodes, known);
  for (const s of subnets) known.add(s.gateway);
  const unknown = unknownAddresses(cluster, extraAddresses, known);
  const remote = placeRemote(cluster, nodes, subnets, unknown, known);
  const hostNetworkPods: Record<string, string> = {};
  for (const { key, pod } of sortedPods(cluster.pods.filter((p) => p.spec.hostNetwork && p.spec.nodeName))) {
    hostNetworkPods[key] = nodeHostName(pod.spec.nodeName!);
  }
  return {
    nodes: nodes.sort(byHost),
    nodeSubnets: subnets,
    standalone: [...clients.map((c) => ({ host: `client/${c.name}`, kind: 'client' as const, ip: c.ip })), ...remote],
    hostNetworkPods,
  };
}

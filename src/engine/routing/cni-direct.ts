// The `direct` CNI model: every node's pods hang off a Linux bridge and pod traffic between
// nodes is routed, unencapsulated, over the node network. This is what the reference plugins
// do with flannel's host-gw backend:
// - containernetworking/plugins plugins/main/bridge: bridge `cni0` holding the first address
//   of the node's pod CIDR (isGateway), one veth pair per pod with the host end a bridge port
//   (hairpinMode: true), the pod end `eth0` in the pod's namespace, default route via the
//   bridge address (isDefaultGateway) — plugins/ipam/host-local hands out the addresses.
// - flannel backend/hostgw: on each node, a route per other node's pod CIDR
//   `10.244.2.0/24 via 192.168.1.11 dev eth0`.

import { cidrContains, parseCIDR, parseIP, type CIDR, type IP, type ParsedCIDR } from '../net/ip';
import { anyRoute, familyOf, hostPrefixLength, macFor, nthAddress, prefixLength, vethName } from './addressing';
import type { CniContext, CniModel, CniSetup, HostPart, NodePlan, PodPlan } from './cni-model';
import { makeAddress, sortRoutes, staticRoute } from './kernel-routes';
import type { NetInterface, RouteEntry } from './types';

export const BRIDGE = 'cni0';
const MTU = 1500;
/** Pod hosts: lo is 1, the veth end is 2. */
export const POD_ETH0_INDEX = 2;

/** The bridge's address in a pod CIDR: its first host address (`10.244.1.1`). */
export const bridgeAddress = (podCIDR: CIDR): IP => nthAddress(podCIDR, 1);

function bridgeDevice(node: NodePlan, index: number, mtu: number): NetInterface {
  return {
    index, name: BRIDGE, kind: 'bridge', mtu, mac: macFor(`${node.host}/${BRIDGE}`),
    addresses: node.podCIDRs.map((cidr) => makeAddress(bridgeAddress(cidr), prefixLength(cidr))),
  };
}

/** A node's pod CIDRs, parsed once for all its pods. */
type PodCIDRs = readonly { readonly text: CIDR; readonly parsed: ParsedCIDR | undefined }[];

/** The prefix a pod address gets: its node's pod CIDR of that family (host-local's subnet). */
function podPrefix(cidrs: PodCIDRs, ip: IP): { prefix: number; cidr?: CIDR } {
  const a = parseIP(ip);
  const cidr = a && cidrs.find((c) => c.parsed && cidrContains(c.parsed, a));
  return cidr ? { prefix: cidr.parsed!.prefix, cidr: cidr.text } : { prefix: hostPrefixLength(ip) };
}

/** A pod's default route via the bridge address of a pod CIDR: one value per node and CIDR, shared by its pods. */
type DefaultRoutes = (cidr: CIDR) => RouteEntry;

function defaultRoutes(): DefaultRoutes {
  const routes = new Map<CIDR, RouteEntry>();
  return (cidr) => {
    let route = routes.get(cidr);
    if (!route) {
      const gateway = bridgeAddress(cidr);
      route = staticRoute(anyRoute(familyOf(gateway)), 'eth0', gateway);
      routes.set(cidr, route);
    }
    return route;
  };
}

function podPart(node: NodePlan, cidrs: PodCIDRs, pod: PodPlan, hostVeth: NetInterface, defaultVia: DefaultRoutes): HostPart {
  const prefixes = pod.ips.map((ip) => podPrefix(cidrs, ip));
  const eth0: NetInterface = {
    index: POD_ETH0_INDEX, name: 'eth0', kind: 'veth', mtu: hostVeth.mtu, mac: macFor(`${pod.host}/eth0`),
    addresses: pod.ips.map((ip, i) => makeAddress(ip, prefixes[i]!.prefix)),
    peer: { host: node.host, interface: hostVeth.name, index: hostVeth.index },
  };
  const routes: RouteEntry[] = [];
  for (const { cidr } of prefixes) if (cidr) routes.push(defaultVia(cidr));
  return { interfaces: [eth0], routes };
}

/** The routes flannel host-gw installs toward `peer` on every other node: its pod CIDRs via its address of the same family. */
function routesToward(ctx: CniContext, peer: NodePlan): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const cidr of peer.podCIDRs) {
    const via = peer.ips.find((ip) => familyOf(ip) === familyOf(cidr.split('/')[0]!));
    if (via) routes.push(staticRoute(cidr, ctx.uplink, via));
  }
  return routes;
}

// Every node's routes toward the others are the same values, built once per cluster and
// shared, in the order the kernel dumps them (so each node's table sorts in linear time).
const peerTables = new WeakMap<CniContext, readonly { readonly host: string; readonly route: RouteEntry }[]>();

/** flannel host-gw: each other node's pod CIDRs via that node's address of the same family. */
function peerRoutes(ctx: CniContext, node: NodePlan): RouteEntry[] {
  let all = peerTables.get(ctx);
  if (!all) {
    const owner = new Map<RouteEntry, string>();
    for (const peer of ctx.nodes) for (const route of routesToward(ctx, peer)) owner.set(route, peer.host);
    all = sortRoutes([...owner.keys()]).map((route) => ({ host: owner.get(route)!, route }));
    peerTables.set(ctx, all);
  }
  const routes: RouteEntry[] = [];
  for (const p of all) if (p.host !== node.host) routes.push(p.route);
  return routes;
}

/**
 * The bridge plugin's part of a node: `cni0` at ifindex `first`, then one bridged veth per
 * pod, all with the MTU the CNI config gives (flannel's subnet.env FLANNEL_MTU for overlays).
 */
export function bridgedPods(node: NodePlan, first: number, mtu: number): CniSetup {
  const interfaces: NetInterface[] = [bridgeDevice(node, first, mtu)];
  const pods = new Map<string, HostPart>();
  const defaultVia = defaultRoutes();
  const cidrs: PodCIDRs = node.podCIDRs.map((text) => ({ text, parsed: parseCIDR(text) }));
  node.pods.forEach((pod, i) => {
    const veth: NetInterface = {
      index: first + 1 + i, name: vethName(pod.namespace, pod.name), kind: 'veth', mtu,
      mac: macFor(`${node.host}/${pod.host}`), addresses: [], master: BRIDGE, hairpin: true,
      peer: { host: pod.host, interface: 'eth0', index: POD_ETH0_INDEX },
    };
    interfaces.push(veth);
    pods.set(pod.host, podPart(node, cidrs, pod, veth, defaultVia));
  });
  return { node: { interfaces, routes: [] }, pods };
}

function setupNode(ctx: CniContext, node: NodePlan): CniSetup {
  const setup = bridgedPods(node, 3, MTU);
  return { node: { ...setup.node, routes: peerRoutes(ctx, node) }, pods: setup.pods };
}

export const directModel: CniModel = { name: 'direct', podMTU: MTU, setupNode };

// The `direct` CNI model: every node's pods hang off a Linux bridge and pod traffic between
// nodes is routed, unencapsulated, over the node network. This is what the reference plugins
// do with flannel's host-gw backend:
// - containernetworking/plugins plugins/main/bridge: bridge `cni0` holding the first address
//   of the node's pod CIDR (isGateway), one veth pair per pod with the host end a bridge port
//   (hairpinMode: true), the pod end `eth0` in the pod's namespace, default route via the
//   bridge address (isDefaultGateway) — plugins/ipam/host-local hands out the addresses.
// - flannel backend/hostgw: on each node, a route per other node's pod CIDR
//   `10.244.2.0/24 via 192.168.1.11 dev eth0`.

import type { CIDR, IP } from '../net/ip';
import { anyRoute, contains, familyOf, hostPrefixLength, macFor, nthAddress, prefixLength, vethName } from './addressing';
import type { CniContext, CniModel, CniSetup, HostPart, NodePlan, PodPlan } from './cni-model';
import { makeAddress, staticRoute } from './kernel-routes';
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

/** The prefix a pod address gets: its node's pod CIDR of that family (host-local's subnet). */
function podPrefix(node: NodePlan, ip: IP): { prefix: number; cidr?: CIDR } {
  const cidr = node.podCIDRs.find((c) => contains(c, ip));
  return cidr ? { prefix: prefixLength(cidr), cidr } : { prefix: hostPrefixLength(ip) };
}

function podPart(node: NodePlan, pod: PodPlan, hostVeth: NetInterface): HostPart {
  const eth0: NetInterface = {
    index: POD_ETH0_INDEX, name: 'eth0', kind: 'veth', mtu: hostVeth.mtu, mac: macFor(`${pod.host}/eth0`),
    addresses: pod.ips.map((ip) => makeAddress(ip, podPrefix(node, ip).prefix)),
    peer: { host: node.host, interface: hostVeth.name, index: hostVeth.index },
  };
  const routes: RouteEntry[] = [];
  for (const ip of pod.ips) {
    const { cidr } = podPrefix(node, ip);
    if (cidr) routes.push(staticRoute(anyRoute(familyOf(ip)), 'eth0', bridgeAddress(cidr)));
  }
  return { interfaces: [eth0], routes };
}

/** flannel host-gw: each other node's pod CIDRs via that node's address of the same family. */
function peerRoutes(ctx: CniContext, node: NodePlan): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const peer of ctx.nodes) {
    if (peer.host === node.host) continue;
    for (const cidr of peer.podCIDRs) {
      const via = peer.ips.find((ip) => familyOf(ip) === familyOf(cidr.split('/')[0]!));
      if (via) routes.push(staticRoute(cidr, ctx.uplink, via));
    }
  }
  return routes;
}

/**
 * The bridge plugin's part of a node: `cni0` at ifindex `first`, then one bridged veth per
 * pod, all with the MTU the CNI config gives (flannel's subnet.env FLANNEL_MTU for overlays).
 */
export function bridgedPods(node: NodePlan, first: number, mtu: number): CniSetup {
  const interfaces: NetInterface[] = [bridgeDevice(node, first, mtu)];
  const pods: Record<string, HostPart> = {};
  node.pods.forEach((pod, i) => {
    const veth: NetInterface = {
      index: first + 1 + i, name: vethName(pod.namespace, pod.name), kind: 'veth', mtu,
      mac: macFor(`${node.host}/${pod.host}`), addresses: [], master: BRIDGE, hairpin: true,
      peer: { host: pod.host, interface: 'eth0', index: POD_ETH0_INDEX },
    };
    interfaces.push(veth);
    pods[pod.host] = podPart(node, pod, veth);
  });
  return { node: { interfaces, routes: [] }, pods };
}

function setupNode(ctx: CniContext, node: NodePlan): CniSetup {
  const setup = bridgedPods(node, 3, MTU);
  return { node: { ...setup.node, routes: peerRoutes(ctx, node) }, pods: setup.pods };
}

export const directModel: CniModel = { name: 'direct', podMTU: MTU, setupNode };

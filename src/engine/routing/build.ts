// Builds the network of a cluster: every node, pod network namespace, external client,
// remote host and the `outside` router, each with its interfaces and routing tables.
// - Node network: nodes share one L2 segment (`node-network`), the smallest prefix covering
//   all node InternalIPs of a family but never longer than /24 (IPv4) or /64 (IPv6); the
//   outside router sits on it at the first free host address (.1, else .2, ...) and is every
//   node's default gateway.
// - Outside: each client is on its own /24 (/64) with the router at that subnet's first free
//   address, or directly on the node network when its address is in it. The router routes
//   only its connected subnets: no pod CIDR, no service CIDR, no default (DESIGN.md: clients
//   reach nodes, NodePorts and LoadBalancer IPs, which the cloud model routes).
// - The cloud (cloud-hosts.ts): a host per cloud load balancer on the node network, and the
//   router's routes to the LoadBalancer IPs.
// - Pods' devices and routes come from the CNI model (cni-model.ts); the kernel's own routes
//   (connected prefixes, the local table) are derived from the addresses (kernel-routes.ts).

import type { ClusterModel } from '../model/cluster';
import type { CIDR, IP } from '../net/ip';
import { anyRoute, contains, familyOf, freeAddress, macFor, prefixLength, prefixOf } from './addressing';
import { cloudParts, type CloudParts } from './cloud-hosts';
import type { CniContext, HostPart } from './cni-model';
import { cniModelFor } from './cni-models';
import { localRoutes, mainRoutes, makeAddress, staticRoute } from './kernel-routes';
import { planNetwork, podHostName, type NodeSubnet } from './plans';
import type { Host, HostKind, Link, NetInterface, Network, RouteEntry } from './types';

export const NODE_NETWORK = 'node-network';
export const OUTSIDE_HOST = 'outside';
const UPLINK = 'eth0';
const CLIENT_SUBNET_PREFIX = { 4: 24, 6: 64 } as const;
const POD_HOST_PREFIX = podHostName('');

export interface BuildOptions {
  /** Addresses a trace will use that may belong to no host yet (placed like remote endpoints). */
  readonly extraAddresses?: readonly IP[];
}

interface HostSpec {
  name: string;
  kind: HostKind;
  node?: string;
  forwarding: boolean;
  interfaces: NetInterface[];
  routes: RouteEntry[];
  parts?: HostPart[];
}

function makeLoopback(v6: boolean): NetInterface {
  const addresses = [makeAddress('127.0.0.1' as IP, 8, 'host'), ...(v6 ? [makeAddress('::1' as IP, 128, 'host')] : [])];
  return { index: 1, name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', addresses };
}

// Every host's `lo` is the same value: one object each, shared (with its local routes).
const LOOPBACK = { v4: makeLoopback(false), dual: makeLoopback(true) } as const;
const loopback = (v6: boolean): NetInterface => (v6 ? LOOPBACK.dual : LOOPBACK.v4);

function ethernet(host: string, index: number, name: string, link: string, addresses: NetInterface['addresses']): NetInterface {
  return { index, name, kind: 'ethernet', mtu: 1500, mac: macFor(`${host}/${name}`), addresses, link };
}

// Most hosts have no neighbour or FDB entries: one shared empty list rather than one each.
const NONE: readonly never[] = [];
const concatOrNone = <T>(lists: readonly (readonly T[])[]): readonly T[] =>
  (lists.every((l) => l.length === 0) ? NONE : lists.flat());

function assemble(spec: HostSpec): Host {
  const parts = spec.parts ?? [];
  const body = spec.interfaces.concat(...parts.map((p) => p.interfaces)).sort((a, b) => a.index - b.index);
  const v6 = body.some((i) => i.addresses.some((a) => a.ip.includes(':'))); // an IPv6 address, as familyOf says of a valid one
  const interfaces = [loopback(v6), ...body];
  const statics = spec.routes.concat(...parts.map((p) => p.routes));
  const rest = {
    forwarding: spec.forwarding, bridgeNfCallIptables: spec.kind === 'node',
    interfaces,
    routes: { main: mainRoutes(interfaces, statics), local: localRoutes(interfaces) },
    neighbours: concatOrNone(parts.map((p) => p.neighbours ?? NONE)),
    fdb: concatOrNone(parts.map((p) => p.fdb ?? NONE)),
  };
  // Two literals rather than `...(node && { node })` before more keys, which V8 builds slowly
  // (a large cluster has a host per pod); the keys keep that order.
  return spec.node ? { name: spec.name, kind: spec.kind, node: spec.node, ...rest } : { name: spec.name, kind: spec.kind, ...rest };
}

const defaultsVia = (gateways: readonly IP[], dev: string): RouteEntry[] =>
  gateways.map((gw) => staticRoute(anyRoute(familyOf(gw)), dev, gw));

/** Where a standalone host's address lives: the node network or its own outside subnet. */
function attachment(ip: IP, subnets: readonly NodeSubnet[]): { link: string; cidr: CIDR; onNodeNetwork: boolean } {
  const nodeSubnet = subnets.find((s) => contains(s.cidr, ip));
  if (nodeSubnet) return { link: NODE_NETWORK, cidr: nodeSubnet.cidr, onNodeNetwork: true };
  const cidr = prefixOf(ip, CLIENT_SUBNET_PREFIX[familyOf(ip)]);
  return { link: `outside/${cidr}`, cidr, onNodeNetwork: false };
}

function outsideHosts(plans: ReturnType<typeof planNetwork>): HostSpec[] {
  const subnets = plans.nodeSubnets;
  const routerIfaces: NetInterface[] = [ethernet(OUTSIDE_HOST, 2, UPLINK, NODE_NETWORK, subnets.map((s) => makeAddress(s.gateway, prefixLength(s.cidr))))];
  const outsideCIDRs = [...new Set(plans.standalone.map((h) => attachment(h.ip, subnets)).filter((a) => !a.onNodeNetwork).map((a) => a.cidr))]
    .sort((a, b) => familyOf(a.split('/')[0]!) - familyOf(b.split('/')[0]!) || (a < b ? -1 : 1));
  const taken = new Set<string>(plans.standalone.map((h) => h.ip));
  const routerIP = new Map<string, IP>();
  outsideCIDRs.forEach((cidr, i) => {
    const ip = freeAddress(cidr, taken, 1, 1);
    routerIP.set(cidr, ip);
    routerIfaces.push(ethernet(OUTSIDE_HOST, 3 + i, `eth${i + 1}`, `outside/${cidr}`, [makeAddress(ip, prefixLength(cidr))]));
  });
  const hosts: HostSpec[] = [{ name: OUTSIDE_HOST, kind: 'router', forwarding: true, interfaces: routerIfaces, routes: [] }];
  for (const h of plans.standalone) {
    const at = attachment(h.ip, subnets);
    const gw = at.onNodeNetwork ? subnets.find((s) => s.cidr === at.cidr)!.gateway : routerIP.get(at.cidr)!;
    const eth0 = ethernet(h.host, 2, UPLINK, at.link, [makeAddress(h.ip, prefixLength(at.cidr))]);
    hosts.push({ name: h.host, kind: h.kind, forwarding: false, interfaces: [eth0], routes: defaultsVia([gw], UPLINK) });
  }
  return hosts;
}

const withFabricIPs = (iface: NetInterface, ips: readonly IP[] | undefined): NetInterface =>
  (ips && ips.length > 0 ? { ...iface, fabricIPs: ips } : iface);

/** Every node and pod host, each assembled by `finish` as soon as it is specified (so the specs die young). */
function clusterHosts(plans: ReturnType<typeof planNetwork>, ctx: CniContext, model: ReturnType<typeof cniModelFor>['model'], finish: (spec: HostSpec) => Host): Host[] {
  const hosts: Host[] = [];
  for (const node of plans.nodes) {
    const setup = model.setupNode(ctx, node);
    const addresses = node.ips.map((ip) => makeAddress(ip, prefixLength(plans.nodeSubnets.find((s) => contains(s.cidr, ip))!.cidr)));
    const gateways = plans.nodeSubnets.map((s) => s.gateway).filter((gw) => node.ips.some((ip) => familyOf(ip) === familyOf(gw)));
    hosts.push(finish({
      name: node.host, kind: node.host.startsWith('remote/') ? 'remote' : 'node', node: node.node, forwarding: true,
      interfaces: [withFabricIPs(ethernet(node.host, 2, UPLINK, NODE_NETWORK, addresses), setup.node.uplinkFabricIPs)],
      routes: defaultsVia(gateways, UPLINK), parts: [setup.node],
    }));
    for (const pod of node.pods) {
      const part = setup.pods.get(pod.host) ?? { interfaces: [], routes: [] };
      const kind = pod.host.startsWith('remote/') ? 'remote' : 'pod';
      hosts.push(finish({ name: pod.host, kind, node: node.node, forwarding: false, interfaces: [], routes: [], parts: [part] }));
    }
  }
  return hosts;
}

/** The cloud's part of a host: the router's routes to the LB IPs, MetalLB's ARP answers on a speaker's uplink. */
function withCloud(spec: HostSpec, cloud: CloudParts): HostSpec {
  if (spec.kind === 'router') return { ...spec, routes: [...spec.routes, ...cloud.routerRoutes] };
  const announced = cloud.announces.get(spec.name);
  if (!announced) return spec;
  return { ...spec, interfaces: spec.interfaces.map((i) => (i.link === NODE_NETWORK ? { ...i, announces: announced } : i)) };
}

/** The cloud load balancers' hosts, on the node network. */
const loadBalancerHosts = (cloud: CloudParts): HostSpec[] => cloud.hosts.map((h): HostSpec => ({
  name: h.name, kind: 'lb', forwarding: false,
  interfaces: [ethernet(h.name, 2, UPLINK, NODE_NETWORK, h.addresses)],
  routes: h.gateways.map((gw) => staticRoute(anyRoute(familyOf(gw)), UPLINK, gw, h.onlink ? { onlink: true } : {})),
}));

function links(hosts: readonly Host[]): Link[] {
  const ends = new Map<string, { host: string; interface: string }[]>();
  for (const h of hosts) {
    for (const i of h.interfaces) {
      if (!i.link) continue;
      const list = ends.get(i.link);
      if (list) list.push({ host: h.name, interface: i.name });
      else ends.set(i.link, [{ host: h.name, interface: i.name }]);
    }
  }
  return [...ends.keys()].sort().map((name) => ({ name, ends: ends.get(name)! }));
}

/**
 * `NS/NAME` of every pod -> its host, sorted by key: pod hosts (`pod/NS/NAME`) come out of the
 * sorted host list in key order, merged with the hostNetwork pods (sorted by key too).
 */
function podHostsOf(hosts: readonly Host[], hostNetworkPods: Readonly<Record<string, string>>): Record<string, string> {
  const own = hosts.filter((h) => h.kind === 'pod').map((h): [string, string] => [h.name.slice(POD_HOST_PREFIX.length), h.name]);
  const shared = Object.entries(hostNetworkPods).sort(([a], [b]) => (a < b ? -1 : 1));
  const merged: [string, string][] = [];
  let i = 0, j = 0;
  while (i < own.length || j < shared.length) {
    merged.push(j >= shared.length || (i < own.length && own[i]![0] < shared[j]![0]) ? own[i++]! : shared[j++]!);
  }
  return Object.fromEntries(merged);
}

/** The network of a cluster under its CNI model. Deterministic: same cluster, same network. */
export function buildNetwork(cluster: ClusterModel, options: BuildOptions = {}): Network {
  const plans = planNetwork(cluster, options.extraAddresses);
  const { model, note } = cniModelFor(cluster.spec.cni.model);
  const ctx: CniContext = { nodes: plans.nodes, uplink: UPLINK };
  const cloud = cloudParts(cluster, plans, UPLINK);
  const finish = (spec: HostSpec): Host => assemble(withCloud(spec, cloud));
  const hosts = clusterHosts(plans, ctx, model, finish)
    .concat(outsideHosts(plans).map(finish), loadBalancerHosts(cloud).map(assemble))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    cni: model.name, requestedCni: cluster.spec.cni.model,
    notes: [
      ...(note ? [note] : []),
      ...(model.notes ?? []),
      'IPv6 link-local (fe80::/64) addresses and routes and multicast routes are not modelled.',
    ],
    nodeSubnets: plans.nodeSubnets,
    hosts,
    links: links(hosts),
    podHosts: podHostsOf(hosts, plans.hostNetworkPods),
  };
}

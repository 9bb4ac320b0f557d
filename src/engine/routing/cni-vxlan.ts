// The `vxlan` CNI model: flannel's vxlan backend (flannel-io/flannel pkg/backend/vxlan,
// vxlan.go, vxlan_network.go, device.go) with the bridge plugin for the pods, and the Linux
// VXLAN driver (drivers/net/vxlan/vxlan_core.c) carrying the frames:
// - per node a VXLAN device `flannel.1` (`flannel-v6.1` for IPv6): VNI 1, `local` the node's
//   InternalIP, `dev eth0`, no learning, no UDP port given so the kernel's default 8472, MTU
//   the underlay's minus the 50-byte VXLAN header (1450), holding the network address of the
//   node's pod CIDR as a /32 (/128): `10.244.1.0/32`, "so that no broadcast routes are created";
// - for every other node: `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink`, a permanent
//   neighbour `10.244.2.0 lladdr <its flannel.1 MAC>` and an FDB entry `<that MAC> dst
//   192.168.1.11 self permanent`;
// - cni0 and the pods' veths get flannel's MTU (subnet.env FLANNEL_MTU=1450).
// A frame routed out of flannel.1 resolves the gateway by the neighbour table, then the
// destination VTEP by the FDB, and leaves eth0 inside an outer IP/UDP header; the far VTEP
// strips it and the inner packet, unchanged, arrives on its flannel.1. The outer UDP source
// port is, in the kernel, a hash of the inner flow (udp_flow_src_port) within the local port
// range 32768-60999; here a stable hash of the inner 5-tuple stands in for it.

import type { CIDR, IP, IPFamily } from '../net/ip';
import { familyOf, fnv1a32, macFor, nthAddress } from './addressing';
import type { CniContext, CniModel, CniSetup, NodePlan } from './cni-model';
import { bridgedPods } from './cni-direct';
import { findHost, findInterface, routeLookup } from './fib';
import { makeAddress, staticRoute } from './kernel-routes';
import type { FdbEntry, Host, Neighbour, NetInterface, Network, NextHop, RouteEntry } from './types';

export const VXLAN_VNI = 1;
/** The Linux VXLAN driver's default destination port (IANA's is 4789). */
export const VXLAN_PORT = 8472;
/** Outer Ethernet + IPv4 + UDP + VXLAN headers (VXLAN_HEADROOM). */
const OVERHEAD = 50;
const UNDERLAY_MTU = 1500;
export const FLANNEL_MTU = UNDERLAY_MTU - OVERHEAD;
/** net.ipv4.ip_local_port_range, the range udp_flow_src_port picks the outer source port from. */
const SRC_PORT_MIN = 32768;
const SRC_PORT_MAX = 60999;

/** flannel's device name for a family: `flannel.<VNI>` or `flannel-v6.<VNI>`. */
export const vxlanDevice = (family: IPFamily): string => (family === 4 ? `flannel.${VXLAN_VNI}` : `flannel-v6.${VXLAN_VNI}`);

/** The address flannel gives the VTEP: the network address of the node's pod CIDR (lease.Subnet.IP). */
export const vtepAddress = (podCIDR: CIDR): IP => nthAddress(podCIDR, 0);

const vtepMAC = (host: string, dev: string): string => macFor(`${host}/${dev}`);
const cidrFamily = (cidr: CIDR): IPFamily => familyOf(cidr.split('/')[0]!);

/** The families the node runs a VTEP for: a pod CIDR and an InternalIP of that family. */
function vteps(node: NodePlan): { family: IPFamily; cidr: CIDR; local: IP }[] {
  return node.podCIDRs.flatMap((cidr) => {
    const local = node.ips.find((ip) => familyOf(ip) === cidrFamily(cidr));
    return local ? [{ family: cidrFamily(cidr), cidr, local }] : [];
  });
}

function vtepDevices(ctx: CniContext, node: NodePlan): NetInterface[] {
  return vteps(node).map(({ family, cidr, local }, i): NetInterface => ({
    index: 3 + i, name: vxlanDevice(family), kind: 'vxlan', mtu: FLANNEL_MTU, mac: vtepMAC(node.host, vxlanDevice(family)),
    addresses: [makeAddress(vtepAddress(cidr), family === 4 ? 32 : 128)],
    vxlan: { id: VXLAN_VNI, local, dev: ctx.uplink, port: VXLAN_PORT },
  }));
}

interface PeerEntry {
  readonly host: string;
  readonly family: IPFamily;
  readonly route: RouteEntry;
  readonly neighbour: Neighbour;
  readonly fdb: FdbEntry;
}

// What every node programs toward a peer is the same values: built once per cluster, shared.
const peerTables = new WeakMap<CniContext, readonly PeerEntry[]>();

function allPeerEntries(ctx: CniContext): readonly PeerEntry[] {
  let all = peerTables.get(ctx);
  if (!all) {
    all = ctx.nodes.flatMap((peer) => vteps(peer).map(({ family, cidr, local }): PeerEntry => {
      const dev = vxlanDevice(family);
      const mac = vtepMAC(peer.host, dev);
      return {
        host: peer.host, family,
        route: staticRoute(cidr, dev, vtepAddress(cidr), { onlink: true }),
        neighbour: { ip: vtepAddress(cidr), mac, dev },
        fdb: { mac, dev, dst: local },
      };
    }));
    peerTables.set(ctx, all);
  }
  return all;
}

/** handleSubnetEvents(EventAdded) for every other node: route, ARP entry, FDB entry. */
function peerEntries(ctx: CniContext, node: NodePlan): { routes: RouteEntry[]; neighbours: Neighbour[]; fdb: FdbEntry[] } {
  const mine = new Set(vteps(node).map((v) => v.family));
  const peers = allPeerEntries(ctx).filter((p) => p.host !== node.host && mine.has(p.family));
  return { routes: peers.map((p) => p.route), neighbours: peers.map((p) => p.neighbour), fdb: peers.map((p) => p.fdb) };
}

function setupNode(ctx: CniContext, node: NodePlan): CniSetup {
  const devices = vtepDevices(ctx, node);
  const bridged = bridgedPods(node, 3 + devices.length, FLANNEL_MTU);
  const peers = peerEntries(ctx, node);
  return {
    node: { interfaces: [...devices, ...bridged.node.interfaces], routes: peers.routes, neighbours: peers.neighbours, fdb: peers.fdb },
    pods: bridged.pods,
  };
}

const failed = (host: string, iface: string, address: IP, text: string): NextHop =>
  ({ kind: 'no-neighbour', host, interface: iface, address, text });

interface L2Tables {
  /** `DEV IP` -> the neighbour entry (the first, as the kernel holds one per key). */
  readonly neighbours: Map<string, Neighbour>;
  /** `DEV MAC` -> the FDB entry. */
  readonly fdb: Map<string, FdbEntry>;
}

// A node holds a neighbour and an FDB entry per other node: looked up by key, memoised per host.
const l2Tables = new WeakMap<Host, L2Tables>();

function tablesOf(host: Host): L2Tables {
  let tables = l2Tables.get(host);
  if (!tables) {
    tables = { neighbours: new Map(), fdb: new Map() };
    for (const n of host.neighbours) if (!tables.neighbours.has(`${n.dev} ${n.ip}`)) tables.neighbours.set(`${n.dev} ${n.ip}`, n);
    for (const f of host.fdb) if (!tables.fdb.has(`${f.dev} ${f.mac}`)) tables.fdb.set(`${f.dev} ${f.mac}`, f);
    l2Tables.set(host, tables);
  }
  return tables;
}

type Underlay = { readonly host: Host; readonly iface: NetInterface };
const underlayIndex = new WeakMap<Network, Map<string, Map<IP, Underlay>>>();

/** Segment -> configured address -> the first interface on it holding the address, in host order (memoised per network). */
function underlayOwners(network: Network): Map<string, Map<IP, Underlay>> {
  let segments = underlayIndex.get(network);
  if (!segments) {
    segments = new Map();
    for (const host of network.hosts) {
      for (const iface of host.interfaces) {
        if (iface.link === undefined) continue;
        let owners = segments.get(iface.link);
        if (!owners) { owners = new Map(); segments.set(iface.link, owners); }
        for (const a of iface.addresses) if (!owners.has(a.ip)) owners.set(a.ip, { host, iface });
      }
    }
    underlayIndex.set(network, segments);
  }
  return segments;
}

/**
 * The far VTEP of a frame routed out of a VXLAN device toward `nextHop`: the neighbour entry
 * gives the MAC, the FDB the underlay address, and the underlay route the interface the
 * outer packet leaves by. No entry: the kernel cannot resolve the gateway (nolearning, no
 * default FDB destination), as the direct model's failed neighbour.
 */
function resolveLink(network: Network, hostName: string, iface: NetInterface, nextHop: IP): NextHop | undefined {
  if (iface.kind !== 'vxlan' || !iface.vxlan) return undefined;
  const host = findHost(network, hostName);
  const neigh = host && tablesOf(host).neighbours.get(`${iface.name} ${nextHop}`);
  if (!host || !neigh) return failed(hostName, iface.name, nextHop, `${nextHop} dev ${iface.name} FAILED`);
  const fdb = tablesOf(host).fdb.get(`${iface.name} ${neigh.mac}`);
  if (!fdb) return failed(hostName, iface.name, nextHop, `${iface.name}: no FDB entry for ${neigh.mac}: the frame is dropped`);
  const underlay = routeLookup(network, hostName, fdb.dst, { src: iface.vxlan.local });
  const out = underlay.kind === 'route' ? findInterface(host, underlay.outInterface) : undefined;
  const far = out?.link !== undefined ? underlayOwners(network).get(out.link)?.get(fdb.dst) : undefined;
  const vtep = far?.host.interfaces.find((i) => i.kind === 'vxlan' && i.mac === neigh.mac && i.vxlan?.id === iface.vxlan!.id && i.vxlan.port === iface.vxlan!.port);
  if (!out || !far || !vtep) return failed(hostName, iface.name, nextHop, `${iface.name}: no VTEP with ${neigh.mac} answers at ${fdb.dst}`);
  return {
    kind: 'link', host: far.host.name, interface: vtep.name, mac: neigh.mac,
    encap: {
      kind: 'vxlan', vni: iface.vxlan.id, port: iface.vxlan.port, outerSrc: iface.vxlan.local, outerDst: fdb.dst,
      underlay: { host: hostName, interface: out.name }, remoteUnderlay: { host: far.host.name, interface: far.iface.name },
    },
  };
}

/** The outer UDP source port for an inner flow: stable per flow, within the local port range. */
export function vxlanSourcePort(inner: { proto: string; src: IP; sport: number; dst: IP; dport: number }): number {
  const hash = fnv1a32(`${inner.proto} ${inner.src} ${inner.sport} ${inner.dst} ${inner.dport}`);
  return SRC_PORT_MIN + (hash % (SRC_PORT_MAX - SRC_PORT_MIN + 1));
}

export const vxlanModel: CniModel = {
  name: 'vxlan', podMTU: FLANNEL_MTU, setupNode, resolveLink,
  notes: [
    'CNI "vxlan": the outer UDP packet\'s own pass through netfilter and conntrack on each node is not shown (kube-proxy\'s rules do not act on it); its source port is a stable hash of the inner flow, as the kernel\'s is, but not the same number.',
  ],
};

// The plain-data network model the CNI builds on every host: interfaces with their addresses
// (iproute2's `ip addr` view), the kernel's main and local routing tables (`ip route show
// table main|local`), the links between interfaces (veth pairs, bridge ports, L2 segments)
// and static neighbour/FDB entries an overlay would program. Words are the kernel's:
// Linux include/uapi/linux/rtnetlink.h (RTN_*, RT_SCOPE_*), net/ipv4/devinet.c (ifa flags).

import type { CNIModel } from '../model/cluster';
import type { CIDR, IP, IPFamily } from '../net/ip';

/** `lb`: a cloud load balancer (src/engine/cloud), walked by the cloud model rather than as a Linux host. */
export type HostKind = 'node' | 'pod' | 'client' | 'router' | 'remote' | 'lb';
export type InterfaceKind = 'loopback' | 'ethernet' | 'bridge' | 'veth' | 'vxlan';
/** Address scope as `ip addr` prints it (RT_SCOPE_HOST, RT_SCOPE_LINK, RT_SCOPE_UNIVERSE). */
export type AddressScope = 'host' | 'link' | 'global';
/** Route scope as `ip route` prints it. */
export type RouteScope = 'host' | 'link' | 'universe';
export type RouteType = 'unicast' | 'local' | 'broadcast' | 'unreachable' | 'blackhole';
export type RouteTable = 'main' | 'local';

export interface InterfaceAddress {
  readonly ip: IP;
  readonly prefix: number;
  readonly scope: AddressScope;
  /** IPv4 broadcast (`brd`), as netlink address configuration computes it for prefixes < /31. */
  readonly broadcast?: IP;
  /** IFA_F_SECONDARY: a second address in a subnet the interface already has. Never a preferred source. */
  readonly secondary?: boolean;
}

export interface InterfaceRef {
  readonly host: string;
  readonly interface: string;
}

export interface NetInterface {
  readonly index: number;
  readonly name: string;
  readonly kind: InterfaceKind;
  readonly mtu: number;
  readonly mac: string;
  readonly addresses: readonly InterfaceAddress[];
  /** The bridge this interface is a port of (`master cni0`). */
  readonly master?: string;
  /** The other end of a veth pair, with its ifindex in its own namespace (`eth0@if4`). */
  readonly peer?: InterfaceRef & { readonly index: number };
  /** The L2 segment (Network.links) the interface is plugged into. */
  readonly link?: string;
  /** Bridge port hairpin_mode (the bridge plugin's hairpinMode, kubelet's hairpin-veth). */
  readonly hairpin?: boolean;
  /** A VXLAN device: VNI, local underlay address, underlay device, UDP port (flannel.1). */
  readonly vxlan?: { readonly id: number; readonly local: IP; readonly dev: string; readonly port: number };
  /**
   * Addresses the provider fabric delivers to this interface although Linux does not
   * configure them (AWS VPC CNI: pod IPs as ENI secondary private IPs).
   */
  readonly fabricIPs?: readonly IP[];
  /** Addresses this interface answers ARP/NDP for without configuring them (a MetalLB layer 2 speaker). */
  readonly announces?: readonly IP[];
}

/** One entry of a routing table, as `ip route` shows it. */
export interface RouteEntry {
  readonly table: RouteTable;
  readonly type: RouteType;
  readonly family: IPFamily;
  /** Destination prefix; `0.0.0.0/0` and `::/0` print as `default`. */
  readonly dst: CIDR;
  readonly dev?: string;
  readonly via?: IP;
  readonly proto?: 'kernel' | 'boot' | 'static' | 'dhcp';
  readonly scope: RouteScope;
  /** Preferred source (`src`, RTA_PREFSRC). */
  readonly src?: IP;
  readonly onlink?: boolean;
  /** IPv6 always has one (256 kernel, 1024 user); IPv4 routes print it only when set. */
  readonly metric?: number;
}

/** A permanent neighbour entry (`ip neigh`), as overlays program them. */
export interface Neighbour {
  readonly ip: IP;
  readonly mac: string;
  readonly dev: string;
}

/** A bridge/VXLAN forwarding entry (`bridge fdb`): this MAC is behind underlay address `dst`. */
export interface FdbEntry {
  readonly mac: string;
  readonly dev: string;
  readonly dst: IP;
}

export interface Host {
  /** `node/NAME`, `pod/NS/NAME`, `client/NAME`, `outside`, `remote/...`, `lb/NS/NAME` (the CLI's words). */
  readonly name: string;
  readonly kind: HostKind;
  /** The Kubernetes node a pod host runs on; the node itself for node hosts. */
  readonly node?: string;
  /** net.ipv4.ip_forward / net.ipv6.conf.all.forwarding. */
  readonly forwarding: boolean;
  /** net.bridge.bridge-nf-call-iptables (br_netfilter): bridged IP packets traverse iptables. */
  readonly bridgeNfCallIptables: boolean;
  readonly interfaces: readonly NetInterface[];
  readonly routes: { readonly main: readonly RouteEntry[]; readonly local: readonly RouteEntry[] };
  readonly neighbours: readonly Neighbour[];
  readonly fdb: readonly FdbEntry[];
}

/** An L2 segment: every interface on it can reach every other by ARP/NDP. */
export interface Link {
  readonly name: string;
  readonly ends: readonly InterfaceRef[];
}

export interface Network {
  /** The CNI model the network was built with. */
  readonly cni: CNIModel;
  /** What the user asked for; differs from `cni` when that model is not implemented yet. */
  readonly requestedCni: CNIModel;
  /** Simplifications the UI should show. */
  readonly notes: readonly string[];
  /** The node network's prefixes (one per family) and the outside router's address in each. */
  readonly nodeSubnets: readonly { readonly cidr: CIDR; readonly gateway: IP }[];
  /** Hosts sorted by name. */
  readonly hosts: readonly Host[];
  readonly links: readonly Link[];
  /** `NS/NAME` of every pod -> the host its network namespace is (hostNetwork pods: the node). */
  readonly podHosts: Readonly<Record<string, string>>;
}

/** How a frame is carried when a link is an overlay: the outer header and the underlay hop. */
export interface Encapsulation {
  readonly kind: 'vxlan';
  readonly vni: number;
  readonly port: number;
  readonly outerSrc: IP;
  readonly outerDst: IP;
  /** The underlay interface the outer packet leaves by (`eth0`). */
  readonly underlay: InterfaceRef;
  /** The underlay interface of the far end that receives the outer packet and decapsulates it. */
  readonly remoteUnderlay: InterfaceRef;
}

/** The other end of the link a route sends a packet over. */
export type NextHop =
  | {
    readonly kind: 'link';
    readonly host: string;
    readonly interface: string;
    /** The destination MAC the sender puts on the frame. */
    readonly mac: string;
    /** The bridge port the frame leaves by when the sender's out interface is a bridge. */
    readonly bridgePort?: string;
    readonly encap?: Encapsulation;
  }
  | { readonly kind: 'local'; readonly host: string; readonly interface: 'lo' }
  | {
    /** ARP/NDP gets no answer: the kernel reports EHOSTUNREACH (ICMP host unreachable). */
    readonly kind: 'no-neighbour';
    readonly host: string;
    readonly interface: string;
    readonly address: IP;
    readonly text: string;
  };

// The extension point for CNI models. A model decides which devices and routes a node and its
// pods get, and how a link it invented (a tunnel) reaches its far end; everything else (the
// node network, the local table, route lookup, bridge forwarding, neighbour resolution on
// veths, bridges and L2 segments) is shared. Models are added as files next to this one:
//   direct: containernetworking/plugins bridge + host-local, routes as flannel backend/hostgw
//   vxlan: flannel backend/vxlan (cni-vxlan.ts).
//   vpc:   aws/amazon-vpc-cni-k8s routed ENI (cni-vpc.ts).

import type { CNIModel } from '../model/cluster';
import type { CIDR, IP } from '../net/ip';
import type { FdbEntry, Neighbour, NetInterface, Network, NextHop, RouteEntry } from './types';

/** A pod network namespace to create, as the kubelet hands it to the CNI plugin. */
export interface PodPlan {
  readonly host: string;
  readonly namespace: string;
  readonly name: string;
  /** Its IPs, one per family. */
  readonly ips: readonly IP[];
}

/** A node, independent of the Kubernetes object (remote nodes are synthesized the same way). */
export interface NodePlan {
  readonly host: string;
  readonly node: string;
  /** Its InternalIPs, one per family. */
  readonly ips: readonly IP[];
  readonly podCIDRs: readonly CIDR[];
  /** Pods with their own network namespace, sorted by NS/NAME. */
  readonly pods: readonly PodPlan[];
}

export interface CniContext {
  /** Every node, sorted by host name. */
  readonly nodes: readonly NodePlan[];
  /** The node's interface on the node network. */
  readonly uplink: string;
}

/** What a model adds to one host. Interfaces carry their final ifindex. */
export interface HostPart {
  readonly interfaces: readonly NetInterface[];
  /** Addresses the provider fabric delivers to the node's uplink (NetInterface.fabricIPs). */
  readonly uplinkFabricIPs?: readonly IP[];
  readonly routes: readonly RouteEntry[];
  readonly neighbours?: readonly Neighbour[];
  readonly fdb?: readonly FdbEntry[];
}

export interface CniSetup {
  /** Added to the node host (whose lo is ifindex 1 and uplink ifindex 2). */
  readonly node: HostPart;
  /** Each pod host's interfaces after lo (ifindex 1) and its routes, keyed by host name. */
  readonly pods: ReadonlyMap<string, HostPart>;
}

export interface CniModel {
  readonly name: CNIModel;
  /** MTU of pod interfaces (overlays subtract their header). */
  readonly podMTU: number;
  /** What the model leaves out, for the network's notes. */
  readonly notes?: readonly string[];
  /** Devices and routes of one node and its pods, including routes to every other node's pods. */
  setupNode(ctx: CniContext, node: NodePlan): CniSetup;
  /**
   * Resolves the far end of a link the shared resolver does not know (a tunnel device);
   * undefined lets the shared resolver answer.
   */
  resolveLink?(network: Network, host: string, iface: NetInterface, nextHop: IP): NextHop | undefined;
}

// What a host does with a packet that arrives on an interface, as the kernel decides it:
// - On a bridge port (net/bridge/br_input.c br_handle_frame_finish): a frame addressed to
//   the bridge's own MAC (the sender routed via the bridge address: a ClusterIP, another
//   node, the node itself) is passed up to IP on the bridge device; a frame addressed to the
//   MAC behind another port (a pod on the same bridge, same subnet) is bridged.
// - br_netfilter (net/bridge/br_netfilter_hooks.c), on with bridge-nf-call-iptables=1 as
//   kubeadm requires: every IPv4/IPv6 frame entering a bridge port first traverses iptables
//   PREROUTING with `-i cni0` (physdev-in the port), once: ip_sabotage_in stops a second pass
//   when the frame is then passed up. If PREROUTING DNATed it and the new destination routes
//   out of the same bridge (br_nf_pre_routing_finish, "bridged DNAT"), the frame is bridged to
//   the port of the new destination, even the port it came in on: only a port in hairpin
//   mode sends a frame back out of its ingress port (br_forward.c should_deliver) — which is
//   how kube-proxy's hairpin (a pod reaching itself through its Service) works. Bridged IPv4
//   frames traverse iptables FORWARD and POSTROUTING with `-i cni0 -o cni0`.
// - Elsewhere (net/ipv4/ip_input.c, ip_forward.c): local addresses are delivered (INPUT);
//   other packets are routed (FORWARD, POSTROUTING) if the host forwards, else dropped.

import type { IP } from '../net/ip';
import { bridgePortFor } from './links';
import { findHost, findInterface, routeLookup, type Route } from './fib';
import type { Host, InterfaceRef, Network, NetInterface } from './types';

/** A packet arriving on `iif` of a host. */
export interface Arrival {
  readonly iif: string;
  readonly src: IP;
  /** The destination after PREROUTING. */
  readonly dst: IP;
  /** The address whose MAC the sender put on the frame (its route's nextHop); defaults to dst. */
  readonly linkDst?: IP;
  /** PREROUTING changed the destination (DNAT). */
  readonly dstChanged?: boolean;
}

/** Where the iptables hooks see a packet that arrives on an interface. */
export interface Ingress {
  /** Whether iptables PREROUTING runs (once) for this packet on this host. */
  readonly prerouting: boolean;
  /** What `-i` matches: the bridge for a frame entering through a bridge port. */
  readonly iptablesIn: string;
  /** The bridge port (`--physdev-in`) when the frame entered through one. */
  readonly physdevIn?: string;
}

export type ForwardingDecision =
  | { readonly kind: 'local'; readonly host: string; readonly iptablesIn: string; readonly route: Route }
  | { readonly kind: 'forward'; readonly host: string; readonly iptablesIn: string; readonly route: Route }
  | {
    readonly kind: 'bridge'; readonly host: string; readonly bridge: string;
    readonly inPort: string; readonly outPort: string;
    /** The frame leaves by the port it came in on (hairpin mode). */
    readonly hairpin: boolean;
    /** Bridged because PREROUTING DNATed it to an address on the same bridge. */
    readonly bridgedDnat: boolean;
    /** Whether iptables FORWARD and POSTROUTING (`-i/-o` the bridge) see it (br_netfilter). */
    readonly iptables: boolean;
    /** The far end of the out port: where the wire hop goes. */
    readonly next: InterfaceRef;
  }
  | {
    readonly kind: 'drop'; readonly host: string;
    readonly reason: 'no-route' | 'forwarding-disabled' | 'no-neighbour' | 'hairpin-off' | 'unknown-interface';
    readonly text: string;
  };

const drop = (host: string, reason: Extract<ForwardingDecision, { kind: 'drop' }>['reason'], text: string): ForwardingDecision =>
  ({ kind: 'drop', host, reason, text });

const bridgeOf = (host: Host, iface: NetInterface): NetInterface | undefined =>
  iface.master ? findInterface(host, iface.master) : undefined;

/** How iptables sees a packet arriving on `iif` of `hostName`, addressed (at L2) to the owner of `linkDst`. */
export function ingress(network: Network, hostName: string, iif: string, linkDst: IP): Ingress {
  const host = findHost(network, hostName);
  const iface = host && findInterface(host, iif);
  const bridge = host && iface && bridgeOf(host, iface);
  if (!host || !bridge) return { prerouting: true, iptablesIn: iif };
  const toBridge = bridge.addresses.some((a) => a.ip === linkDst);
  return { prerouting: host.bridgeNfCallIptables || toBridge, iptablesIn: bridge.name, physdevIn: iif };
}

function bridged(network: Network, host: Host, inPort: NetInterface, bridge: NetInterface, dst: IP, bridgedDnat: boolean): ForwardingDecision {
  const out = bridgePortFor(network, host, bridge.name, dst);
  if (!out) return drop(host.name, 'no-neighbour', `${dst} dev ${bridge.name} FAILED`);
  const hairpin = out.name === inPort.name;
  if (hairpin && !out.hairpin) return drop(host.name, 'hairpin-off', `${bridge.name}: port ${out.name} is not in hairpin mode`);
  return {
    kind: 'bridge', host: host.name, bridge: bridge.name, inPort: inPort.name, outPort: out.name, hairpin, bridgedDnat,
    iptables: host.bridgeNfCallIptables, next: { host: out.peer!.host, interface: out.peer!.interface },
  };
}

function routed(network: Network, host: Host, iif: string, a: Arrival): ForwardingDecision {
  const route = routeLookup(network, host.name, a.dst, { src: a.src, iif });
  if (route.kind === 'unreachable') return drop(host.name, route.reason === 'forwarding-disabled' ? 'forwarding-disabled' : 'no-route', route.text);
  return { kind: route.type === 'unicast' ? 'forward' : 'local', host: host.name, iptablesIn: iif, route };
}

/** The decision for a packet that arrived on `a.iif` and has been through PREROUTING. */
export function forwardingDecision(network: Network, hostName: string, a: Arrival): ForwardingDecision {
  const host = findHost(network, hostName);
  const iface = host && findInterface(host, a.iif);
  if (!host || !iface) return drop(hostName, 'unknown-interface', `no interface ${a.iif} on ${hostName}`);
  const bridge = bridgeOf(host, iface);
  if (!bridge) return routed(network, host, iface.name, a);
  if (a.dstChanged && host.bridgeNfCallIptables) {
    const route = routeLookup(network, host.name, a.dst, { src: a.src, iif: bridge.name });
    if (route.kind === 'route' && route.type === 'unicast' && route.outInterface === bridge.name && !route.gateway) {
      return bridged(network, host, iface, bridge, route.nextHop, true);
    }
    return routed(network, host, bridge.name, a);
  }
  const linkDst = a.linkDst ?? a.dst;
  if (bridge.addresses.some((x) => x.ip === linkDst)) return routed(network, host, bridge.name, a);
  return bridged(network, host, iface, bridge, linkDst, false);
}

export interface HostForAddress {
  readonly host: Host;
  /** A remote host synthesized for an address no modelled object owns. */
  readonly synthetic: boolean;
}

/**
 * The host owning an address: the pod, node, client or outside router that has it on an
 * interface, or the synthetic `remote/...` host buildNetwork made for an endpoint (or extra
 * address) that belongs to no modelled object. Loopback addresses belong to every host: none.
 * An address Linux configures wins over the provider fabric's (a vpc pod's IP is also a
 * fabric address of its node's interface, but the pod holds it).
 */
export function hostForAddress(network: Network, ip: IP): HostForAddress | undefined {
  const owners = addressOwners(network);
  const host = owners.configured.get(ip) ?? owners.fabric.get(ip);
  return host && { host, synthetic: host.kind === 'remote' };
}

// Address -> the first host (in host order) holding it, memoised per network: a large cluster has a host per pod.
const ownerIndex = new WeakMap<Network, { configured: Map<IP, Host>; fabric: Map<IP, Host> }>();

function addressOwners(network: Network): { configured: Map<IP, Host>; fabric: Map<IP, Host> } {
  let owners = ownerIndex.get(network);
  if (!owners) {
    owners = { configured: new Map(), fabric: new Map() };
    for (const h of network.hosts) {
      for (const i of h.interfaces) {
        if (i.kind !== 'loopback') for (const a of i.addresses) if (!owners.configured.has(a.ip)) owners.configured.set(a.ip, h);
        for (const f of i.fabricIPs ?? []) if (!owners.fabric.has(f)) owners.fabric.set(f, h);
      }
    }
    ownerIndex.set(network, owners);
  }
  return owners;
}

// Where a frame goes when it leaves an interface: the neighbour (ARP/NDP) resolution and the
// wire. A veth delivers to its peer; a bridge (net/bridge/br_forward.c) sends the frame out
// of the port behind which the destination MAC was learned, i.e. the port whose far end owns
// the next-hop address; an interface on an L2 segment reaches the interface on that segment
// owning the next-hop address (or holding it as a provider fabric address, or answering ARP
// for it as a MetalLB speaker does). A tunnel is
// resolved by the CNI model. No owner: the neighbour entry fails (EHOSTUNREACH).

import type { IP } from '../net/ip';
import { cniModelFor } from './cni-models';
import { findHost, findInterface, type Route } from './fib';
import type { Host, InterfaceRef, Network, NetInterface, NextHop } from './types';

// What the frame's sender learns by ARP, as indexes built once per network (networks are
// immutable values): a segment has an end per node, a bridge a port per pod, and a trace
// resolves a neighbour on every hop.

/** The addresses an interface answers ARP/NDP for: configured, fabric, announced. */
const ownedAddresses = (iface: NetInterface): readonly IP[] => [...iface.addresses.map((a) => a.ip), ...(iface.fabricIPs ?? []), ...(iface.announces ?? [])];

const owns = (iface: NetInterface, ip: IP): boolean => ownedAddresses(iface).includes(ip);

function interfaceAt(network: Network, ref: InterfaceRef): NetInterface | undefined {
  const host = findHost(network, ref.host);
  return host && findInterface(host, ref.interface);
}

/** The ends of one segment, by an address their interface owns, in the segment's order. */
type SegmentOwners = Map<IP, { readonly end: InterfaceRef; readonly iface: NetInterface }[]>;

const segmentIndex = new WeakMap<Network, Map<string, SegmentOwners>>();

function segmentOwners(network: Network, name: string | undefined): SegmentOwners | undefined {
  let segments = segmentIndex.get(network);
  if (!segments) {
    segments = new Map();
    for (const link of network.links) {
      if (segments.has(link.name)) continue;
      const owners: SegmentOwners = new Map();
      for (const end of link.ends) {
        const iface = interfaceAt(network, end);
        if (!iface) continue;
        for (const ip of new Set(ownedAddresses(iface))) {
          const list = owners.get(ip);
          if (list) list.push({ end, iface });
          else owners.set(ip, [{ end, iface }]);
        }
      }
      segments.set(link.name, owners);
    }
    segmentIndex.set(network, segments);
  }
  return name === undefined ? undefined : segments.get(name);
}

/** Per host, per bridge: address -> the first port whose far end owns it. */
const NO_PORTS: ReadonlyMap<IP, NetInterface> = new Map();
const bridgeIndex = new WeakMap<Network, WeakMap<Host, Map<string, Map<IP, NetInterface>>>>();

function bridgePorts(network: Network, host: Host, bridge: string): ReadonlyMap<IP, NetInterface> {
  let hosts = bridgeIndex.get(network);
  if (!hosts) { hosts = new WeakMap(); bridgeIndex.set(network, hosts); }
  let bridges = hosts.get(host);
  if (!bridges) {
    bridges = new Map();
    for (const port of host.interfaces) {
      const far = port.master !== undefined && port.peer ? interfaceAt(network, port.peer) : undefined;
      if (!far) continue;
      let ports = bridges.get(port.master!);
      if (!ports) { ports = new Map(); bridges.set(port.master!, ports); }
      for (const ip of ownedAddresses(far)) if (!ports.has(ip)) ports.set(ip, port);
    }
    hosts.set(host, bridges);
  }
  return bridges.get(bridge) ?? NO_PORTS;
}

/** The port of `bridge` on `host` whose far end owns `ip` (the bridge's FDB after ARP). */
export function bridgePortFor(network: Network, host: Host, bridge: string, ip: IP): NetInterface | undefined {
  return bridgePorts(network, host, bridge).get(ip);
}

const noNeighbour = (host: string, iface: string, address: IP): NextHop =>
  ({ kind: 'no-neighbour', host, interface: iface, address, text: `${address} dev ${iface} FAILED` });

function viaBridge(network: Network, host: Host, bridge: NetInterface, ip: IP): NextHop {
  const port = bridgePortFor(network, host, bridge.name, ip);
  if (!port) return noNeighbour(host.name, bridge.name, ip);
  const far = interfaceAt(network, port.peer!)!;
  return { kind: 'link', host: port.peer!.host, interface: port.peer!.interface, mac: far.mac, bridgePort: port.name };
}

function viaSegment(network: Network, host: Host, iface: NetInterface, ip: IP): NextHop {
  const far = segmentOwners(network, iface.link)?.get(ip)?.find(({ end }) => end.host !== host.name);
  return far ? { kind: 'link', host: far.end.host, interface: far.end.interface, mac: far.iface.mac } : noNeighbour(host.name, iface.name, ip);
}

/**
 * A veth delivers to its peer. When the peer is a bridge port, the sender's ARP is answered by
 * the bridge device or by whatever is behind another port; nobody there: the sender's
 * neighbour entry fails before any frame leaves.
 */
function viaVeth(network: Network, host: Host, iface: NetInterface, ip: IP): NextHop {
  const peer = iface.peer!;
  const far = interfaceAt(network, peer);
  const farHost = findHost(network, peer.host);
  if (!far || !farHost) return noNeighbour(host.name, iface.name, ip);
  if (far.master) {
    const bridge = findInterface(farHost, far.master);
    const answered = (bridge && owns(bridge, ip)) || bridgePortFor(network, farHost, far.master, ip) !== undefined;
    if (!answered) return noNeighbour(host.name, iface.name, ip);
    const mac = bridge && owns(bridge, ip) ? bridge.mac : interfaceAt(network, bridgePortFor(network, farHost, far.master, ip)!.peer!)!.mac;
    return { kind: 'link', host: peer.host, interface: peer.interface, mac };
  }
  return { kind: 'link', host: peer.host, interface: peer.interface, mac: far.mac };
}

/** The far end of the link a route sends to: the host and interface that receive the frame. */
export function nextHop(network: Network, fromHost: string, route: Route): NextHop {
  const host = findHost(network, fromHost);
  if (route.type === 'local' || !host) return { kind: 'local', host: fromHost, interface: 'lo' };
  return linkPeer(network, host, route.outInterface, route.nextHop);
}

/** The far end of `ifaceName` on `host` for a frame addressed to the owner of `ip`. */
export function linkPeer(network: Network, host: Host, ifaceName: string, ip: IP): NextHop {
  const iface = findInterface(host, ifaceName);
  if (!iface) return noNeighbour(host.name, ifaceName, ip);
  const custom = cniModelFor(network.cni).model.resolveLink?.(network, host.name, iface, ip);
  if (custom) return custom;
  if (iface.kind === 'bridge') return viaBridge(network, host, iface, ip);
  if (iface.peer) return viaVeth(network, host, iface, ip);
  if (iface.link) return viaSegment(network, host, iface, ip);
  return noNeighbour(host.name, iface.name, ip);
}

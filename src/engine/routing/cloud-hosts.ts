// What the cloud adds to the network (src/engine/cloud): one host per cloud load balancer,
// `lb/NS/NAME`, attached to the node network (the VPC) where it reaches every node, holding
// its ingress IPs (and, for pod-IP targets, a private address in the node subnet that is the
// source of the flows it opens to pods); the outside router routes each ingress IP to it.
// MetalLB layer 2 builds no host: the router's route sends the IP onto the node network,
// where the elected node answers ARP for it (NetInterface.announces).
// The load balancer is not a Linux host: the tracer walks it with the cloud model, never
// with these routes, which only say where its packets can go.

import { hasLbHost } from '../cloud/plan';
import { loadBalancersOf } from '../cloud/registry';
import type { ClusterModel } from '../model/cluster';
import type { CIDR, IP } from '../net/ip';
import { familyOf, freeAddress, hostPrefixLength, prefixLength } from './addressing';
import { makeAddress, staticRoute } from './kernel-routes';
import type { Plans } from './plans';
import type { InterfaceAddress, RouteEntry } from './types';

export interface CloudHost {
  readonly name: string;
  readonly addresses: readonly InterfaceAddress[];
  readonly gateways: readonly IP[];
  /** The gateways are outside every subnet of the host's addresses (`onlink`). */
  readonly onlink: boolean;
}

export interface CloudParts {
  readonly hosts: readonly CloudHost[];
  /** The outside router's routes to the ingress IPs, out of its node-network interface. */
  readonly routerRoutes: readonly RouteEntry[];
  /** Node host -> the MetalLB IPs its uplink answers ARP for. */
  readonly announces: ReadonlyMap<string, readonly IP[]>;
}

const hostPrefix = (ip: IP): CIDR => `${ip}/${hostPrefixLength(ip)}` as CIDR;

function takenAddresses(plans: Plans): Set<string> {
  return new Set<string>([
    ...plans.nodes.flatMap((n) => [...n.ips, ...n.pods.flatMap((p) => p.ips)]),
    ...plans.standalone.map((h) => h.ip), ...plans.nodeSubnets.map((s) => s.gateway),
  ]);
}

/** The load balancer hosts, the router's routes to them and MetalLB's announcements. */
export function cloudParts(cluster: ClusterModel, plans: Plans, uplink: string): CloudParts {
  let taken: Set<string> | undefined; // every address of the cluster: built only when a pod-IP LB needs one
  const hosts: CloudHost[] = [];
  const routerRoutes: RouteEntry[] = [];
  const announces = new Map<string, IP[]>();
  for (const lb of loadBalancersOf(cluster)) {
    const routed = lb.ingress.filter((ip) => plans.nodeSubnets.some((s) => familyOf(s.gateway) === familyOf(ip)));
    if (lb.style === 'l2') {
      if (lb.speaker && routed.length > 0) {
        const list = announces.get(lb.speaker);
        if (list) list.push(...routed);
        else announces.set(lb.speaker, [...routed]);
      }
      routerRoutes.push(...routed.map((ip) => staticRoute(hostPrefix(ip), uplink)));
    }
    if (!hasLbHost(lb) || routed.length === 0) continue;
    const addresses = routed.map((ip) => makeAddress(ip, hostPrefixLength(ip)));
    const subnet = plans.nodeSubnets.find((s) => familyOf(s.gateway) === familyOf(routed[0]!));
    if (lb.style === 'pod-ip' && subnet) {
      taken ??= takenAddresses(plans);
      const ip = freeAddress(subnet.cidr, taken, familyOf(subnet.gateway) === 4 ? -2 : -1, -1);
      taken.add(ip);
      addresses.push(makeAddress(ip, prefixLength(subnet.cidr)));
    }
    const gateways = plans.nodeSubnets.filter((s) => routed.some((ip) => familyOf(ip) === familyOf(s.gateway))).map((s) => s.gateway);
    hosts.push({ name: lb.host, addresses, gateways, onlink: addresses.length === routed.length });
    routerRoutes.push(...routed.map((ip) => staticRoute(hostPrefix(ip), uplink)));
  }
  return { hosts, routerRoutes, announces };
}

// The `vpc` CNI model: pods hold addresses the cloud network itself routes, as the AWS VPC CNI
// does (aws/amazon-vpc-cni-k8s cmd/routed-eni-cni-plugin/driver/driver.go; Azure CNI's
// transparent mode is the same picture):
// - every pod IP is a secondary private IP of the node's ENI: the VPC fabric delivers frames
//   for it to the node's `eth0` (`fabricIPs`), although Linux does not configure it there;
// - one unbridged veth pair per pod, the host end `eni` + sha1("NS.NAME")[:11] with no
//   address, and a host route `10.0.1.23 dev eni… scope link` in the main table
//   (setupIPBasedContainerRouteRules);
// - in the pod, `eth0` holds the IP as a /32 (/128) with `169.254.1.1 dev eth0 scope link`,
//   `default via 169.254.1.1 dev eth0` and a permanent neighbour 169.254.1.1 -> the host
//   veth's MAC (fe80::1 for IPv6): the node routes every packet, as proxy ARP would;
// - no bridge, no overlay: a packet to a pod on another node crosses the node network to the
//   node that owns the address.
// Pods keep the IPs they are given. The VPC CNI's ipamd hands out addresses from the node's
// subnet; the pod IPAM (host-local from spec.podCIDR) does not yet, so a scenario for this
// model gives its pods addresses in the node subnet. Left out: ip rules (one ENI, so the main
// table serves every pod), secondary ENIs, AWS-SNAT-CHAIN (the CNI's own SNAT of traffic
// leaving the VPC), the 9001-byte ENI MTU (the simulated node network runs at 1500).

import type { CIDR, IP, IPFamily } from '../net/ip';
import { anyRoute, familyOf, hostPrefixLength, macFor } from './addressing';
import type { CniContext, CniModel, CniSetup, HostPart, NodePlan, PodPlan } from './cni-model';
import { POD_ETH0_INDEX } from './cni-direct';
import { makeAddress, staticRoute } from './kernel-routes';
import { sha1Hex } from './sha1';
import type { NetInterface, RouteEntry } from './types';

const MTU = 1500;
/** The dummy gateway every pod routes through; its MAC is the host veth's (a static ARP entry). */
const GATEWAY: Record<IPFamily, IP> = { 4: '169.254.1.1' as IP, 6: 'fe80::1' as IP };

/** The host-side veth name the AWS VPC CNI gives a pod: `eni` + 11 hex digits of sha1("NS.NAME"). */
export const eniVethName = (namespace: string, name: string): string => `eni${sha1Hex(`${namespace}.${name}`).slice(0, 11)}`;

const hostRoute = (ip: IP): CIDR => `${ip}/${hostPrefixLength(ip)}` as CIDR;

function podPart(node: NodePlan, pod: PodPlan, hostVeth: NetInterface): HostPart {
  const eth0: NetInterface = {
    index: POD_ETH0_INDEX, name: 'eth0', kind: 'veth', mtu: MTU, mac: macFor(`${pod.host}/eth0`),
    addresses: pod.ips.map((ip) => makeAddress(ip, hostPrefixLength(ip))),
    peer: { host: node.host, interface: hostVeth.name, index: hostVeth.index },
  };
  const families = [...new Set(pod.ips.map(familyOf))];
  const routes: RouteEntry[] = families.flatMap((f) => [
    staticRoute(hostRoute(GATEWAY[f]), 'eth0'),
    staticRoute(anyRoute(f), 'eth0', GATEWAY[f]),
  ]);
  const neighbours = families.map((f) => ({ ip: GATEWAY[f], mac: hostVeth.mac, dev: 'eth0' }));
  return { interfaces: [eth0], routes, neighbours };
}

function setupNode(_ctx: CniContext, node: NodePlan): CniSetup {
  const interfaces: NetInterface[] = [];
  const routes: RouteEntry[] = [];
  const pods = new Map<string, HostPart>();
  node.pods.forEach((pod, i) => {
    const veth: NetInterface = {
      index: 3 + i, name: eniVethName(pod.namespace, pod.name), kind: 'veth', mtu: MTU,
      mac: macFor(`${node.host}/${pod.host}`), addresses: [],
      peer: { host: pod.host, interface: 'eth0', index: POD_ETH0_INDEX },
    };
    interfaces.push(veth);
    routes.push(...pod.ips.map((ip) => staticRoute(hostRoute(ip), veth.name)));
    pods.set(pod.host, podPart(node, pod, veth));
  });
  const fabricIPs = node.pods.flatMap((p) => p.ips);
  return { node: { interfaces, routes, uplinkFabricIPs: fabricIPs }, pods };
}

export const vpcModel: CniModel = {
  name: 'vpc', podMTU: MTU, setupNode,
  notes: [
    'CNI "vpc": pod IPs are secondary addresses of the node\'s interface, delivered by the cloud network; policy routing rules, secondary ENIs and the CNI\'s own SNAT of traffic leaving the VPC are not modelled.',
  ],
};

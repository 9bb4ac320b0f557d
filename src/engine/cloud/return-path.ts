// Where the cloud network sends packets the kernel's routes alone would not explain:
// - the answer of a flow a load balancer with per-flow state carried (generic pass-through,
//   AWS NLB with the client's address kept): the node routes it to its default gateway, but
//   the cloud network hands it back to the load balancer, which un-does its rewrite;
// - a MetalLB layer 2 IP: the router's ARP for it is answered by the elected node;
// - an address nothing carries (a LoadBalancer still <pending>, a ClusterIP from outside):
//   the reason, in the trace's words.

import { lookupConntrack, tupleOf } from '../conntrack';
import { LOAD_BALANCER_POOLS } from '../control/load-balancer';
import type { ClusterModel } from '../model/cluster';
import { canonicalIP, cidrContains, parseCIDR, parseIP, type IP } from '../net/ip';
import { findHost } from '../routing';
import type { Run, WalkPacket } from '../trace/run';
import { loadBalancerFor, loadBalancersOf, statefulLoadBalancers } from './registry';
import type { CloudLoadBalancer } from './types';

/** The LB host a node's packet to `toHost` is handed to instead: it answers a flow that LB holds. */
export function returnThroughLoadBalancer(run: Run, fromHost: string, toHost: string, p: WalkPacket): string | undefined {
  const lbs = statefulLoadBalancers(run.ctx.cluster);
  if (lbs.length === 0) return undefined;
  const from = findHost(run.ctx.network, fromHost);
  const to = findHost(run.ctx.network, toHost);
  if (from?.kind !== 'node' || (to?.kind !== 'router' && to?.kind !== 'client')) return undefined;
  for (const lb of lbs) {
    const table = run.state.conntrack[lb.host];
    const found = table && lookupConntrack(table, tupleOf(p));
    if (found?.direction === 'reply') return lb.host;
  }
  return undefined;
}

/** MetalLB layer 2: the LB whose IP the router is resolving, with the node that answers. */
export function layer2Announcement(cluster: ClusterModel, ip: IP): CloudLoadBalancer | undefined {
  const lb = loadBalancerFor(cluster, ip);
  return lb?.style === 'l2' ? lb : undefined;
}

const inPool = (ip: IP): boolean => Object.values(LOAD_BALANCER_POOLS).some((c) => {
  const cidr = parseCIDR(c); const a = parseIP(ip);
  return !!cidr && !!a && cidr.family === a.family && cidrContains(cidr, a);
});

/** Why nothing carries a packet to `dst` out of the outside network, when the cloud model knows. */
export function explainUnrouted(cluster: ClusterModel, dst: IP): string | undefined {
  const lbs = loadBalancersOf(cluster);
  const owner = loadBalancerFor(cluster, dst);
  if (owner) return `${dst} is the LoadBalancer IP of ${owner.service}; ${owner.problem ?? 'no load balancer carries it'}`;
  const pending = lbs.filter((lb) => lb.ingress.length === 0);
  const svc = cluster.services.find((s) => s.spec.clusterIP && canonicalIP(s.spec.clusterIP) === dst);
  if (svc) {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    const lb = pending.find((l) => l.service === key);
    return `${dst} is the ClusterIP of ${key}, reachable only from inside the cluster${lb ? `; ${lb.problem}` : ''}`;
  }
  if (pending.length > 0 && inPool(dst)) {
    return `no load balancer has ${dst}: ${pending.map((lb) => lb.problem).join('; ')}`;
  }
  return undefined;
}

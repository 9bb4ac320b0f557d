// The load balancers of a loaded cluster, planned once per cluster object (a cluster is
// read-only data, so the plan never goes stale) and indexed by host and by ingress IP. Targets
// and their health checks are worked out for a load balancer only when a packet reaches it.

import type { ClusterModel } from '../model/cluster';
import type { Service } from '../model/k8s';
import type { IP } from '../net/ip';
import { indexSlices } from './health';
import { hasLbHost, loadBalancerServices, planLoadBalancers, withTargets, type SliceIndex } from './plan';
import type { CloudLoadBalancer } from './types';

interface Registry {
  /** Without targets. */
  readonly all: readonly CloudLoadBalancer[];
  readonly byHost: ReadonlyMap<string, { readonly lb: CloudLoadBalancer; readonly svc: Service }>;
  readonly byIP: ReadonlyMap<string, CloudLoadBalancer>;
  /** LBs with a host that answers come back through (they hold the flow's state). */
  readonly stateful: readonly CloudLoadBalancer[];
  readonly complete: Map<string, CloudLoadBalancer>;
  slices?: SliceIndex;
}

const registries = new WeakMap<ClusterModel, Registry>();

function registryOf(cluster: ClusterModel): Registry {
  let r = registries.get(cluster);
  if (!r) {
    const all = planLoadBalancers(cluster, { targets: false });
    const services = loadBalancerServices(cluster);
    const byIP = new Map<string, CloudLoadBalancer>();
    for (const lb of all) for (const ip of lb.ingress) if (!byIP.has(ip)) byIP.set(ip, lb);
    r = {
      all, byIP, complete: new Map(),
      byHost: new Map(all.flatMap((lb, i) => (hasLbHost(lb) ? [[lb.host, { lb, svc: services[i]! }] as const] : []))),
      stateful: all.filter((lb) => hasLbHost(lb) && lb.returnPath === 'through-lb'),
    };
    registries.set(cluster, r);
  }
  return r;
}

/** Every LoadBalancer Service's load balancer, without targets. */
export const loadBalancersOf = (cluster: ClusterModel): readonly CloudLoadBalancer[] => registryOf(cluster).all;

export const statefulLoadBalancers = (cluster: ClusterModel): readonly CloudLoadBalancer[] => registryOf(cluster).stateful;

/** The load balancer whose host is `host` (`lb/NS/NAME`), with its targets. */
export function loadBalancerAt(cluster: ClusterModel, host: string): CloudLoadBalancer | undefined {
  const r = registryOf(cluster);
  const found = r.byHost.get(host);
  if (!found) return undefined;
  let lb = r.complete.get(host);
  if (!lb) {
    r.slices ??= indexSlices(cluster);
    lb = withTargets(cluster, found.lb, found.svc, r.slices);
    r.complete.set(host, lb);
  }
  return lb;
}

/** Whether `host` is a load balancer host. */
export const isLbHost = (cluster: ClusterModel, host: string): boolean => registryOf(cluster).byHost.has(host);

/** The load balancer (or MetalLB announcement) that owns an ingress IP, without targets. */
export const loadBalancerFor = (cluster: ClusterModel, ip: IP): CloudLoadBalancer | undefined => registryOf(cluster).byIP.get(ip);

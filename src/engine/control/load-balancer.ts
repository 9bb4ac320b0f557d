// The cloud controller manager's service controller, reduced to the ingress address it
// writes (k8s.io/cloud-provider/controllers/service/controller.go syncLoadBalancerIfNeeded,
// via the provider's EnsureLoadBalancer), kept small: the cloud model (src/engine/cloud)
// elaborates what the load balancer does with traffic.
// - A status.loadBalancer.ingress given in the scenario is kept as given.
// - provider none: no controller runs; the Service stays <pending> (status.loadBalancer {}).
// - A Service with spec.loadBalancerClass is left to that class's controller: pending too.
// - Otherwise one address per IP family of the Service, from a documentation range standing in
//   for the provider's pool: 198.51.100.0/24 (IPv4), 2001:db8:51:100::/64 (IPv6), handed out
//   upwards from .1 in namespace/name order (203.0.113.0/24 is kept for external clients).
//   spec.loadBalancerIP is claimed before any address is handed out; one already taken leaves
//   the Service pending, as a provider that cannot honour it does. ipMode VIP is what the API server defaults.

import type { CloudProvider } from '../model/cluster';
import type { Service } from '../model/k8s';
import { canonicalIP, cidrAddress, cidrSize, ipFamily, parseCIDR } from '../net/ip';
import type { Sourced } from './types';
import { sortSourced } from './names';

export const LOAD_BALANCER_POOLS = { IPv4: '198.51.100.0/24', IPv6: '2001:db8:51:100::/64' } as const;

const givenIngress = (svc: Service) => svc.status?.loadBalancer?.ingress ?? [];

function nextPoolIP(family: 'IPv4' | 'IPv6', used: Set<string>): string | undefined {
  const cidr = parseCIDR(LOAD_BALANCER_POOLS[family])!;
  const last = family === 'IPv4' ? cidrSize(cidr) - 2n : cidrSize(cidr) - 1n;
  for (let n = 1n; n <= last; n++) {
    const ip = cidrAddress(cidr, n);
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

const familyOf = (family: 'IPv4' | 'IPv6'): 4 | 6 => (family === 'IPv4' ? 4 : 6);

/** The requested spec.loadBalancerIP, when it is of one of the Service's families. */
function requestedIP(svc: Service): string | undefined {
  const ip = svc.spec.loadBalancerIP ? canonicalIP(svc.spec.loadBalancerIP) : undefined;
  const families = svc.spec.ipFamilies ?? ['IPv4'];
  return ip && families.some((f) => familyOf(f) === ipFamily(ip)) ? ip : undefined;
}

/** The ingress addresses the provider gives this Service (its requested one already claimed). */
function provision(svc: Service, claimed: string | undefined, used: Set<string>): string[] | undefined {
  const ips: string[] = [];
  for (const family of svc.spec.ipFamilies ?? ['IPv4']) {
    const ip = claimed && ipFamily(claimed) === familyOf(family) ? claimed : nextPoolIP(family, used);
    if (ip === undefined) return undefined;
    used.add(ip);
    ips.push(ip);
  }
  return ips;
}

const wantsProvisioning = (svc: Service, provider: CloudProvider): boolean =>
  svc.spec.type === 'LoadBalancer' && givenIngress(svc).length === 0 && provider !== 'none' && !svc.spec.loadBalancerClass;

/** Every LoadBalancer Service with its status.loadBalancer as the cloud leaves it. */
export function assignLoadBalancers(services: readonly Sourced<Service>[], provider: CloudProvider): Sourced<Service>[] {
  const used = new Set<string>();
  for (const { object } of services) {
    givenIngress(object).forEach((i) => i.ip && used.add(canonicalIP(i.ip) ?? i.ip));
  }
  const ordered = sortSourced(services);
  // Requested addresses are claimed before any is handed out; a taken one leaves its Service pending.
  const claims = new Map<Sourced<Service>, string | null>();
  for (const entry of ordered) {
    const ip = wantsProvisioning(entry.object, provider) ? requestedIP(entry.object) : undefined;
    if (ip === undefined) continue;
    claims.set(entry, used.has(ip) ? null : ip);
    used.add(ip);
  }
  const decided = new Map<Sourced<Service>, Service>();
  for (const entry of ordered) {
    const svc = entry.object;
    if (svc.spec.type !== 'LoadBalancer' || givenIngress(svc).length > 0) continue;
    const claim = claims.get(entry);
    const ips = wantsProvisioning(svc, provider) && claim !== null ? provision(svc, claim, used) : undefined;
    const loadBalancer = ips ? { ingress: ips.map((ip) => ({ ip, ipMode: 'VIP' as const })) } : {};
    decided.set(entry, { ...svc, status: { ...svc.status, loadBalancer } });
  }
  return services.map((entry) => {
    const svc = decided.get(entry);
    return svc ? { doc: entry.doc, object: svc } : entry;
  });
}

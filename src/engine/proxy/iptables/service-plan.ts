// The decisions syncProxyRules takes for one service port before writing any rule: which
// endpoints each traffic policy uses, which chains exist, and where internal, external and
// load-balancer traffic goes (pkg/proxy/iptables/proxier.go, the top of the per-service loop).

import { categorizeEndpoints } from '../categorize-endpoints';
import type { EndpointInfo } from '../endpoints-map';
import { portExternallyAccessible, usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from '../service-map';
import type { ServiceChainNames } from './names';
import type { ProxierConfig } from './proxier-config';

/** A filter-table verdict for traffic that cannot be served: REJECT or DROP, with its comment. */
export interface FilterVerdict {
  readonly target: 'REJECT' | 'DROP';
  readonly comment: string;
}

export interface ServicePlan {
  readonly svc: ServicePortInfo;
  /** Lower-case protocol as iptables spells it (`-p tcp -m tcp`). */
  readonly protocol: string;
  readonly clusterPolicyChain: string;
  readonly localPolicyChain: string;
  readonly externalTrafficChain: string;
  readonly firewallChain: string;
  readonly clusterEndpoints: readonly EndpointInfo[];
  readonly localEndpoints: readonly EndpointInfo[];
  readonly allReachableEndpoints: readonly EndpointInfo[];
  /** The KUBE-SEP- chain of an endpoint "ip:port". */
  readonly endpointChain: (endpoint: string) => string;
  readonly hasEndpoints: boolean;
  readonly hasInternalEndpoints: boolean;
  readonly hasExternalEndpoints: boolean;
  readonly usesClusterPolicyChain: boolean;
  readonly usesLocalPolicyChain: boolean;
  readonly usesExternalTrafficChain: boolean;
  readonly usesFirewallChain: boolean;
  readonly internalTrafficChain: string;
  readonly externalPolicyChain: string;
  readonly loadBalancerTrafficChain: string;
  readonly internalVerdict?: FilterVerdict;
  readonly externalVerdict?: FilterVerdict;
}

function verdicts(name: string, hasEndpoints: boolean, hasInternal: boolean, hasExternal: boolean): Pick<ServicePlan, 'internalVerdict' | 'externalVerdict'> {
  if (!hasEndpoints) {
    const reject: FilterVerdict = { target: 'REJECT', comment: `"${name} has no endpoints"` };
    return { internalVerdict: reject, externalVerdict: reject };
  }
  const drop: FilterVerdict = { target: 'DROP', comment: `"${name} has no local endpoints"` };
  return { ...(!hasInternal && { internalVerdict: drop }), ...(!hasExternal && { externalVerdict: drop }) };
}

/**
 * `names` are the port's chain names (serviceChainNames(svc.name, protocol)), passed in so
 * that a port planned on many nodes is hashed once.
 */
export function planService(svc: ServicePortInfo, endpoints: readonly EndpointInfo[], config: ProxierConfig, names: ServiceChainNames): ServicePlan {
  const protocol = svc.protocol.toLowerCase();
  const sorted = categorizeEndpoints(endpoints, svc, config.nodeName, config.zone);
  const clusterEndpoints = sorted.clusterEndpoints ?? [];
  const localEndpoints = sorted.localEndpoints ?? [];
  const hasEndpoints = sorted.hasAnyEndpoints;
  const hasInternalEndpoints = hasEndpoints && (!svc.internalPolicyLocal || localEndpoints.length > 0);
  const hasExternalEndpoints = hasEndpoints && (!svc.externalPolicyLocal || localEndpoints.length > 0);
  const usesFirewallChain = hasEndpoints && svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;
  return {
    svc, protocol,
    get clusterPolicyChain() { return names.clusterPolicy(); },
    get localPolicyChain() { return names.localPolicy(); },
    get externalTrafficChain() { return names.external(); },
    get firewallChain() { return names.firewall(); },
    clusterEndpoints, localEndpoints, allReachableEndpoints: sorted.allReachableEndpoints,
    endpointChain: names.endpoint,
    hasEndpoints, hasInternalEndpoints, hasExternalEndpoints,
    usesClusterPolicyChain: clusterEndpoints.length > 0 && usesClusterEndpoints(svc),
    usesLocalPolicyChain: localEndpoints.length > 0 && usesLocalEndpoints(svc),
    // Even without externally usable endpoints the EXT chain carries the short-circuit rules.
    usesExternalTrafficChain: hasEndpoints && portExternallyAccessible(svc),
    usesFirewallChain,
    get internalTrafficChain() { return svc.internalPolicyLocal ? names.localPolicy() : names.clusterPolicy(); },
    get externalPolicyChain() { return svc.externalPolicyLocal ? names.localPolicy() : names.clusterPolicy(); },
    get loadBalancerTrafficChain() { return usesFirewallChain ? names.firewall() : names.external(); },
    ...verdicts(svc.name, hasEndpoints, hasInternalEndpoints, hasExternalEndpoints),
  };
}

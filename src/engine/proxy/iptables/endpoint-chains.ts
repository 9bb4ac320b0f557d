// Endpoint selection for one service port: the KUBE-SVC- / KUBE-SVL- policy chains (session
// affinity `recent` checks, then one `statistic` rule per endpoint with probability 1/n of the
// remaining ones) and a KUBE-SEP- chain per reachable endpoint (hairpin masquerade, affinity
// `recent --set`, DNAT). Follows writeServiceToEndpointRules and the "Generate the
// per-endpoint chains" section of pkg/proxy/iptables/proxier.go.

import type { EndpointInfo } from '../endpoints-map';
import { formatFixed } from './go-format';
import { chainLine, line, type RuleBuffers } from './line-buffer';
import { KUBE_MARK_MASQ } from './names';
import type { ServicePlan } from './service-plan';

// Every policy chain asks for 1/n for n up to its endpoint count: each is formatted once.
const probabilities = new Map<number, string>();

/** computeProbability: fmt.Sprintf("%0.10f", 1.0/float64(n)). */
export function probability(n: number): string {
  let text = probabilities.get(n);
  if (text === undefined) {
    text = formatFixed(1 / n, 10);
    if (probabilities.size < 100_000) probabilities.set(n, text);
  }
  return text;
}

export const endpointChainName = (p: ServicePlan, ep: EndpointInfo): string => p.endpointChain(ep.endpoint);

/** appendServiceCommentLocked: comments are dropped in large-cluster mode. */
const comment = (text: string, largeCluster: boolean): string[] =>
  largeCluster ? [] : ['-m', 'comment', '--comment', text];

function writePolicyChain(b: RuleBuffers, p: ServicePlan, chain: string, endpoints: readonly EndpointInfo[], largeCluster: boolean): void {
  b.natChains.push(chainLine(chain));
  if (p.svc.sessionAffinityClientIP) {
    for (const ep of endpoints) {
      const sep = endpointChainName(p, ep);
      b.natRules.push(line('-A', chain, comment(`"${p.svc.name} -> ${ep.endpoint}"`, largeCluster),
        '-m', 'recent', '--name', sep, '--rcheck', '--seconds', String(p.svc.stickyMaxAgeSeconds), '--reap', '-j', sep));
    }
  }
  endpoints.forEach((ep, i) => {
    const statistic = i < endpoints.length - 1
      ? ['-m', 'statistic', '--mode', 'random', '--probability', probability(endpoints.length - i)] : [];
    b.natRules.push(line('-A', chain, comment(`"${p.svc.name} -> ${ep.endpoint}"`, largeCluster), statistic, '-j', endpointChainName(p, ep)));
  });
}

/** KUBE-SVC- (Cluster policy) and KUBE-SVL- (Local policy) when in use. */
export function writePolicyChains(b: RuleBuffers, p: ServicePlan, largeCluster: boolean): void {
  if (p.usesClusterPolicyChain) writePolicyChain(b, p, p.clusterPolicyChain, p.clusterEndpoints, largeCluster);
  if (p.usesLocalPolicyChain) writePolicyChain(b, p, p.localPolicyChain, p.localEndpoints, largeCluster);
}

export function writeEndpointChains(b: RuleBuffers, p: ServicePlan, largeCluster: boolean): void {
  for (const ep of p.allReachableEndpoints) {
    const sep = endpointChainName(p, ep);
    b.natChains.push(chainLine(sep));
    const head = ['-A', sep, ...comment(p.svc.name, largeCluster)];
    // Hairpin: a pod reaching itself through the service must be masqueraded.
    b.natRules.push(line(head, '-s', ep.ip, '-j', KUBE_MARK_MASQ));
    const affinity = p.svc.sessionAffinityClientIP ? ['-m', 'recent', '--name', sep, '--set'] : [];
    b.natRules.push(line(head, affinity, '-m', p.protocol, '-p', p.protocol, '-j', 'DNAT', '--to-destination', ep.endpoint));
  }
}

// syncProxyRules (pkg/proxy/iptables/proxier.go) for one family on one node, written as the
// checklist it is: static chains, then per service port capture, chains and endpoints, then
// the node-port tail and forwarding rules. The result is the iptables-restore input.

import type { ClusterModel } from '../../model/cluster';
import type { IPFamily } from '../../net/ip';
import { chainNames, endpointsOnNode, familyShare, serviceRulesKey, sharedRules } from './cluster-share';
import { writeEndpointChains, writePolicyChains } from './endpoint-chains';
import { createRuleBuffers, type RuleBuffers } from './line-buffer';
import { proxierConfig, type IptablesOptions, type ProxierConfig, type ServiceRulesConfig } from './proxier-config';
import {
  captureClusterIP, captureExternalIPs, captureHealthCheckNodePort, captureLoadBalancerIPs, captureNodePort,
} from './service-capture';
import { writeExternalTrafficChain, writeFirewallChain, writeInternalTrafficMasquerade } from './service-chains';
import { planService, type ServicePlan } from './service-plan';
import {
  writeForwardChain, writeLocalnetGuard, writeMasqueradeChains, writeNodePortsJump, writeTopLevelChains,
} from './static-rules';

function writeService(b: RuleBuffers, p: ServicePlan, c: ServiceRulesConfig, largeCluster: boolean): void {
  captureClusterIP(b, p); // ClusterIP -> internal traffic chain, or REJECT / DROP
  captureExternalIPs(b, p); // externalIPs -> KUBE-EXT-
  captureLoadBalancerIPs(b, p); // LB ingress IPs -> KUBE-FW- or KUBE-EXT-
  captureNodePort(b, p, c); // node port -> KUBE-EXT-
  captureHealthCheckNodePort(b, p); // ACCEPT the health-check port
  writeInternalTrafficMasquerade(b, p, c); // masquerade off-cluster ClusterIP traffic
  writeExternalTrafficChain(b, p, c); // KUBE-EXT-: masquerade or short-circuit
  writeFirewallChain(b, p, c); // KUBE-FW-: loadBalancerSourceRanges
  writePolicyChains(b, p, largeCluster); // KUBE-SVC- / KUBE-SVL-: pick an endpoint
  writeEndpointChains(b, p, largeCluster); // KUBE-SEP-: hairpin masquerade, DNAT
}

const append = (to: string[], from: readonly string[]): void => { for (const l of from) to.push(l); };

/** Every service port's rules in ServicePortName order; a port's rules are shared with other nodes where they cannot differ. */
function writeServices(b: RuleBuffers, cluster: ClusterModel, config: ProxierConfig): void {
  const share = familyShare(cluster, config.family);
  const shared = sharedRules(share, serviceRulesKey(config, share.largeCluster));
  share.services.forEach((svc, i) => {
    let rules = share.nodeSpecific[i] ? undefined : shared[i];
    if (!rules) {
      rules = createRuleBuffers();
      const plan = planService(svc, endpointsOnNode(share.endpoints[i]!, config.nodeName), config, chainNames(share, i));
      writeService(rules, plan, config, share.largeCluster);
      if (!share.nodeSpecific[i]) shared[i] = rules;
    }
    append(b.filterChains, rules.filterChains);
    append(b.filterRules, rules.filterRules);
    append(b.natChains, rules.natChains);
    append(b.natRules, rules.natRules);
  });
}

/** The four restore buffers kube-proxy would fill. */
export function syncProxyRules(cluster: ClusterModel, nodeName: string, family: IPFamily, options?: IptablesOptions): RuleBuffers {
  const config = proxierConfig(cluster, nodeName, family, options);
  const b = createRuleBuffers();

  writeTopLevelChains(b); // filter and nat KUBE-* chain lines
  writeMasqueradeChains(b, config); // KUBE-POSTROUTING, KUBE-MARK-MASQ
  writeLocalnetGuard(b, config); // KUBE-FIREWALL (IPv4 with localhost node ports)
  writeServices(b, cluster, config); // per service port: capture, chains, endpoints
  writeNodePortsJump(b, config); // must stay the last rule of nat KUBE-SERVICES
  writeForwardChain(b, config); // KUBE-FORWARD
  return b;
}

/** The iptables-restore input, one entry per line (renderRestoreInput joins them). */
export const restoreLines = (b: RuleBuffers): string[] =>
  ['*filter'].concat(b.filterChains, b.filterRules, ['COMMIT', '*nat'], b.natChains, b.natRules, ['COMMIT']);

/** The text kube-proxy hands to `iptables-restore --noflush --counters`. */
export function renderRestoreInput(b: RuleBuffers): string {
  return `${restoreLines(b).join('\n')}\n`;
}

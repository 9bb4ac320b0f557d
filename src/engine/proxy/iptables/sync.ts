// syncProxyRules (pkg/proxy/iptables/proxier.go) for one family on one node, written as the
// checklist it is: static chains, then per service port capture, chains and endpoints, then
// the node-port tail and forwarding rules. The result is the iptables-restore input.

import type { ClusterModel } from '../../model/cluster';
import type { IPFamily } from '../../net/ip';
import { buildEndpointsMap } from '../endpoints-map';
import { buildServicePortMap } from '../service-map';
import { writeEndpointChains, writePolicyChains } from './endpoint-chains';
import { createRuleBuffers, type RuleBuffers } from './line-buffer';
import { proxierConfig, type IptablesOptions, type ProxierConfig } from './proxier-config';
import {
  captureClusterIP, captureExternalIPs, captureHealthCheckNodePort, captureLoadBalancerIPs, captureNodePort,
} from './service-capture';
import { writeExternalTrafficChain, writeFirewallChain, writeInternalTrafficMasquerade } from './service-chains';
import { planService, type ServicePlan } from './service-plan';
import {
  writeForwardChain, writeLocalnetGuard, writeMasqueradeChains, writeNodePortsJump, writeTopLevelChains,
} from './static-rules';

/** Above this many endpoints kube-proxy drops the per-endpoint comments. */
const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

function writeService(b: RuleBuffers, p: ServicePlan, c: ProxierConfig, largeCluster: boolean): void {
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

/** The four restore buffers kube-proxy would fill. */
export function syncProxyRules(cluster: ClusterModel, nodeName: string, family: IPFamily, options?: IptablesOptions): RuleBuffers {
  const config = proxierConfig(cluster, nodeName, family, options);
  const services = buildServicePortMap(cluster, family);
  const endpoints = buildEndpointsMap(cluster, family, nodeName);
  const b = createRuleBuffers();

  writeTopLevelChains(b); // filter and nat KUBE-* chain lines
  writeMasqueradeChains(b, config); // KUBE-POSTROUTING, KUBE-MARK-MASQ
  writeLocalnetGuard(b, config); // KUBE-FIREWALL (IPv4 with localhost node ports)
  const totalEndpoints = services.reduce((n, svc) => n + (endpoints.get(svc.key)?.length ?? 0), 0);
  const largeCluster = totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
  for (const svc of services) writeService(b, planService(svc, endpoints.get(svc.key) ?? [], config), config, largeCluster);
  writeNodePortsJump(b, config); // must stay the last rule of nat KUBE-SERVICES
  writeForwardChain(b, config); // KUBE-FORWARD
  return b;
}

/** The text kube-proxy hands to `iptables-restore --noflush --counters`. */
export function renderRestoreInput(b: RuleBuffers): string {
  return ['*filter', ...b.filterChains, ...b.filterRules, 'COMMIT', '*nat', ...b.natChains, ...b.natRules, 'COMMIT', '']
    .join('\n');
}

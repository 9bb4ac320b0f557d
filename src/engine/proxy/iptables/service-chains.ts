// The nat chains that sit between capture and endpoint selection for one service port:
// the masquerade rule for off-cluster traffic to the ClusterIP, the KUBE-EXT- chain
// (masquerade, or the short-circuit for pod and node sources under externalTrafficPolicy
// Local) and the KUBE-FW- chain for loadBalancerSourceRanges (pkg/proxy/iptables/proxier.go).

import { cidrContains, parseCIDR, parseIP } from '../../net/ip';
import { chainLine, line, type RuleBuffers } from './line-buffer';
import { KUBE_MARK_MASQ } from './names';
import type { ServiceRulesConfig } from './proxier-config';
import type { ServicePlan } from './service-plan';

/** Masquerade traffic to the ClusterIP that does not come from a local pod (or all of it). */
export function writeInternalTrafficMasquerade(b: RuleBuffers, p: ServicePlan, c: ServiceRulesConfig): void {
  if (!p.hasInternalEndpoints) return;
  const args = ['-m', 'comment', '--comment', `"${p.svc.name} cluster IP"`,
    '-m', p.protocol, '-p', p.protocol, '-d', p.svc.clusterIP, '--dport', String(p.svc.port)];
  if (c.masqueradeAll) {
    b.natRules.push(line('-A', p.internalTrafficChain, args, '-j', KUBE_MARK_MASQ));
  } else if (c.localDetector) {
    b.natRules.push(line('-A', p.internalTrafficChain, args, c.localDetector.ifNotLocal, '-j', KUBE_MARK_MASQ));
  }
}

/** Local policy: pods and the node itself skip the policy and use the cluster chain. */
function writeShortCircuit(b: RuleBuffers, p: ServicePlan, c: ServiceRulesConfig): void {
  const ext = p.externalTrafficChain, name = p.svc.name;
  if (c.localDetector) {
    b.natRules.push(line('-A', ext, '-m', 'comment', '--comment', `"pod traffic for ${name} external destinations"`,
      c.localDetector.ifLocal, '-j', p.clusterPolicyChain));
  }
  b.natRules.push(line('-A', ext, '-m', 'comment', '--comment', `"masquerade LOCAL traffic for ${name} external destinations"`,
    '-m', 'addrtype', '--src-type', 'LOCAL', '-j', KUBE_MARK_MASQ));
  b.natRules.push(line('-A', ext, '-m', 'comment', '--comment', `"route LOCAL traffic for ${name} external destinations"`,
    '-m', 'addrtype', '--src-type', 'LOCAL', '-j', p.clusterPolicyChain));
}

export function writeExternalTrafficChain(b: RuleBuffers, p: ServicePlan, c: ServiceRulesConfig): void {
  if (!p.usesExternalTrafficChain) return;
  b.natChains.push(chainLine(p.externalTrafficChain));
  if (!p.svc.externalPolicyLocal) {
    b.natRules.push(line('-A', p.externalTrafficChain, '-m', 'comment', '--comment',
      `"masquerade traffic for ${p.svc.name} external destinations"`, '-j', KUBE_MARK_MASQ));
  } else {
    writeShortCircuit(b, p, c);
  }
  if (p.hasExternalEndpoints) b.natRules.push(line('-A', p.externalTrafficChain, '-j', p.externalPolicyChain));
}

/** Allowed source ranges go on to KUBE-EXT-; the rest falls through to KUBE-PROXY-FIREWALL. */
export function writeFirewallChain(b: RuleBuffers, p: ServicePlan, c: ServiceRulesConfig): void {
  if (!p.usesFirewallChain) return;
  b.natChains.push(chainLine(p.firewallChain));
  const args = ['-A', p.firewallChain, '-m', 'comment', '--comment', `"${p.svc.name} loadbalancer IP"`];
  const nodeIP = parseIP(c.nodeIP)!;
  let allowFromNode = false;
  for (const cidr of p.svc.loadBalancerSourceRanges) {
    b.natRules.push(line(args, '-s', cidr, '-j', p.externalTrafficChain));
    if (cidrContains(parseCIDR(cidr)!, nodeIP)) allowFromNode = true;
  }
  // A VIP bound locally makes node-to-VIP requests loop back with the VIP as source.
  if (allowFromNode) {
    for (const ip of p.svc.loadBalancerVIPs) b.natRules.push(line(args, '-s', ip, '-j', p.externalTrafficChain));
  }
  b.natRules.push(line('-A', p.firewallChain, '-m', 'comment', '--comment',
    `"other traffic to ${p.svc.name} will be dropped by KUBE-PROXY-FIREWALL"`));
}

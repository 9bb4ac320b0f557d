// The rules that capture a service port's traffic: its ClusterIP, external IPs, load-balancer
// IPs and node port in nat KUBE-SERVICES / KUBE-NODEPORTS, the filter rules that REJECT or
// DROP what cannot be served, and the health-check node port ACCEPT (pkg/proxy/iptables/
// proxier.go syncProxyRules, "Capture ..." sections, in its order).

import { line, type RuleBuffers, type Word } from './line-buffer';
import {
  KUBE_EXTERNAL_SERVICES, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL, KUBE_SERVICES,
} from './names';
import { LOCALHOST_NODEPORTS_ACCEPTED, type ServiceRulesConfig } from './proxier-config';
import type { ServicePlan } from './service-plan';

const proto = (p: ServicePlan): string[] => ['-m', p.protocol, '-p', p.protocol];
const dport = (port: number): string[] => ['--dport', String(port)];

/** The ClusterIP: to the internal traffic chain, or REJECT/DROP in filter. */
export function captureClusterIP(b: RuleBuffers, p: ServicePlan): void {
  const match = [proto(p), '-d', p.svc.clusterIP, dport(p.svc.port)];
  if (p.hasInternalEndpoints) {
    b.natRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', `"${p.svc.name} cluster IP"`, match, '-j', p.internalTrafficChain));
  } else if (p.internalVerdict) {
    b.filterRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', p.internalVerdict.comment, match, '-j', p.internalVerdict.target));
  }
}

function externalVerdictRule(b: RuleBuffers, p: ServicePlan, match: readonly Word[]): void {
  if (p.hasExternalEndpoints || !p.externalVerdict) return;
  b.filterRules.push(line('-A', KUBE_EXTERNAL_SERVICES, '-m', 'comment', '--comment', p.externalVerdict.comment, ...match, '-j', p.externalVerdict.target));
}

export function captureExternalIPs(b: RuleBuffers, p: ServicePlan): void {
  for (const ip of p.svc.externalIPs) {
    const match = [proto(p), '-d', ip, dport(p.svc.port)];
    if (p.hasEndpoints) {
      b.natRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', `"${p.svc.name} external IP"`, match, '-j', p.externalTrafficChain));
    }
    externalVerdictRule(b, p, match);
  }
}

export function captureLoadBalancerIPs(b: RuleBuffers, p: ServicePlan): void {
  for (const ip of p.svc.loadBalancerVIPs) {
    const match = [proto(p), '-d', ip, dport(p.svc.port)];
    if (p.hasEndpoints) {
      b.natRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', `"${p.svc.name} loadbalancer IP"`, match, '-j', p.loadBalancerTrafficChain));
    }
    if (p.usesFirewallChain) {
      const comment = `"${p.svc.name} traffic not accepted by ${p.firewallChain}"`;
      b.filterRules.push(line('-A', KUBE_PROXY_FIREWALL, '-m', 'comment', '--comment', comment, match, '-j', 'DROP'));
    }
  }
  for (const ip of p.svc.loadBalancerVIPs) externalVerdictRule(b, p, [proto(p), '-d', ip, dport(p.svc.port)]);
}

/** The node port (not subject to loadBalancerSourceRanges), plus its localhost accounting. */
export function captureNodePort(b: RuleBuffers, p: ServicePlan, c: ServiceRulesConfig): void {
  if (p.svc.nodePort === 0) return;
  const comment = ['-m', 'comment', '--comment', p.svc.name];
  if (p.hasEndpoints) {
    if (c.localhostNodePorts && c.nfacct) {
      b.natRules.push(line('-A', KUBE_NODEPORTS, comment, proto(p), '-d', '127.0.0.0/8', dport(p.svc.nodePort),
        '-m', 'nfacct', '--nfacct-name', LOCALHOST_NODEPORTS_ACCEPTED, '-j', p.externalTrafficChain));
    }
    b.natRules.push(line('-A', KUBE_NODEPORTS, comment, proto(p), dport(p.svc.nodePort), '-j', p.externalTrafficChain));
  }
  externalVerdictRule(b, p, [['-m', 'addrtype', '--dst-type', 'LOCAL'], proto(p), dport(p.svc.nodePort)]);
}

/** The health-check node port is accepted whether or not this node has local endpoints. */
export function captureHealthCheckNodePort(b: RuleBuffers, p: ServicePlan): void {
  if (p.svc.healthCheckNodePort === 0) return;
  b.filterRules.push(line('-A', KUBE_NODEPORTS, '-m', 'comment', '--comment', `"${p.svc.name} health check node port"`,
    '-m', 'tcp', '-p', 'tcp', dport(p.svc.healthCheckNodePort), '-j', 'ACCEPT'));
}

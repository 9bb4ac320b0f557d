// The rules kube-proxy writes on every sync whatever the services: the top-level chain lines,
// KUBE-POSTROUTING / KUBE-MARK-MASQ (mark, then masquerade), the localnet guard in
// KUBE-FIREWALL, the tail jump to KUBE-NODEPORTS, and KUBE-FORWARD (pkg/proxy/iptables/proxier.go).

import { chainLine, line, type RuleBuffers } from './line-buffer';
import {
  KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_POSTROUTING,
  KUBE_PROXY_FIREWALL, KUBE_SERVICES,
} from './names';
import { nodePortIPs, isLoopback } from './node-port-addresses';
import { CT_STATE_INVALID_DROPPED, type ProxierConfig } from './proxier-config';

export function writeTopLevelChains(b: RuleBuffers): void {
  for (const chain of [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL]) {
    b.filterChains.push(chainLine(chain));
  }
  for (const chain of [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ]) b.natChains.push(chainLine(chain));
}

/** Marked packets are masqueraded once; the mark is cleared so a re-traversal is not. */
export function writeMasqueradeChains(b: RuleBuffers, c: ProxierConfig): void {
  const mark = c.masqueradeMark;
  b.natRules.push(line('-A', KUBE_POSTROUTING, '-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN'));
  b.natRules.push(line('-A', KUBE_POSTROUTING, '-j', 'MARK', '--xor-mark', mark));
  b.natRules.push(line('-A', KUBE_POSTROUTING, '-m', 'comment', '--comment', '"kubernetes service traffic requiring SNAT"',
    '-j', 'MASQUERADE', c.randomFully ? ['--random-fully'] : []));
  b.natRules.push(line('-A', KUBE_MARK_MASQ, '-j', 'MARK', '--or-mark', mark));
}

/** route_localnet opens 127.0.0.0/8 to the outside (issue 90259); this rule closes it again. */
export function writeLocalnetGuard(b: RuleBuffers, c: ProxierConfig): void {
  if (c.family !== 4 || !c.localhostNodePorts) return;
  b.filterChains.push(chainLine(KUBE_FIREWALL));
  b.filterRules.push(line('-A', KUBE_FIREWALL, '-m', 'comment', '--comment', '"block incoming localnet connections"',
    '-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'));
}

const NODEPORTS_COMMENT = '"kubernetes service nodeports; NOTE: this must be the last rule in this chain"';

/** The last rule of nat KUBE-SERVICES: local destinations (or the chosen addresses) go on to node ports. */
export function writeNodePortsJump(b: RuleBuffers, c: ProxierConfig): void {
  if (c.nodePortAddresses.matchAll) {
    const exclude = c.family === 6 ? ['!', '-d', '::1/128'] : c.localhostNodePorts ? [] : ['!', '-d', '127.0.0.0/8'];
    b.natRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', NODEPORTS_COMMENT,
      '-m', 'addrtype', '--dst-type', 'LOCAL', exclude, '-j', KUBE_NODEPORTS));
    return;
  }
  for (const ip of nodePortIPs(c.nodePortAddresses, c.localAddresses)) {
    if (isLoopback(ip) && (c.family === 6 || !c.localhostNodePorts)) continue;
    b.natRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', NODEPORTS_COMMENT, '-d', ip, '-j', KUBE_NODEPORTS));
  }
}

export function writeForwardChain(b: RuleBuffers, c: ProxierConfig): void {
  if (!c.conntrackTCPLiberal) {
    const counter = c.nfacct ? ['-m', 'nfacct', '--nfacct-name', CT_STATE_INVALID_DROPPED] : [];
    b.filterRules.push(line('-A', KUBE_FORWARD, '-m', 'conntrack', '--ctstate', 'INVALID', counter, '-j', 'DROP'));
  }
  const mark = c.masqueradeMark;
  b.filterRules.push(line('-A', KUBE_FORWARD, '-m', 'comment', '--comment', '"kubernetes forwarding rules"',
    '-m', 'mark', '--mark', `${mark}/${mark}`, '-j', 'ACCEPT'));
  b.filterRules.push(line('-A', KUBE_FORWARD, '-m', 'comment', '--comment', '"kubernetes forwarding conntrack rule"',
    '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'));
}

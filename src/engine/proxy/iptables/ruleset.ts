// The iptables ruleset kube-proxy programs on one node, as text: per IP family the set-up
// commands for the built-in chains, then the iptables-restore input; a dual-stack node gives
// the IPv4 set, then the IPv6 set under an `# ip6tables` line (DESIGN.md, `kubehops rules`).

import type { ClusterModel } from '../../model/cluster';
import { parseCIDR, type IPFamily } from '../../net/ip';
import { renderJumpCommands } from './jump-chains';
import { findNode, nodeAddresses, type IptablesOptions } from './proxier-config';
import { restoreLines, syncProxyRules } from './sync';

export const IP6TABLES_MARKER = '# ip6tables';
export const RESTORE_MARKER = '# iptables-restore --noflush --counters';

/** One family's lines: set-up commands, the restore marker, the restore input (no final empty line). */
function familyLines(cluster: ClusterModel, nodeName: string, family: IPFamily, options: IptablesOptions, createCounters: boolean): string[] {
  const restoreLine = family === 4 ? RESTORE_MARKER : RESTORE_MARKER.replace('iptables', 'ip6tables');
  return renderJumpCommands(family, createCounters && options.nfacct !== false)
    .concat([restoreLine], restoreLines(syncProxyRules(cluster, nodeName, family, options)));
}

/**
 * One family's ruleset: the set-up commands (canary chains, jumps from the built-in chains,
 * nfacct counters), then the iptables-restore input.
 */
export function iptablesRuleset(cluster: ClusterModel, nodeName: string, family: IPFamily = 4, options: IptablesOptions = {}): string {
  return `${familyLines(cluster, nodeName, family, options, true).join('\n')}\n`;
}

/** The families kube-proxy runs a proxier for on this node: those of its addresses and pod CIDRs. */
export function nodeFamilies(cluster: ClusterModel, nodeName: string): IPFamily[] {
  const node = findNode(cluster, nodeName);
  const podCIDRs = node?.spec?.podCIDRs ?? (node?.spec?.podCIDR ? [node.spec.podCIDR] : []);
  const has = (family: IPFamily): boolean =>
    nodeAddresses(node, family).length > 0 || podCIDRs.some((c) => parseCIDR(c)?.family === family);
  const families = ([4, 6] as const).filter(has);
  return families.length > 0 ? families : [4];
}

/**
 * The whole node: IPv4, then `# ip6tables` and IPv6 when the node is dual-stack (the second
 * proxier finds the nfacct counters already there).
 */
export const rulesForNode = (cluster: ClusterModel, nodeName: string, options: IptablesOptions = {}): string =>
  ruleLinesForNode(cluster, nodeName, options).join('\n');

/**
 * The lines of rulesForNode's text, as `text.split('\n')` gives them (the last one empty):
 * what a trace loads, without building and splitting a text of tens of megabytes.
 */
export function ruleLinesForNode(cluster: ClusterModel, nodeName: string, options: IptablesOptions = {}): string[] {
  let lines: string[] = [];
  nodeFamilies(cluster, nodeName).forEach((family, i) => {
    lines = lines.concat(i > 0 ? [IP6TABLES_MARKER] : [], familyLines(cluster, nodeName, family, options, i === 0));
  });
  lines.push('');
  // A line break inside a generated line (one in a Service name, say) splits it in the text.
  return lines.some((l) => l.includes('\n')) ? lines.join('\n').split('\n') : lines;
}

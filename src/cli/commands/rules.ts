// `kubehops rules -f S --node NAME [--mode M] [--format restore|iptables-save]`: the ruleset
// kube-proxy would program on that node.

import { renderIptablesSave, rulesForNode, withNeededClusterDNS, type ProxyMode } from '../../engine';
import { flagValue, UsageError, type ParsedArgs } from '../args';
import type { Output } from '../output';
import { loadReported } from './report';

const MODES: readonly ProxyMode[] = ['iptables', 'nftables', 'ipvs'];
const BUILT_MODES: readonly ProxyMode[] = ['iptables'];
const FORMATS = ['restore', 'iptables-save'] as const;

export function rulesCommand(args: ParsedArgs, out: Output): number {
  const nodeName = flagValue(args, 'node');
  if (!nodeName) throw new UsageError('--node NAME is required');
  const format = flagValue(args, 'format') ?? 'restore';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const modeFlag = flagValue(args, 'mode') as ProxyMode | undefined;
  if (modeFlag && !MODES.includes(modeFlag)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}`);
  const { cluster, invalid } = loadReported(args, out);
  const mode = modeFlag ?? cluster.proxy.mode;
  if (!BUILT_MODES.includes(mode)) {
    out.stderr(`error: kube-proxy mode ${mode} is not simulated yet (built: ${BUILT_MODES.join(', ')})`);
    return 1;
  }
  if (!cluster.nodes.some((n) => n.metadata.name === nodeName)) {
    out.stderr(`error: node "${nodeName}" not found (nodes: ${cluster.nodes.map((n) => n.metadata.name).join(', ') || 'none'})`);
    return 1;
  }
  const text = rulesForNode(withNeededClusterDNS(cluster), nodeName);
  out.stdout(format === 'iptables-save' ? renderIptablesSave(text) : text);
  return invalid ? 1 : 0;
}

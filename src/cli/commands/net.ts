// `kubehops net -f S --host HOST [--show route|addr|neigh|all]`: a host's network as the CNI
// model built it, in iproute2's words (`ip addr`, `ip route`, `ip neigh`, `bridge fdb show`).
// HOST: node/NAME (or a bare node name), pod/NS/NAME (a hostNetwork pod shows its node),
// client/NAME, outside.

import { buildNetwork, HOST_VIEWS, renderHostNetwork, type HostView, type Network } from '../../engine';
import { flagValue, hasFlag, UsageError, type ParsedArgs } from '../args';
import type { Output } from '../output';
import { loadReported } from './report';

function hostName(network: Network, text: string): string {
  if (text.startsWith('pod/')) return network.podHosts[text.slice('pod/'.length)] ?? text;
  if (/^(node|client|remote)\//.test(text) || text === 'outside') return text;
  return `node/${text}`;
}

export function netCommand(args: ParsedArgs, out: Output): number {
  const host = flagValue(args, 'host');
  if (!host) throw new UsageError('--host HOST is required (node/NAME, pod/NS/NAME, client/NAME or outside)');
  const view = (flagValue(args, 'show') ?? 'all') as HostView;
  if (!HOST_VIEWS.includes(view)) throw new UsageError(`--show must be one of ${HOST_VIEWS.join(', ')}`);
  const { cluster, invalid } = loadReported(args, out);
  const network = buildNetwork(cluster);
  const name = hostName(network, host);
  const sections = renderHostNetwork(network, name, view);
  if (!sections) {
    const known = network.hosts.filter((h) => h.kind !== 'remote').map((h) => h.name).join(', ');
    out.stderr(`error: host "${host}" not found (hosts: ${known || 'none'})`);
    return 1;
  }
  if (hasFlag(args, 'json')) {
    out.stdout(JSON.stringify({ host: name, cni: network.cni, notes: network.notes, sections }, null, 2));
  } else {
    out.stdout(sections.map((s) => [`# ${s.command}`, ...s.lines].join('\n')).join('\n\n'));
  }
  return invalid ? 1 : 0;
}

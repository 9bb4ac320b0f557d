// The one text form of a trace: one line per hop, the same in the CLI, the goldens and the
// UI's hop log. Words are the kernel's and kube-proxy's (PREROUTING, KUBE-SVC-..., DNAT).

import type { Hop, HopPacket, OuterHeader, TraceOutcome } from './types';
import { endpointText } from './run';

export const renderPacket = (p: HopPacket): string => `${p.proto} ${endpointText(p.src, p.sport)} > ${endpointText(p.dst, p.dport)}`;
/** An outer header: `vxlan vni 1 UDP 192.168.1.10:51234 > 192.168.1.11:8472`. */
export const renderOuter = (o: OuterHeader): string => `${o.encapsulation} vni ${o.vni} UDP ${endpointText(o.src, o.sport)} > ${endpointText(o.dst, o.dport)}`;

function detail(hop: Hop): string {
  switch (hop.kind) {
    case 'emit': case 'reply': return `sends from ${hop.iface}`;
    case 'route': return `route: ${hop.text}`;
    case 'wire': return `${hop.from.host} ${hop.from.interface} -> ${hop.to.interface}${hop.outer ? ` in ${renderOuter(hop.outer)}` : ''}`;
    case 'encap': return `encap on ${hop.iface}: ${renderOuter(hop.outer)}`;
    case 'decap': return `decap on ${hop.iface}: ${renderOuter(hop.outer)}`;
    case 'bridge': return `bridge ${hop.bridge}: ${hop.inPort} -> ${hop.outPort}${hop.hairpin ? ' (hairpin)' : ''}`;
    case 'conntrack': return `conntrack ${hop.state}: ${hop.entry}`;
    case 'hook': return `${hop.hook} [${hop.tables.join(',')}] ${hop.rulesWalked} rules, ${hop.verdict}`;
    case 'rule': return `  ${hop.table} ${hop.chain} (line ${hop.line}): ${hop.text}`;
    case 'nat': return `${hop.nat}: ${renderPacket(hop.before)} -> ${renderPacket(hop.packet)}`;
    case 'deliver': return `delivered on ${hop.iface}`;
    case 'leave': return `leaves: ${hop.reason}`;
    case 'dns': return `dns ${hop.event}: ${hop.text}`;
    case 'drop': case 'reject': return `${hop.kind.toUpperCase()} by ${hop.decidedBy.component}: ${hop.reason}`;
    case 'lb': return hop.before ? `lb ${hop.event}: ${renderPacket(hop.before)} -> ${renderPacket(hop.packet)}` : `lb ${hop.event}: ${hop.text}`;
  }
}


/** One line: leg, host, what happened, and the packet's headers at that point. */
export function renderHop(hop: Hop): string {
  const headers = hop.kind === 'rule' || hop.kind === 'nat' || (hop.kind === 'lb' && hop.before) ? '' : `  | ${renderPacket(hop.packet)}`;
  return `${hop.leg === 'orig' ? '->' : '<-'} ${hop.host}  ${detail(hop)}${headers}`;
}

export const renderHops = (hops: readonly Hop[]): string => hops.map(renderHop).join('\n');

/** The summary line of an outcome, then its hops. */
export function renderOutcome(o: TraceOutcome): string {
  const head = [
    `${(o.probability * 100).toFixed(2).replace(/\.?0+$/, '')}%`, o.verdict,
    o.deliveredTo && `to ${o.deliveredTo}`, o.sourceSeenByDestination && `source seen ${o.sourceSeenByDestination}`,
    o.verdict === 'delivered' && !o.replyReturned && 'but the answer never reaches the source as an answer',
    o.dnat && `dnat ${o.dnat}`, o.snat && `snat ${o.snat}`, o.masqueraded ? 'masqueraded' : '',
    o.decidedBy?.rule && `decided by ${o.decidedBy.component}: ${o.decidedBy.rule}`, `${o.rulesWalked} rules walked`,
  ].filter(Boolean).join(', ');
  return `# ${head}\n${renderHops(o.hops)}`;
}

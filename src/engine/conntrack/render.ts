// `conntrack -L` output, byte for byte as conntrack-tools prints it through
// libnetfilter_conntrack's __snprintf_conntrack_default: protocol name padded to 8 and
// number, remaining seconds, TCP/SCTP state, the original tuple, [UNREPLIED] when no
// reply was seen, the reply tuple, [ASSURED], mark=, zone= (only when not 0, as the kernel
// sends CTA_ZONE only then), use=. The summary line goes to stderr.

import type { ConntrackEntry, ConntrackTable, CtProto, Tuple } from './types';

export const CONNTRACK_TOOLS_VERSION = '1.4.8';

const PROTO_NUMBERS: Readonly<Record<CtProto, number>> = { tcp: 6, udp: 17, sctp: 132, icmp: 1, 'ipv6-icmp': 58 };

// ICMP echo: request type in the original tuple, reply type in the reply tuple.
const ECHO_TYPES = { icmp: [8, 0], 'ipv6-icmp': [128, 129] } as const;

function tupleText(t: Tuple, reply: boolean): string {
  const addrs = `src=${t.src} dst=${t.dst} `;
  if (t.proto === 'icmp' || t.proto === 'ipv6-icmp') return `${addrs}type=${ECHO_TYPES[t.proto][reply ? 1 : 0]} code=0 id=${t.sport} `;
  return `${addrs}sport=${t.sport} dport=${t.dport} `;
}

/** One `conntrack -L` line. */
export function renderConntrackEntry(e: ConntrackEntry, now: number): string {
  const proto = e.orig.proto;
  let s = `${proto.padEnd(8)} ${PROTO_NUMBERS[proto]} `;
  s += `${Math.max(0, Math.floor((e.expires - now) / 1000))} `;
  if (e.tcpState) s += `${e.tcpState} `;
  if (e.sctpState) s += `${e.sctpState} `;
  s += tupleText(e.orig, false);
  if (!e.status.seenReply) s += '[UNREPLIED] ';
  s += tupleText(e.reply, true);
  if (e.status.assured) s += '[ASSURED] ';
  s += `mark=${e.mark} `;
  if (e.zone !== 0) s += `zone=${e.zone} `;
  s += 'use=1';
  return s;
}

/** The entries `conntrack -L` lists: confirmed and unexpired (unconfirmed ones are not in the hash). */
export const listedEntries = (table: ConntrackTable): ConntrackEntry[] =>
  table.entries.filter((e) => e.status.confirmed && e.expires > table.now);

/** `conntrack -L` stdout: one line per entry, each ending in a newline. */
export function renderConntrack(table: ConntrackTable): string {
  return listedEntries(table).map((e) => `${renderConntrackEntry(e, table.now)}\n`).join('');
}

/** The summary conntrack-tools writes to stderr after listing. */
export const renderConntrackSummary = (count: number, version = CONNTRACK_TOOLS_VERSION): string =>
  `conntrack v${version} (conntrack-tools): ${count} flow entries have been shown.\n`;

/** Both streams of `conntrack -L`. */
export function renderConntrackList(table: ConntrackTable): { stdout: string; stderr: string } {
  return { stdout: renderConntrack(table), stderr: renderConntrackSummary(listedEntries(table).length) };
}

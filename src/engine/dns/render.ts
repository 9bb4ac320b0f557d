// DNS answers in the text `dig` prints: a status line, then each section's records as
// zone-file lines (owner, TTL, class, type, data; tab-separated as miekg/dns's RR.String()).

import type { DnsRecord, DnsResponse, RRType } from './types';

/** One record as a zone-file line. */
export const renderRecord = (r: DnsRecord): string => `${r.name}\t${r.ttl}\tIN\t${r.type}\t${r.data}`;

/** The response as `dig` lays it out: header, then ANSWER, AUTHORITY and ADDITIONAL sections. */
export function renderResponse(qname: string, qtype: RRType, r: DnsResponse): string {
  const section = (title: string, records: readonly DnsRecord[]): string[] =>
    records.length === 0 ? [] : ['', `;; ${title} SECTION:`, ...records.map(renderRecord)];
  const name = qname.endsWith('.') ? qname : `${qname}.`;
  return [
    `;; ->>HEADER<<- opcode: QUERY, status: ${r.rcode}`,
    `;; ANSWER: ${r.answer.length}, AUTHORITY: ${r.authority.length}, ADDITIONAL: ${r.additional.length}`,
    '', ';; QUESTION SECTION:', `;${name}\t\tIN\t${qtype.toUpperCase()}`,
    ...section('ANSWER', r.answer), ...section('AUTHORITY', r.authority), ...section('ADDITIONAL', r.additional),
  ].join('\n');
}

// The resolver behind CoreDNS's `forward . /etc/resolv.conf`: whatever answers names outside
// the cluster. kubehops knows only the records the scenario lists in the Cluster's
// `spec.dns.upstream`, and answers as a recursive resolver would: the records of the asked
// type, a CNAME followed to its target, NODATA for a name that has only other types, NXDOMAIN
// for a name it does not list. It has no zone of its own, so its negative answers carry no SOA.

import type { UpstreamRecord } from '../model/cluster';
import { fqdn } from './names';
import type { DnsRecord, DnsResponse, RRType } from './types';

/** The TTL of an upstream record that gives none. */
export const UPSTREAM_DEFAULT_TTL = 300;
const MAX_CHAIN = 8;

const owner = (name: string): string => fqdn(name).toLowerCase();

function rdata(r: UpstreamRecord): string {
  switch (r.type) {
    case 'CNAME': case 'NS': case 'PTR': return fqdn(r.data);
    case 'MX': { const [pref, host = ''] = r.data.split(/\s+/); return `${pref} ${fqdn(host)}`; }
    case 'SRV': { const parts = r.data.split(/\s+/); return [...parts.slice(0, 3), parts[3] === '.' ? '.' : fqdn(parts[3] ?? '')].join(' '); }
    case 'TXT': return `"${r.data.replace(/(["\\])/g, '\\$1')}"`;
    default: return r.data;
  }
}

const toRecord = (name: string, r: UpstreamRecord): DnsRecord => ({ name, ttl: r.ttl ?? UPSTREAM_DEFAULT_TTL, type: r.type, data: rdata(r) });

/** The upstream resolver's answer to `qname` (kept in the asker's case) of type `qtype`. */
export function upstreamQuery(records: readonly UpstreamRecord[], qname: string, qtype: RRType): DnsResponse {
  const answer: DnsRecord[] = [];
  let name = fqdn(qname);
  for (let hop = 0; hop < MAX_CHAIN; hop++) {
    const here = records.filter((r) => owner(r.name) === owner(name));
    if (here.length === 0) return { rcode: 'NXDOMAIN', answer, authority: [], additional: [], answeredBy: 'upstream' };
    const match = here.filter((r) => qtype === 'ANY' || r.type === qtype);
    if (match.length > 0) return ok([...answer, ...match.map((r) => toRecord(name, r))]);
    const alias = here.find((r) => r.type === 'CNAME');
    if (!alias) return ok(answer);
    answer.push(toRecord(name, alias));
    name = fqdn(alias.data);
  }
  return { rcode: 'SERVFAIL', answer: [], authority: [], additional: [], answeredBy: 'upstream' };
}

const ok = (answer: DnsRecord[]): DnsResponse => ({ rcode: 'NOERROR', answer, authority: [], additional: [], answeredBy: 'upstream' });

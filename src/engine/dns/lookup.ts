// The record builders of CoreDNS's plugin/backend_lookup.go (A, AAAA, SRV, TXT, CNAME, PTR,
// NS, SOA, checkForApex), over the backend in kubernetes.ts: CNAMEs chased inside the zone or
// through the server for names outside it, SRV weights split 100 per priority, SRV targets
// named after the record's key with their addresses in the additional section.

import { parseIP } from '../net/ip';
import { nsAddrs, question, reverse, services, type Backend, type Entry, type Found, type Question } from './kubernetes';
import { fqdn, isSubDomain } from './names';
import type { DnsRecord, DnsResponse, RRType } from './types';

/** The server itself, for targets outside the zone (the kubernetes plugin's Upstream). */
export type Lookup = (name: string, qtype: RRType) => DnsResponse;

export interface Built {
  readonly records: DnsRecord[];
  readonly extra: DnsRecord[];
  readonly nameError: boolean;
}

const built = (records: DnsRecord[], extra: DnsRecord[] = []): Built => ({ records, extra, nameError: false });
const failed: Built = { records: [], extra: [], nameError: true };
/** The SOA serial: CoreDNS uses the time of the last API change; kubehops' clusters never change. */
export const SOA_SERIAL = 1;
const MAX_CNAME_CHAIN = 7;

const family = (host: string): 4 | 6 | undefined => parseIP(host)?.family;
const rr = (name: string, ttl: number, type: RRType, data: string): DnsRecord => ({ name, ttl, type, data });

/** checkForApex: at the zone apex, the special apex.dns entry first (the kubernetes plugin has none). */
function apexOrServices(b: Backend, q: Question): Found {
  if (q.name !== q.zone) return services(b, q);
  const apex = services(b, question(`apex.dns.${q.zone}`, q.qtype, q.zone));
  return apex.nameError ? services(b, q) : apex;
}

/** A and AAAA: addresses once each; CNAMEs followed in the zone, or through the server outside it. */
export function address(b: Backend, q: Question, lookup: Lookup, previous: readonly DnsRecord[] = []): Built {
  const want = q.qtype === 'AAAA' ? 6 : 4;
  const result = apexOrServices(b, q);
  if (result.nameError) return failed;
  const records: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const e of result.entries) {
    const f = family(e.host);
    if (f === undefined) {
      records.push(...followCNAME(b, q, e, lookup, previous));
    } else if (f === want && !seen.has(e.host)) {
      seen.add(e.host);
      records.push(rr(q.qname, e.ttl, want === 4 ? 'A' : 'AAAA', e.host));
    }
  }
  return built(records);
}

function followCNAME(b: Backend, q: Question, e: Entry, lookup: Lookup, previous: readonly DnsRecord[]): DnsRecord[] {
  const target = fqdn(e.host);
  if (isSubDomain(q.name, target)) return []; // x CNAME x (or a name below it) is a loop
  const cname = rr(q.qname, e.ttl, 'CNAME', target);
  if (previous.length > MAX_CNAME_CHAIN) return [];
  if (previous.some((p) => p.name.toLowerCase() === cname.name.toLowerCase() && p.data.toLowerCase() === target.toLowerCase())) return [];
  if (isSubDomain(q.zone, target)) {
    const next = address(b, question(target, q.qtype, q.zone), lookup, [...previous, cname]);
    return !next.nameError && next.records.length > 0 ? [cname, ...next.records] : [];
  }
  return [cname, ...lookup(target, q.qtype).answer];
}

/** SRV: one record per target and port, weight 100 split across the priority; targets' addresses as extra. */
export function srv(b: Backend, q: Question): Built {
  const result = services(b, q);
  if (result.nameError) return failed;
  const total = result.entries.length * 100;
  const records: DnsRecord[] = [];
  const extra: DnsRecord[] = [];
  const dup = new Set<string>();
  for (const e of result.entries) {
    if (e.port === -1) continue;
    const weight = Math.max(1, Math.floor((100 / total) * 100));
    const f = family(e.host);
    if (f === undefined) continue; // ExternalName services were removed by services()
    const target = fqdn(e.owner);
    if (!dup.has(`${target}|${e.port}`)) {
      dup.add(`${target}|${e.port}`);
      records.push(rr(q.qname, e.ttl, 'SRV', `0 ${weight} ${e.port} ${target}`));
    }
    if (!dup.has(`${target}|${e.host}`)) {
      dup.add(`${target}|${e.host}`);
      extra.push(rr(target, e.ttl, f === 4 ? 'A' : 'AAAA', e.host));
    }
  }
  return built(records, extra);
}

export function txt(b: Backend, q: Question): Built {
  const result = services(b, q);
  if (result.nameError) return failed;
  const texts = [...new Set(result.entries.flatMap((e) => (e.text === undefined ? [] : [e.text])))];
  return built(texts.map((t) => rr(q.qname, TXT_TTL(result, t), 'TXT', `"${t}"`)));
}
const TXT_TTL = (r: Found, text: string): number => r.entries.find((e) => e.text === text)!.ttl;

/** CNAME: the first entry's name, when it is a name. */
export function cname(b: Backend, q: Question): Built {
  const result = services(b, q);
  if (result.nameError) return failed;
  const first = result.entries[0];
  return built(first && family(first.host) === undefined ? [rr(q.qname, first.ttl, 'CNAME', fqdn(first.host))] : []);
}

/** PTR: each distinct name the address belongs to. */
export function ptr(b: Backend, q: Question): Built {
  const result = reverse(b, q);
  if (result.nameError) return failed;
  const names = [...new Set(result.entries.map((e) => fqdn(e.host)))];
  return built(names.map((n) => rr(q.qname, b.dns.ttl, 'PTR', n)));
}

/** MX: the kubernetes plugin has no mail entries, so an existing name is NODATA. */
export function mx(b: Backend, q: Question): Built {
  return services(b, q).nameError ? failed : built([]);
}

/** NS at the apex: the DNS Service's name, its address as extra. */
export function ns(b: Backend, q: Question): Built {
  const servers = nsAddrs(b, q.zone);
  const records: DnsRecord[] = [];
  const extra: DnsRecord[] = [];
  for (const s of servers) {
    const target = fqdn(s.name);
    extra.push(rr(target, b.dns.ttl, family(s.ip) === 6 ? 'AAAA' : 'A', s.ip));
    if (!records.some((r) => r.data === target)) records.push(rr(q.qname, b.dns.ttl, 'NS', target));
  }
  return built(records, extra);
}

/** The zone's SOA: TTL min(ttl, 300), ns.dns.<zone>, hostmaster.<zone>, refresh 7200, retry 1800, expire 86400, minimum ttl. */
export function soa(b: Backend, zone: string): DnsRecord {
  const ttl = Math.min(b.dns.ttl, 300);
  return rr(zone, ttl, 'SOA', `ns.dns.${zone} hostmaster.${zone} ${SOA_SERIAL} 7200 1800 86400 ${b.dns.ttl}`);
}

// The cluster DNS server as kubeadm runs it: CoreDNS with the `kubernetes` plugin serving the
// cluster zones plus in-addr.arpa and ip6.arpa (kubeadm's Corefile: `kubernetes cluster.local
// in-addr.arpa ip6.arpa { fallthrough in-addr.arpa ip6.arpa }`), and `forward` to the
// upstream resolver for everything else. The dispatch follows CoreDNS's
// plugin/kubernetes/handler.go ServeDNS: per query type, NXDOMAIN for a name error (or on to
// `forward` where fallthrough applies), NODATA (NOERROR, no answer) otherwise, both with the
// zone's SOA in the authority section. Not modelled: the `cache` and `loadbalance` plugins
// (answers keep the plugin's order and TTLs), truncation and TCP.

import type { ClusterModel } from '../model/cluster';
import { dnsServerIPs, withClusterDNS } from './kube-dns';
import { type Backend, type Question } from './kubernetes';
import { address, cname, mx, ns, ptr, soa, srv, txt, type Built, type Lookup } from './lookup';
import { fqdn, isReverse, matchZone } from './names';
import type { DnsResponse, RRType } from './types';
import { upstreamQuery } from './upstream';

const REVERSE_ZONES = ['in-addr.arpa.', 'ip6.arpa.'];
/** How deep CNAME targets may send the server back into itself. */
const MAX_DEPTH = 8;

export interface DnsServer {
  readonly backend: Backend;
  /** The answer to one question, as `dig @<DNS ClusterIP> qname qtype` would show it. */
  readonly query: (qname: string, qtype: RRType) => DnsResponse;
}

/** The DNS server of a cluster; the kube-dns Service and CoreDNS pods are synthesized when it has none. */
export function createDnsServer(scenario: ClusterModel): DnsServer {
  const cluster = withClusterDNS(scenario);
  const configured = cluster.spec.dns.zones.map((z) => fqdn(z).toLowerCase());
  const zones = [...configured, ...REVERSE_ZONES.filter((z) => !configured.includes(z))];
  const backend: Backend = { cluster, dns: cluster.spec.dns, zones, serverIPs: dnsServerIPs(cluster) };
  const serve = (qname: string, qtype: RRType, depth: number): DnsResponse => {
    const lookup: Lookup = (name, type) => (depth < MAX_DEPTH ? serve(name, type, depth + 1) : servfail);
    return serveDNS(backend, fqdn(qname), qtype.toUpperCase(), lookup);
  };
  return { backend, query: (qname, qtype) => serve(qname, qtype, 0) };
}

/** `query(cluster, name, type)`: one question to the cluster DNS. */
export const query = (cluster: ClusterModel, qname: string, qtype: RRType): DnsResponse => createDnsServer(cluster).query(qname, qtype);

const servfail: DnsResponse = { rcode: 'SERVFAIL', answer: [], authority: [], additional: [], answeredBy: 'kubernetes' };

/** `fallthrough` in kubeadm's Corefile covers the reverse zones; the Cluster's `fallthrough: true` covers every zone. */
const fallsThrough = (b: Backend, zone: string): boolean => b.dns.fallthrough || isReverse(zone) > 0;

function build(b: Backend, q: Question, lookup: Lookup): Built | 'REFUSED' {
  switch (q.qtype) {
    case 'A': case 'AAAA': return address(b, q, lookup);
    case 'TXT': return txt(b, q);
    case 'CNAME': return cname(b, q);
    case 'PTR': return ptr(b, q);
    case 'MX': return mx(b, q);
    case 'SRV': return srv(b, q);
    case 'SOA': return { records: q.qname === q.zone ? [soa(b, q.zone)] : [], extra: [], nameError: false };
    case 'AXFR': case 'IXFR': return 'REFUSED';
    case 'NS': if (q.name === q.zone) return ns(b, q);
  }
  // Any other type: a fake A lookup tells NODATA from NXDOMAIN.
  return { records: [], extra: [], nameError: address(b, { ...q, qtype: 'A' }, lookup).nameError };
}

function serveDNS(b: Backend, qname: string, qtype: RRType, lookup: Lookup): DnsResponse {
  const matched = matchZone(b.zones, qname);
  if (!matched) return upstreamQuery(b.dns.upstream, qname, qtype);
  const zone = qname.slice(qname.length - matched.length); // the zone in the asker's case
  const q: Question = { qname, name: qname.toLowerCase(), qtype, zone };
  const result = build(b, q, lookup);
  const base = { answeredBy: 'kubernetes' as const, additional: [] };
  if (result === 'REFUSED') return { ...base, rcode: 'REFUSED', answer: [], authority: [] };
  if (result.nameError) {
    if (fallsThrough(b, matched)) return upstreamQuery(b.dns.upstream, qname, qtype);
    return { ...base, rcode: 'NXDOMAIN', answer: [], authority: [soa(b, zone)] };
  }
  if (result.records.length === 0) return { ...base, rcode: 'NOERROR', answer: [], authority: [soa(b, zone)] };
  return { ...base, rcode: 'NOERROR', answer: result.records, authority: [], additional: result.extra };
}

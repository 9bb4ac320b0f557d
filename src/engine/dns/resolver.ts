// A pod's stub resolver: glibc's res_search (resolv/res_query.c __res_context_search) over
// the pod's resolv.conf, as getaddrinfo drives it. A name with a trailing dot is asked only
// as it is. Otherwise a name with at least `ndots` dots is asked as it is first; then each
// search domain is appended in order, going on after NXDOMAIN (HOST_NOT_FOUND), NODATA and
// SERVFAIL and stopping at the first answer with records; a name not yet asked as it is is
// asked last. The failure reported is the first as-is query's, else NO_DATA if any candidate
// had no data, else the last one's. getaddrinfo with AF_UNSPEC sends A and AAAA for each
// candidate (one socket, two queries) and takes the candidate when either has records.
// Addresses come out in answer order, A before AAAA: glibc's RFC 3484 sort is not modelled.

import type { ClusterModel } from '../model/cluster';
import type { Pod } from '../model/k8s';
import { createDnsServer, type DnsServer } from './server';
import { ndotsOf, podResolvConf, type ResolvConf } from './resolv-conf';
import type { DnsRecord, DnsResponse, Rcode } from './types';
import { upstreamQuery } from './upstream';

export type AddressType = 'A' | 'AAAA';
export type ResolveStatus = 'found' | 'HOST_NOT_FOUND' | 'NO_DATA' | 'TRY_AGAIN';

export interface ResolverQuery {
  readonly qname: string;
  readonly qtype: AddressType;
  readonly rcode: Rcode;
  readonly answer: readonly DnsRecord[];
  /** Who answered: the cluster DNS (its ClusterIP) or the upstream resolver. */
  readonly server: 'cluster' | 'upstream';
}

export interface Resolution {
  readonly resolvConf: ResolvConf;
  /** The names tried, in order (each asked for every type). */
  readonly candidates: readonly string[];
  readonly queries: readonly ResolverQuery[];
  readonly result: { readonly status: ResolveStatus; readonly name: string; readonly addresses: readonly string[] };
}

type HErrno = Exclude<ResolveStatus, 'found'> | 'NO_RECOVERY';

const herrnoOf = (r: Rcode, hasRecords: boolean): HErrno | undefined =>
  r === 'NOERROR' ? (hasRecords ? undefined : 'NO_DATA') : r === 'NXDOMAIN' ? 'HOST_NOT_FOUND' : r === 'SERVFAIL' ? 'TRY_AGAIN' : 'NO_RECOVERY';

/** Where the pod's queries go: the cluster DNS when the first nameserver is its address, else the upstream resolver. */
function serverFor(conf: ResolvConf, server: DnsServer, cluster: ClusterModel): { kind: 'cluster' | 'upstream'; ask: (n: string, t: AddressType) => DnsResponse } {
  const first = conf.nameservers[0];
  if (first !== undefined && server.backend.serverIPs.includes(first as never)) return { kind: 'cluster', ask: server.query };
  return { kind: 'upstream', ask: (n, t) => upstreamQuery(cluster.spec.dns.upstream, n, t) };
}

/** Resolves `name` from `pod` as getaddrinfo would: every query asked, and the outcome. */
export function resolveFromPod(cluster: ClusterModel, pod: Pod, name: string, types: readonly AddressType[] = ['A', 'AAAA']): Resolution {
  const conf = podResolvConf(cluster, pod);
  const server = createDnsServer(cluster);
  const target = serverFor(conf, server, cluster);
  const queries: ResolverQuery[] = [];
  const candidates: string[] = [];
  const ask = (candidate: string): { ok: true; answers: DnsRecord[] } | { ok: false; herrno: HErrno } => {
    const qname = candidate.endsWith('.') ? candidate : `${candidate}.`;
    candidates.push(qname);
    const responses = types.map((qtype) => {
      const r = target.ask(qname, qtype);
      queries.push({ qname, qtype, rcode: r.rcode, answer: r.answer, server: target.kind });
      return r;
    });
    if (responses.some((r) => r.rcode === 'NOERROR' && r.answer.length > 0)) return { ok: true, answers: responses.flatMap((r) => r.answer) };
    const first = responses[0]!;
    return { ok: false, herrno: herrnoOf(first.rcode, first.answer.length > 0) ?? 'NO_DATA' };
  };
  const outcome = search(name, conf, ask);
  const finish = (status: ResolveStatus, found = '', addresses: string[] = []): Resolution =>
    ({ resolvConf: conf, candidates, queries, result: { status, name: found, addresses } });
  if (outcome.ok) {
    const addresses = outcome.answers.filter((r) => r.type === 'A' || r.type === 'AAAA').map((r) => r.data);
    return finish(addresses.length > 0 ? 'found' : 'NO_DATA', outcome.name, addresses);
  }
  return finish(outcome.herrno === 'NO_RECOVERY' ? 'HOST_NOT_FOUND' : outcome.herrno);
}

type Asked = { ok: true; answers: DnsRecord[] } | { ok: false; herrno: HErrno };
type Searched = { ok: true; name: string; answers: DnsRecord[] } | { ok: false; herrno: HErrno };

/** __res_context_search: the order names are tried in, and where it stops. */
export function search(name: string, conf: ResolvConf, ask: (candidate: string) => Asked): Searched {
  const dots = [...name].filter((c) => c === '.').length;
  const trailingDot = name.endsWith('.');
  const tryName = (candidate: string): Searched => {
    const r = ask(candidate);
    return r.ok ? { ok: true, name: candidate.endsWith('.') ? candidate : `${candidate}.`, answers: r.answers } : r;
  };
  let saved: HErrno | undefined;
  let triedAsIs = false;
  let last: HErrno = 'HOST_NOT_FOUND';
  if (dots >= ndotsOf(conf) || trailingDot) {
    const r = tryName(name);
    if (r.ok || trailingDot) return r;
    saved = r.herrno;
    triedAsIs = true;
  }
  let gotNodata = false;
  let gotServfail = false;
  for (const domain of conf.search) {
    if (domain === '.' || domain === '') continue;
    const r = tryName(`${name}.${domain}`);
    if (r.ok) return r;
    last = r.herrno;
    if (r.herrno === 'NO_DATA') gotNodata = true;
    else if (r.herrno === 'TRY_AGAIN') gotServfail = true;
    else if (r.herrno !== 'HOST_NOT_FOUND') break;
  }
  if (!triedAsIs) {
    const r = tryName(name);
    if (r.ok) return r;
    last = r.herrno;
  }
  return { ok: false, herrno: saved ?? (gotNodata ? 'NO_DATA' : gotServfail ? 'TRY_AGAIN' : last) };
}

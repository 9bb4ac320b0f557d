// The DNS exchange that starts a trace to a name: for each name the pod's resolver tries, one
// UDP socket sends the A and AAAA queries to the cluster DNS Service (glibc sends both on one
// socket; kubehops walks its first packet, which the second follows through the same
// conntrack entry), kube-proxy's rules DNAT it to a CoreDNS pod like any other ClusterIP
// packet, the answers come back un-DNATed. Queries and answers are `dns` hops. An unresolved
// name ends the trace: getaddrinfo fails and the connection is never attempted.

import type { DnsRecord } from '../dns';
import { renderRecord } from '../dns';
import type { NamePlan } from './dns-plan';
import { pushHop, type End, type Run, type WalkPacket } from './run';
import { sendFrom } from './walk';

/** Source ports of the resolver's sockets (glibc picks random ones; fixed here so traces stay readable). */
const DNS_PORT_BASE = 50000;
const DNS_PORT = 53;

const answerText = (rcode: string, answer: readonly DnsRecord[]): string =>
  `${rcode}${answer.length > 0 ? `: ${answer.map(renderRecord).join(' | ').replaceAll('\t', ' ')}` : ' (no records)'}`;

/** Walks one packet on a side run so the connection's own NAT facts stay its own. */
function walk(run: Run, host: string, p: WalkPacket, leg: Run['leg']): End {
  const side: Run = { ...run, leg, rulesWalked: 0, masqueraded: false, steps: 0, dnat: undefined, snat: undefined };
  const end = sendFrom(side, host, p);
  run.state = side.state;
  run.rulesWalked += side.rulesWalked;
  return end;
}

/** One candidate name: its queries out, the answers back. Returns the End when a packet did not make it. */
function exchange(run: Run, source: { host: string; ip: WalkPacket['src'] }, plan: NamePlan, candidate: string, sport: number): End | undefined {
  const queries = plan.resolution.queries.filter((q) => q.qname === candidate);
  const p: WalkPacket = { family: plan.server!.includes(':') ? 6 : 4, proto: 'udp', src: source.ip, sport, dst: plan.server!, dport: DNS_PORT, mark: 0 };
  for (const q of queries) pushHop(run, source.host, p, { kind: 'dns', event: 'query', text: `${q.qtype}? ${q.qname}` });
  const there = walk(run, source.host, p, 'orig');
  if (there.kind !== 'delivered') return there;
  run.leg = 'orig';
  for (const q of queries) pushHop(run, there.host, there.packet, { kind: 'dns', event: 'answer', text: `${q.qtype} ${q.qname} ${answerText(q.rcode, q.answer)}` });
  const back = there.packet;
  const reply = walk(run, there.host, { ...back, src: back.dst, sport: back.dport, dst: back.src, dport: back.sport, mark: 0 }, 'reply');
  run.leg = 'orig';
  return reply.kind === 'delivered' ? undefined : reply;
}

/** The resolution's packets and hops; an End when the trace stops there (lost packet or no address). */
export function walkDNS(run: Run, host: string, src: WalkPacket['src'], plan: NamePlan, connection: number): End | undefined {
  const { resolution } = plan;
  const candidates = [...new Set(resolution.candidates)];
  const upstream: WalkPacket = { family: 4, proto: 'udp', src, sport: DNS_PORT_BASE, dst: src, dport: DNS_PORT, mark: 0 };
  for (const [i, candidate] of candidates.entries()) {
    if (!plan.server) {
      for (const q of resolution.queries.filter((x) => x.qname === candidate)) {
        pushHop(run, host, upstream, { kind: 'dns', event: 'answer', text: `${q.qtype} ${q.qname} (node resolver) ${answerText(q.rcode, q.answer)}` });
      }
      continue;
    }
    const lost = exchange(run, { host, ip: src }, plan, candidate, DNS_PORT_BASE + connection * 16 + i);
    if (lost) return lost;
  }
  const { result } = resolution;
  const sport = DNS_PORT_BASE + connection * 16 + Math.max(0, candidates.length - 1);
  const at: WalkPacket = { ...upstream, sport, dst: plan.server ?? src };
  if (result.status !== 'found') {
    const reason = `getaddrinfo("${plan.name}"): ${result.status}`;
    const decidedBy = { component: 'dns' as const, rule: `${result.status} after ${candidates.length} name(s): ${candidates.join(' ')}` };
    pushHop(run, host, at, { kind: 'reject', reason, decidedBy });
    return { kind: 'rejected', decidedBy, reason };
  }
  pushHop(run, host, at, { kind: 'dns', event: 'result', text: `${plan.name} -> ${result.name} [${result.addresses.join(', ')}]: connecting to ${result.addresses[0]}` });
  if (plan.externalAlias) {
    const target = plan.externalAlias.target.replace(/\.$/, '');
    pushHop(run, host, at, {
      kind: 'dns', event: 'warning',
      text: `TLS: the client sends SNI "${plan.name.replace(/\.$/, '')}" and checks the certificate for it, but ${target} presents one issued for ${target}`,
    });
  }
  return undefined;
}

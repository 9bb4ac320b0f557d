// What the conntrack, EndpointSlice and DNS inspectors show, computed from the engine's
// answers (pure, tested in node): `conntrack -L` of each host the run left entries on, with
// the connection's own entries marked; the destination Service's EndpointSlices; and for a
// trace to a name, the pod's resolv.conf, every query its resolver sent and the result.

import {
  canonicalIP, podResolvConf, renderConntrackList, renderRecord, renderResolvConf, resolveFromPod,
  type ClusterModel, type Hop, type Service, type SimState,
} from '../../engine';
import { serviceForDestination } from './probe-options';

export interface ConntrackLine { readonly text: string; readonly mine: boolean }
export interface ConntrackView { readonly host: string; readonly lines: readonly ConntrackLine[]; readonly summary: string }

/** The connection's own packets: the hops after the name's resolution. */
const connectionHops = (hops: readonly Hop[]): readonly Hop[] => {
  const lastDns = hops.findLastIndex((h) => h.kind === 'dns');
  return hops.slice(lastDns + 1);
};

/** The original tuple of a `conntrack -L` line (up to the reply tuple). */
const origTuple = (line: string): string => {
  const first = line.indexOf('src=');
  const second = line.indexOf('src=', first + 1);
  return line.slice(first, second === -1 ? undefined : second);
};

export function conntrackViews(state: SimState | null, hops: readonly Hop[]): ConntrackView[] {
  if (!state) return [];
  const mine = new Map<string, Set<string>>();
  for (const h of connectionHops(hops)) {
    if (h.leg !== 'orig') continue;
    const p = h.packet;
    const set = mine.get(h.host) ?? new Set<string>();
    set.add(`src=${p.src} dst=${p.dst} sport=${p.sport} dport=${p.dport} `);
    mine.set(h.host, set);
  }
  const hosts = Object.keys(state.conntrack).sort((a, b) => Number(b.startsWith('node/')) - Number(a.startsWith('node/')) || a.localeCompare(b));
  return hosts.flatMap((host) => {
    const { stdout, stderr } = renderConntrackList(state.conntrack[host]!);
    const lines = stdout.split('\n').filter(Boolean);
    if (lines.length === 0) return [];
    const keys = mine.get(host) ?? new Set<string>();
    return [{ host, lines: lines.map((text) => ({ text, mine: keys.has(origTuple(text)) })), summary: stderr.trim() }];
  });
}


export interface DnsQueryView { readonly query: string; readonly rcode: string; readonly records: readonly string[] }
export interface DnsView {
  readonly name: string;
  readonly pod: string;
  readonly resolvConf: string;
  readonly candidates: readonly string[];
  readonly queries: readonly DnsQueryView[];
  readonly result: string;
  readonly warnings: readonly string[];
  /** The in-cluster name that answered: `svc.ns.svc.zone.` or `pod.svc.ns.svc.zone.`. */
  readonly answeredName: string | null;
}

/** The pod's resolver looking up the name of a `NAME:PORT` destination; null for addresses or non-pod sources. */
function resolveDestination(c: ClusterModel, from: string, to: string) {
  const [kind, ns, name] = from.split('/');
  const pod = kind === 'pod' ? c.pods.find((p) => p.metadata.namespace === ns && p.metadata.name === name) : undefined;
  const m = /^(.+):\d+$/.exec(to);
  if (!pod || !m || canonicalIP(m[1]!.replace(/^\[|\]$/g, ''))) return null;
  return { pod, name: m[1]!, resolution: resolveFromPod(c, pod, m[1]!) };
}

export function dnsView(c: ClusterModel, from: string, to: string, hops: readonly Hop[]): DnsView | null {
  if (!hops.some((h) => h.kind === 'dns')) return null;
  const looked = resolveDestination(c, from, to);
  if (!looked) return null;
  const { pod, name, resolution: r } = looked;
  const answered = r.queries.find((q) => q.answer.length > 0);
  const result = r.result.status === 'found' ? `found ${r.result.name}: ${r.result.addresses.join(', ')}` : `${r.result.status} for ${name}`;
  return {
    name, pod: from, resolvConf: renderResolvConf(podResolvConf(c, pod)), candidates: [...new Set(r.candidates)],
    queries: r.queries.map((q) => ({ query: `${q.qtype}? ${q.qname}`, rcode: q.rcode, records: q.answer.map((a) => renderRecord(a).replaceAll('\t', ' ')) })),
    result, warnings: hops.flatMap((h) => (h.kind === 'dns' && h.event === 'warning' ? [h.text] : [])),
    answeredName: answered?.qname ?? null,
  };
}

/** The Service an in-cluster DNS answer names (`[pod.]svc.ns.svc.<zone>.`). */
function serviceOfAnswer(c: ClusterModel, answeredName: string | null | undefined): Service | undefined {
  const labels = answeredName?.split('.') ?? [];
  const at = labels.indexOf('svc');
  if (at < 2) return undefined;
  return c.services.find((s) => s.metadata.name === labels[at - 2] && (s.metadata.namespace ?? 'default') === labels[at - 1]);
}

/** The Service a `NAME:PORT` destination names, as the From pod's resolver finds it (before any packet is sent). */
export function serviceForName(c: ClusterModel, from: string, to: string): Service | undefined {
  const looked = resolveDestination(c, from, to);
  return serviceOfAnswer(c, looked?.resolution.queries.find((q) => q.answer.length > 0)?.qname);
}

/** The Service a destination belongs to; for a name, the Service its in-cluster answer names. */
export function destinationService(c: ClusterModel, to: string, dns: DnsView | null): Service | undefined {
  return serviceForDestination(c, to) ?? serviceOfAnswer(c, dns?.answeredName);
}

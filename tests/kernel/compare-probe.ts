// One probe, kernel against simulator: connections are made one at a time from the probe's
// source namespace; after each, every node's conntrack table is listed (and flushed, as the
// simulator's state is). Each connection's fate must be one of the outcomes `traceAll`
// predicts from the same state: the same pod at the same IP:port, the same source address
// seen, the same drop (timeout) or reject (refused), the same conntrack entries on every
// node, and masquerade on the same connections. Connections repeat until every predicted
// outcome was seen (or a bound is hit), so a random choice reaches every endpoint it can.
// State (xt_recent for session affinity) carries from connection to connection on both sides.

import {
  initialState, planTrace, traceAll, traceSeeded,
  type SimState, type TraceContext, type TraceOutcome, type TraceRequest,
} from '../../src/engine';
import { matchTables, parseEntry, type CtEntry } from './conntrack-match';
import type { KernelCluster, ServerHit } from './build-cluster';
import { sh } from './netns';

/** The simulator's first source port (trace.ts EPHEMERAL_BASE): connection i uses it + i. */
const SIM_EPHEMERAL_BASE = 40000;
const CONNECT_TIMEOUT_MS = 1000;
const MAX_CONNECTIONS = 40;
const SEED_SEARCH = 400;

export interface ProbeReport {
  readonly probe: TraceRequest;
  readonly connections: number;
  readonly predicted: readonly string[];
  readonly observed: readonly string[];
  readonly disagreements: readonly string[];
}

interface KernelResult {
  readonly localPort: number;
  readonly answer?: { pod: string; src: string; sport: number; dst: string; dport: number };
  readonly error?: string;
}

const DROPPED = 'timeout (dropped)';
const REJECTED = 'refused (rejected)';
const UNHANDLED = 'not answered (unhandled: left the cluster as it came)';
const answered = (to: string, seen: string): string => `answered by ${to}, source seen ${seen}`;
const LOST_PREFIX = 'no answer:';
const lost = (to: string, seen: string): string => `${LOST_PREFIX} ${to} got it (source seen ${seen}) but its reply did not come back as the answer`;

interface Ends { readonly sourceHost: string; readonly ip: string; readonly port: number }

/**
 * What a connection's fate looks like from the client and the backend. A delivered packet is
 * an answer only if the reply walk ends at the client from the address and port it called
 * (un-NATed); otherwise the client's socket ignores it (UDP) or resets it (TCP).
 */
export function outcomeKey(o: TraceOutcome, ends: Ends): string {
  switch (o.verdict) {
    case 'delivered': {
      const last = [...o.hops].reverse().find((h) => h.leg === 'reply');
      const ok = last?.kind === 'deliver' && last.host === ends.sourceHost && last.packet.src === ends.ip && last.packet.sport === ends.port;
      return (ok ? answered : lost)(o.deliveredTo!, o.sourceSeenByDestination!);
    }
    case 'dropped': return DROPPED;
    case 'rejected': return REJECTED;
    default: return UNHANDLED;
  }
}

/**
 * The keys a kernel result can stand for, most likely first. A silent TCP connection whose
 * backend never completed the handshake cannot tell a drop from a lost reply at the client;
 * the conntrack tables decide between them.
 */
function kernelKeys(r: KernelResult, hits: readonly ServerHit[], proto: string, predicted: readonly string[]): string[] {
  if (r.answer) return [answered(`${r.answer.dst}:${r.answer.dport}`, r.answer.src)];
  if (r.error === 'timeout' && hits[0]) return [lost(`${hits[0].dst}:${hits[0].dport}`, hits[0].src)];
  if (r.error === 'timeout') return [DROPPED, UNHANDLED, ...(proto === 'TCP' ? predicted.filter((k) => k.startsWith(LOST_PREFIX)) : [])];
  if (r.error === 'unreachable') return [UNHANDLED, 'unreachable (ICMP)'];
  if (r.error === 'refused') return [REJECTED];
  return [`error: ${r.error}`];
}

/**
 * The hops of the connection itself: a probe to a name first walks the DNS exchange, which the
 * lane does not make (it connects to the address the simulator's DNS resolved).
 */
function connectionHops(o: TraceOutcome): TraceOutcome['hops'] {
  const resolved = o.hops.findLastIndex((h) => h.kind === 'dns' && h.event === 'result');
  return o.hops.slice(resolved + 1);
}

/** The simulator's conntrack entries of an outcome, per host: the last view of each entry its hops show. */
function simTables(o: TraceOutcome): Map<string, CtEntry[]> {
  const byHost = new Map<string, Map<string, CtEntry>>();
  for (const h of connectionHops(o)) {
    if (h.kind !== 'conntrack') continue;
    const e = parseEntry(h.entry);
    if (!e) continue;
    const key = `${e.orig.src}:${e.orig.sport}>${e.orig.dst}:${e.orig.dport}`;
    byHost.set(h.host, (byHost.get(h.host) ?? new Map()).set(key, e));
  }
  return new Map([...byHost].map(([h, m]) => [h, [...m.values()]]));
}

/** Ports the simulator chose at random (source NAT): variables in the comparison. */
function randomPorts(o: TraceOutcome): Set<number> {
  const ports = new Set<number>();
  for (const h of connectionHops(o)) if (h.kind === 'nat' && (h.nat === 'MASQUERADE' || h.nat === 'SNAT') && h.packet.sport !== h.before.sport) ports.add(h.packet.sport);
  return ports;
}

/**
 * Lists (and flushes) every node's conntrack table: /proc/net/nf_conntrack is `conntrack -L`
 * with the family in front, and ten times faster to read than a netlink dump. Whether the
 * kernel NATed an entry is read from its tuples: nf_nat_setup_info sets IPS_SRC_NAT and
 * IPS_DST_NAT only when it changed the tuple.
 */
async function kernelTables(kc: KernelCluster): Promise<Map<string, CtEntry[]>> {
  const script = kc.nodes.map(({ ns }) => `echo '## ${ns}'; nsenter --net=/run/netns/${ns} sh -c 'cat /proc/net/nf_conntrack; conntrack -F >/dev/null 2>&1'`).join('\n');
  const sections = new Map<string, string[]>();
  let current = '';
  for (const line of (await sh(script)).split('\n')) {
    if (line.startsWith('## ')) { current = line.slice(3); sections.set(current, []); continue; }
    if (line.startsWith('ipv4 ')) sections.get(current)!.push(line.replace(/^ipv4\s+2\s+/, ''));
  }
  const tables = new Map<string, CtEntry[]>();
  for (const { host, ns } of kc.nodes) {
    const entries = (sections.get(ns) ?? []).map((l) => parseEntry(l)).filter((e): e is CtEntry => !!e && !kc.underlay(e));
    if (entries.length) tables.set(host, entries);
  }
  return tables;
}

/** The rules with non-zero packet counters on every node since the probe started. */
async function kernelRulesHit(kc: KernelCluster): Promise<string> {
  const parts = await Promise.all(kc.nodes.map(async ({ host, ns }) => {
    const save = await sh(`ip netns exec ${ns} iptables-save -c`);
    const hit = save.split('\n').filter((l) => /^\[[1-9]\d*:\d+\] -A /.test(l));
    return `  ${host}:\n${hit.map((l) => `    ${l}`).join('\n')}`;
  }));
  return parts.join('\n');
}

/** Zeroes rule counters and forgets xt_recent lists on every node: each probe starts fresh, as traceAll does. */
async function resetNodes(kc: KernelCluster): Promise<void> {
  await sh(kc.nodes.map(({ ns }) => `ip netns exec ${ns} sh -c 'for t in filter nat mangle; do iptables -t $t -Z; done; `
    + `for f in /proc/net/xt_recent/*; do [ -e "$f" ] && echo / > "$f"; done; conntrack -F >/dev/null 2>&1; true'`).join('\n'));
}

const tableText = (tables: ReadonlyMap<string, readonly CtEntry[]>): string =>
  [...tables].map(([h, es]) => es.map((e) => `    ${h}: ${e.text}${e.snat ? ' (src-nat)' : ''}${e.dnat ? ' (dst-nat)' : ''}`).join('\n')).join('\n') || '    (none)';

const rulesOf = (o: TraceOutcome): string =>
  o.hops.filter((h) => h.kind === 'rule').map((h) => `    ${h.host} ${h.leg} ${h.kind === 'rule' ? `${h.table} ${h.chain}: ${h.text}` : ''}`).join('\n');

/** The state after the connection took the outcome the kernel took. */
function stateAfter(ctx: TraceContext, plan: Parameters<typeof traceSeeded>[1], ends: Ends, before: SimState, connection: number, key: string, first: { key: string; state: SimState }): SimState | undefined {
  let state: SimState | undefined = key === first.key ? first.state : undefined;
  for (let seed = 1; !state && seed <= SEED_SEARCH; seed++) {
    const r = traceSeeded(ctx, plan, { state: before, connection, seed });
    if (outcomeKey(r.outcomes[0]!, ends) === key) state = r.state;
  }
  // The kernel's table is flushed after every connection; so is the simulator's.
  return state && { ...state, conntrack: {} };
}

export interface ProbeOptions {
  /** Fewest connections, even when every outcome was seen sooner (affinity wants several). */
  readonly minConnections?: number;
}

export async function compareProbe(ctx: TraceContext, kc: KernelCluster, probe: TraceRequest, options: ProbeOptions = {}): Promise<ProbeReport> {
  const plan = planTrace(ctx, probe);
  if (!plan.ok) return { probe, connections: 0, predicted: [], observed: [], disagreements: [`the simulator cannot run the probe: ${plan.error}`] };
  const dest = plan.value.dest;
  const podByIP = new Map(ctx.cluster.pods.map((p) => [p.status?.podIP, p.metadata.name]));
  const agent = await kc.agent(plan.value.source.host);
  await resetNodes(kc);
  const disagreements: string[] = [];
  const observed = new Set<string>();
  let state: SimState = initialState();
  let predictedKeys: string[] = [];
  let n = 0;
  const ends: Ends = { sourceHost: plan.value.source.host, ip: dest.ip, port: dest.port };
  const lb = plan.value.source.host.startsWith('client/') ? kc.lb.lbFor(dest.ip) : undefined;
  for (; n < MAX_CONNECTIONS; n++) {
    const sim = traceAll(ctx, plan.value, { state, connection: n });
    predictedKeys = sim.outcomes.map((o) => outcomeKey(o, ends));
    // Through a load balancer: the lane picks its target, cycling through the ones the
    // simulator may pick, and compares with the outcomes of that pick.
    let outcomes = sim.outcomes;
    let steered = '';
    if (lb) {
      const targets = [...new Set(sim.outcomes.flatMap((o) => o.hops.flatMap((h) => (h.kind === 'lb' && h.event === 'pick' && h.target ? [h.target] : []))))];
      const target = targets[n % Math.max(1, targets.length)];
      const ip = target ? lb.targets.find((t) => t.host === target)?.ip : undefined;
      await kc.lb.steer(lb.host, ip);
      if (target) outcomes = sim.outcomes.filter((o) => o.hops.some((h) => h.kind === 'lb' && h.event === 'pick' && h.target === target));
      steered = ` via ${lb.host} to ${target ?? '(no target)'}`;
    }
    const min = options.minConnections ?? (predictedKeys.some((k) => !k.startsWith('answered')) ? 2 : 3);
    kc.serverHits();
    agent.child.stdin!.write(`${JSON.stringify({ id: n, ip: dest.ip, port: dest.port, proto: dest.proto, timeoutMs: CONNECT_TIMEOUT_MS })}\n`);
    const result = JSON.parse(await agent.nextLine(CONNECT_TIMEOUT_MS + 10_000)) as KernelResult;
    const tables = await kernelTables(kc);
    const hits = kc.serverHits();
    const problems: string[] = [];
    // The first key the simulator predicts whose conntrack entries are the kernel's.
    const candidates = kernelKeys(result, hits, dest.proto, outcomes.map((o) => outcomeKey(o, ends)));
    let key = candidates[0]!;
    let outcome: TraceOutcome | undefined;
    let ctProblem = '';
    for (const k of candidates) {
      const o = outcomes.find((x) => outcomeKey(x, ends) === k);
      if (!o) continue;
      const simCt = simTables(o);
      const bound = matchTables(simCt, tables, new Set([SIM_EPHEMERAL_BASE + n, ...randomPorts(o)]), new Map([[SIM_EPHEMERAL_BASE + n, result.localPort]]));
      if (bound || !outcome) { key = k; outcome = o; ctProblem = bound ? '' : `conntrack differs\n  simulator:\n${tableText(simCt)}\n  kernel:\n${tableText(tables)}`; }
      if (bound) break;
    }
    observed.add(key);
    if (!outcome) problems.push(`the kernel's result is not among the simulator's outcomes`);
    if (ctProblem) problems.push(ctProblem);
    const seen = result.answer ?? hits[0];
    if (outcome && seen && podByIP.get(seen.dst) !== seen.pod) problems.push(`reached pod ${seen.pod}; the simulator's pod at ${seen.dst} is ${podByIP.get(seen.dst)}`);
    if (outcome && outcome.verdict === 'delivered') {
      const kernelMasq = [...tables.values()].flat().some((e) => e.snat);
      if (outcome.masqueraded !== kernelMasq) problems.push(`masquerade: simulator ${outcome.masqueraded}, kernel ${kernelMasq}`);
    }
    if (problems.length) {
      disagreements.push([
        `${probe.from} -> ${probe.to} (${dest.proto} ${dest.ip}:${dest.port}), connection ${n} from port ${result.localPort}${steered}:`,
        `  kernel: ${key}${seen ? ` (pod ${seen.pod}, seen ${seen.src}:${seen.sport})` : ''}`,
        `  simulator predicted: ${outcomes.map((o) => outcomeKey(o, ends)).join(' | ')}`,
        ...problems.map((p) => `  ${p}`),
        ...(outcome ? [`  simulator rules matched:\n${rulesOf(outcome)}`] : outcomes.map((o) => `  simulator rules for "${outcomeKey(o, ends)}":\n${rulesOf(o)}`)),
        `  kernel rules with packets (this probe):\n${await kernelRulesHit(kc)}`,
      ].join('\n'));
      n++;
      break;
    }
    const next = stateAfter(ctx, plan.value, ends, state, n, key, { key: predictedKeys[0]!, state: sim.state });
    if (!next) { disagreements.push(`${probe.from} -> ${probe.to}: no seed makes the simulator take "${key}"`); n++; break; }
    state = next;
    if (n + 1 >= min && predictedKeys.every((k) => observed.has(k))) { n++; break; }
  }
  if (!disagreements.length) {
    const missing = predictedKeys.filter((k) => !observed.has(k));
    if (missing.length) disagreements.push(`${probe.from} -> ${probe.to}: after ${n} connections the kernel never showed: ${missing.join(' | ')} (it showed ${[...observed].join(' | ')})`);
  }
  return { probe, connections: n, predicted: predictedKeys, observed: [...observed], disagreements };
}

// The tracer's entry points: one connection's first packet from its source to its end and
// the answer back, with a seeded pick at every random choice, or every possible outcome
// with its probability (`--all`). State (conntrack, xt_recent) carries across connections,
// so affinity and established connections behave as on a real cluster.

import type { Protocol } from '../model/k8s';
import { advanceClock } from '../conntrack';
import { enumerateOutcomes, mergeOutcomes, seededChooser, type Chooser } from '../netfilter';
import { parseIP } from '../net/ip';
import { createRandom } from '../random';
import type { TraceContext } from './context';
import { resolveDestination, resolveSource, type Destination, type Resolved, type Source } from './endpoints';
import { endpointText, initialState, pushHop, type End, type Run, type SimState, type WalkPacket } from './run';
import type { TraceOutcome, TraceRequest } from './types';
import { arrive, sendFrom } from './walk';
import { nameDestination, planName, type NamePlan } from './dns-plan';
import { walkDNS } from './dns-walk';

/** A connection's source port: a fixed ephemeral port per connection, so traces stay readable. */
const EPHEMERAL_BASE = 40000;
/** Simulated time between connections of one run. */
const CONNECTION_GAP_MS = 1000;

interface Plan {
  readonly source: Source;
  readonly dest: Destination;
  /** For `--to NAME:PORT`: the pod resolves the name first (dns-plan.ts). */
  readonly dns?: NamePlan;
}

export function planTrace(ctx: TraceContext, request: TraceRequest): Resolved<Plan> {
  const source = resolveSource(ctx.cluster, ctx.network, request.from);
  if (!source.ok) return source;
  const name = nameDestination(request.to);
  if (name) {
    const named = planName(ctx, source.value, request.from, name, request.proto);
    return named.ok ? { ok: true, value: { source: source.value, ...named.value } } : named;
  }
  const dest = resolveDestination(ctx.cluster, request.to, request.proto);
  if (!dest.ok) return dest;
  return { ok: true, value: { source: source.value, dest: dest.value } };
}

const lower = (p: Protocol): WalkPacket['proto'] => (p === 'TCP' ? 'tcp' : p === 'UDP' ? 'udp' : 'sctp');

/** Which packet of the connection is traced: its opening SYN, or a segment of it once established. */
interface Which {
  readonly seed: number;
  readonly connection: number;
  readonly established: boolean;
}

function firstPacket(plan: Plan, { connection, established }: Which): WalkPacket {
  const family = parseIP(plan.dest.ip)?.family ?? 4;
  return {
    family, proto: lower(plan.dest.proto), src: plan.source.ip ?? ('' as WalkPacket['src']), sport: EPHEMERAL_BASE + connection,
    dst: plan.dest.ip, dport: plan.dest.port, mark: 0, ...(plan.dest.proto === 'TCP' && { tcpFlags: established ? 'ACK' as const : 'SYN' as const }),
  };
}

function start(run: Run, plan: Plan, p: WalkPacket): End {
  const { arrival } = plan.source;
  if (!arrival) return sendFrom(run, plan.source.host, p);
  pushHop(run, plan.source.host, p, { kind: 'emit', iface: arrival.iface });
  return arrive(run, plan.source.host, arrival.iface, p, arrival.linkDst);
}

/** The answer: the destination swaps the addresses and sends it back the way conntrack knows. */
function answer(run: Run, end: Extract<End, { kind: 'delivered' }>): End {
  run.leg = 'reply';
  const p = end.packet;
  const flags = p.tcpFlags === 'SYN' ? 'SYN-ACK' as const : 'ACK' as const;
  return sendFrom(run, end.host, {
    ...p, src: p.dst, sport: p.dport, dst: p.src, dport: p.sport, mark: 0, ...(p.proto === 'tcp' && { tcpFlags: flags }),
  });
}

/** The handshake's last ACK, walked silently: it only moves conntrack to ESTABLISHED. */
function finishHandshake(run: Run, plan: Plan, first: WalkPacket, sentFrom: WalkPacket): void {
  if (first.proto !== 'tcp') return;
  const silent: Run = { ...run, hops: undefined, leg: 'orig', steps: 0 };
  start(silent, plan, { ...first, src: sentFrom.src, tcpFlags: 'ACK' });
  run.state = silent.state;
}

interface ConnectionResult {
  readonly outcome: Omit<TraceOutcome, 'probability'>;
  readonly state: SimState;
}

function runConnection(ctx: TraceContext, plan: Plan, state: SimState, choose: Chooser, which: Which): ConnectionResult {
  const { seed, connection } = which;
  const run: Run = { ctx: plan.dns?.ctx ?? ctx, state, choose, random: createRandom(seed + connection), leg: 'orig', hops: [], rulesWalked: 0, masqueraded: false, steps: 0 };
  const lost = plan.dns && walkDNS(run, plan.source.host, plan.source.ip!, plan.dns, connection);
  if (lost) return { outcome: { ...outcomeOf(run, lost), replyReturned: false }, state: run.state };
  const sent = run.hops!.length;
  const first = firstPacket(plan, which);
  const end = start(run, plan, first);
  let replyReturned = false;
  if (end.kind === 'delivered') {
    const back = answer(run, end);
    replyReturned = back.kind === 'delivered' && answersTheCall(run, back, first);
    const emitted = run.hops![sent]!.packet;
    if (replyReturned && !which.established) finishHandshake(run, plan, first, { ...first, src: emitted.src });
  }
  return { outcome: { ...outcomeOf(run, end), replyReturned }, state: run.state };
}

/**
 * Does the answer come from the address the source called? If conntrack on the way back
 * did not un-NAT it (it came back another way), no socket of the source matches it and the
 * source's kernel resets it (TCP RST; for UDP, ICMP port unreachable).
 */
function answersTheCall(run: Run, back: Extract<End, { kind: 'delivered' }>, first: WalkPacket): boolean {
  const p = back.packet;
  if (p.src === first.dst && p.sport === first.dport) return true;
  const reason = `the answer comes from ${endpointText(p.src, p.sport)}, not ${endpointText(first.dst, first.dport)} that was called: ` +
    `no socket matches, so the kernel answers with ${p.proto === 'tcp' ? 'a TCP reset' : 'ICMP port unreachable'}`;
  pushHop(run, back.host, p, { kind: 'reject', reason, decidedBy: { component: 'kernel', rule: reason } });
  return false;
}

function outcomeOf(run: Run, end: End): Omit<TraceOutcome, 'probability' | 'replyReturned'> {
  const delivered = end.kind === 'delivered' ? end.packet : undefined;
  return {
    verdict: end.kind,
    dnat: run.dnat ?? null,
    snat: run.snat ?? null,
    masqueraded: run.masqueraded,
    deliveredTo: delivered ? endpointText(delivered.dst, delivered.dport) : null,
    sourceSeenByDestination: delivered?.src ?? null,
    ...(end.kind === 'dropped' || end.kind === 'rejected' ? { decidedBy: end.decidedBy } : {}),
    rulesWalked: run.rulesWalked,
    hops: run.hops!,
  };
}

export interface TraceOptions {
  /** Seed of the random picks (iptables statistic, ports); default 1. */
  readonly seed?: number;
  /** Kernel state left by earlier connections; default: a freshly booted cluster. */
  readonly state?: SimState;
  /** Index of this connection in a run (its source port and the clock depend on it). */
  readonly connection?: number;
  /**
   * Trace a segment of connection `connection`, already open in `state`, instead of opening
   * it: conntrack then decides, not the rules, so the connection keeps its endpoint even if
   * the Service changed since.
   */
  readonly established?: boolean;
}

export interface TraceResult {
  readonly outcomes: readonly TraceOutcome[];
  /** The state after the connection (for `--all`, after the first outcome listed). */
  readonly state: SimState;
}

const whichOf = (o: TraceOptions): Which => ({ seed: o.seed ?? 1, connection: o.connection ?? 0, established: o.established ?? false });

function prepared(options: TraceOptions): SimState {
  const state = options.state ?? initialState();
  if (!options.state) return state;
  const conntrack = Object.fromEntries(Object.entries(state.conntrack).map(([h, t]) => [h, advanceClock(t, CONNECTION_GAP_MS)]));
  return { ...state, now: state.now + CONNECTION_GAP_MS, conntrack };
}

/** One seeded pick at every random choice. */
export function traceSeeded(ctx: TraceContext, plan: Plan, options: TraceOptions = {}): TraceResult {
  const seed = options.seed ?? 1;
  const state = prepared(options);
  // Each connection of a run draws its own picks (connection 0 keeps the seed as given).
  const choose = seededChooser(createRandom((seed ^ Math.imul(options.connection ?? 0, 0x9e3779b1)) >>> 0));
  const result = runConnection(ctx, plan, state, choose, whichOf(options));
  return { outcomes: [{ probability: 1, ...result.outcome }], state: result.state };
}

const outcomeKey = (o: Omit<TraceOutcome, 'probability'>): string =>
  JSON.stringify([o.verdict, o.dnat, o.snat, o.masqueraded, o.deliveredTo, o.sourceSeenByDestination, o.replyReturned, o.decidedBy?.rule ?? null]);

/** Every possible outcome with its probability; the same set whatever the seed. */
export function traceAll(ctx: TraceContext, plan: Plan, options: TraceOptions = {}): TraceResult {
  const state = prepared(options);
  const enumeration = enumerateOutcomes((choose) => runConnection(ctx, plan, state, choose, whichOf(options)));
  const merged = mergeOutcomes(enumeration.outcomes, (r) => outcomeKey(r.outcome));
  const outcomes = merged.map((m) => ({ probability: m.probability, ...m.value.outcome }));
  return { outcomes, state: merged[0]?.value.state ?? state };
}

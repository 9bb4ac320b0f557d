// One netfilter hook on a host: the node's generated rules run through the evaluator
// (src/engine/netfilter), NAT bound in conntrack and applied to the packet as nf_nat does it
// (destination at PREROUTING/OUTPUT, source at POSTROUTING/INPUT; replies un-NATed from the
// entry), and every matched rule written as a hop.

import { bindHookNat, natPacket } from '../conntrack';
import { evaluateHook, findChain, type Decider, type Hook, type HookResult, type Packet, type Ruleset } from '../netfilter';
import { ctDiscard, setTable, tableOf, type CtRef } from './ct';
import { endpointText, hopPacket, pushHop, setState, type End, type Run, type WalkPacket } from './run';
import type { DecidedBy, Hop } from './types';

/** The devices a hook sees the packet on. */
export interface HookIO {
  readonly in?: string;
  readonly out?: string;
  readonly physIn?: string;
  readonly physOut?: string;
  readonly bridged?: boolean;
  /** OUTPUT: the device after the kernel re-routes a DNATed packet. */
  readonly reroute?: (p: Packet) => string | undefined;
}

const MANIP: Partial<Record<Hook, 'dst' | 'src'>> = { PREROUTING: 'dst', OUTPUT: 'dst', POSTROUTING: 'src', INPUT: 'src' };

function nfPacket(p: WalkPacket, io: HookIO): Packet {
  return {
    family: p.family, src: p.src, dst: p.dst, proto: p.proto, sport: p.sport, dport: p.dport, mark: p.mark,
    ...(io.in && { inIface: io.in }), ...(io.out && { outIface: io.out }),
    ...(io.physIn && { physIn: io.physIn }), ...(io.physOut && { physOut: io.physOut }), ...(io.bridged && { bridged: true }),
  };
}

const ruleAt = (rs: Ruleset, table: string, chain: string, index: number) => findChain(rs, table, chain)?.rules[index];

/** The deciding rule's `-m comment --comment`: kube-proxy says there why it drops ("has no endpoints"). */
function commentOf(rs: Ruleset, d: Decider | undefined): string | undefined {
  const rule = d?.rule && ruleAt(rs, d.rule.table, d.rule.chain, d.rule.index);
  const match = rule?.matches.find((m) => m.module === 'comment');
  return match?.module === 'comment' ? match.comment : undefined;
}

export function decidedByOf(rs: Ruleset, d: Decider | undefined): DecidedBy {
  if (!d) return { component: 'kernel' };
  const rule = d.rule && ruleAt(rs, d.rule.table, d.rule.chain, d.rule.index);
  const component = d.chain.startsWith('KUBE-') ? 'kube-proxy' : 'kernel';
  return { component, table: d.table, chain: d.chain, ...(rule ? { rule: rule.text, line: rule.line } : { rule: `policy ${d.policy ?? 'ACCEPT'}` }) };
}

function recordHops(run: Run, host: string, rs: Ruleset, p: WalkPacket, r: HookResult): void {
  const verdict = r.verdict.kind;
  pushHop(run, host, p, { kind: 'hook', hook: r.hook, tables: r.tables.map((t) => t.table), rulesWalked: r.rulesWalked, verdict });
  for (const step of r.walk.filter((s) => s.matched)) {
    const rule = ruleAt(rs, step.table, step.chain, step.from);
    if (rule) pushHop(run, host, p, { kind: 'rule', hook: r.hook, table: step.table, chain: step.chain, line: rule.line, text: rule.text });
  }
}

function natKind(run: Run, manip: 'dst' | 'src', r: HookResult): Extract<Hop, { kind: 'nat' }>['nat'] {
  if (run.leg === 'reply') return manip === 'dst' ? 'un-SNAT' : 'un-DNAT';
  return manip === 'dst' ? 'DNAT' : r.nat.snat?.target ?? 'SNAT';
}

/** Binds the NAT this hook chose and rewrites the packet as conntrack's binding says. */
function applyNat(run: Run, host: string, ct: CtRef, r: HookResult, p: WalkPacket): WalkPacket {
  const marked = { ...p, mark: r.packet.mark };
  const manip = MANIP[r.hook];
  if (!manip || ct.entryId === undefined || !ct.direction) return marked;
  const bound = bindHookNat(tableOf(run, host), ct.entryId, r, run.random);
  setTable(run, host, bound.table);
  const entry = bound.entry;
  if (!entry) return marked;
  const after = natPacket(entry, ct.direction, manip, marked);
  if (run.leg === 'orig' && r.nat.snat?.target === 'MASQUERADE') run.masqueraded = true;
  if (after.src === p.src && after.sport === p.sport && after.dst === p.dst && after.dport === p.dport) return after;
  if (run.leg === 'orig' && manip === 'dst') run.dnat ??= endpointText(after.dst, after.dport);
  if (run.leg === 'orig' && manip === 'src') run.snat ??= after.src;
  pushHop(run, host, after, { kind: 'nat', hook: r.hook, nat: natKind(run, manip, r), before: hopPacket(p) });
  return after;
}

/** Runs a hook on a kube-proxy host; hosts without rules pass the packet as it is. */
export function runHook(run: Run, host: string, hook: Hook, p: WalkPacket, ct: CtRef, io: HookIO): WalkPacket | End {
  const rs = run.ctx.ruleset(host, p.family);
  if (!rs) return p;
  const r = evaluateHook(rs, {
    hook, packet: nfPacket(p, io), host: run.ctx.hostContext(host), conn: ct.conn, choose: run.choose,
    recent: run.state.recent[host] ?? {}, now: run.state.now, ...(io.reroute && { reroute: io.reroute }),
  });
  run.rulesWalked += r.rulesWalked;
  // xt_recent lists change only when a recent match sets or updates them: most hooks keep the host's.
  if (run.state.recent[host] !== r.recent) setState(run, { recent: { ...run.state.recent, [host]: r.recent } });
  recordHops(run, host, rs, p, r);
  if (r.verdict.kind !== 'ACCEPT') {
    ctDiscard(run, ct);
    const decidedBy = decidedByOf(rs, r.decidedBy);
    const said = commentOf(rs, r.decidedBy) ?? (r.verdict.kind === 'DROP' ? r.verdict.reason : undefined) ?? decidedBy.rule ?? 'dropped';
    const reason = r.verdict.kind === 'REJECT' ? `${said} (${r.verdict.rejectWith})` : said;
    pushHop(run, host, p, { kind: r.verdict.kind === 'REJECT' ? 'reject' : 'drop', reason, decidedBy });
    return { kind: r.verdict.kind === 'REJECT' ? 'rejected' : 'dropped', decidedBy, reason };
  }
  ct.conn = r.conn;
  return applyNat(run, host, ct, r, p);
}

export const isEnd = (x: WalkPacket | End): x is End => 'kind' in x;

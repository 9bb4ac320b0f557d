// Runs a packet through one netfilter hook the way the kernel does: the tables registered
// at that hook in priority order (raw -300, mangle -150, nat -100 for DNAT / +100 for SNAT,
// filter 0, security 50), each table walked as ipt_do_table walks it (rules in order,
// jumps push a return point, -g does not, RETURN or the end of a user chain pops, the end
// of a built-in chain applies its policy; ACCEPT ends the table, DROP/REJECT end the hook).
// The nat table is consulted only while a connection's NAT binding for that direction is
// not yet set up: for the first packet (ctstate NEW or RELATED), as nf_nat_inet_fn does.
// DNAT rewrites the packet at once, so later tables at the hook see the new destination.

import type { Decider, HookResult, MarkChange, NatDecision, RandomDraw, RecentOp, TableOutcome, Verdict, WalkStep } from './eval-types';
import { parsedAddrs, ruleMatches, type MatchEnv } from './match';
import type { Chooser, ConnInfo, HostContext, Packet, RecentLists } from './packet';
import { chainIndex, findChain, nextCandidate, packetKeys } from './rule-index';
import { applyTarget, type TargetEffects } from './targets';
import { ruleRef, type Chain, type Hook, type Ruleset, type TableName } from './types';

export const HOOK_TABLES: Readonly<Record<Hook, readonly TableName[]>> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'security', 'nat'],
  FORWARD: ['mangle', 'filter', 'security'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter', 'security'],
  POSTROUTING: ['mangle', 'nat'],
};

export interface EvaluateInput {
  readonly hook: Hook;
  readonly packet: Packet;
  readonly host: HostContext;
  readonly conn: ConnInfo;
  readonly choose: Chooser;
  readonly recent?: RecentLists;
  /** Simulation clock in ms (xt_recent timestamps). */
  readonly now?: number;
  /** After OUTPUT's DNAT changes the destination, the kernel re-routes: the new output device. */
  readonly reroute?: (p: Packet) => string | undefined;
}

interface Run extends TargetEffects {
  readonly rs: Ruleset;
  readonly env: MatchEnv;
  readonly walk: WalkStep[];
  readonly recentOps: RecentOp[];
  readonly random: RandomDraw[];
  rulesWalked: number;
}

function record(run: Run, table: TableName, chain: string, from: number, to: number, matched: boolean): void {
  if (to < from) return;
  run.rulesWalked += to - from + 1;
  const last = run.walk[run.walk.length - 1];
  if (!matched && last && !last.matched && last.table === table && last.chain === chain && last.to === from - 1) {
    run.walk[run.walk.length - 1] = { ...last, to };
  } else run.walk.push({ table, chain, from, to, matched });
}

interface Frame { readonly chain: Chain; readonly next: number }

/** ipt_do_table for one table at one hook. */
function runTable(run: Run, table: TableName, hook: Hook): TableOutcome {
  const base = findChain(run.rs, table, hook)!;
  const stack: Frame[] = [];
  let chain = base;
  let index = chainIndex(chain);
  let i = 0;
  // The index keys of the packet, recomputed only when a target replaces the packet.
  let keyed = run.env.packet;
  let keys = packetKeys(keyed);
  for (;;) {
    if (run.env.packet !== keyed) { keyed = run.env.packet; keys = packetKeys(keyed); }
    const j = nextCandidate(index, chain, i, keys);
    record(run, table, chain.name, i, j - 1, false);
    if (j >= chain.rules.length) {
      const frame = stack.pop();
      if (!frame) return { table, verdict: { kind: base.policy ?? 'ACCEPT' }, decidedBy: { table, chain: hook, policy: base.policy ?? 'ACCEPT' } };
      chain = frame.chain; index = chainIndex(chain); i = frame.next;
      continue;
    }
    const rule = chain.rules[j]!;
    if (!ruleMatches(rule, run.env)) { record(run, table, chain.name, j, j, false); i = j + 1; continue; }
    record(run, table, chain.name, j, j, true);
    const step = applyTarget(rule, run);
    if (step.kind === 'continue') { i = j + 1; continue; }
    if (step.kind === 'verdict') return { table, verdict: step.verdict, decidedBy: { table, chain: chain.name, rule: ruleRef(rule) } };
    if (step.kind === 'return') { i = chain.rules.length; continue; }
    if (step.kind === 'jump') stack.push({ chain, next: j + 1 });
    chain = findChain(run.rs, table, step.chain)!;
    index = chainIndex(chain);
    i = 0;
  }
}

const natManip = (hook: Hook): 'dst' | 'src' => (hook === 'PREROUTING' || hook === 'OUTPUT' ? 'dst' : 'src');

/** nf_nat_inet_fn: the nat table runs only for a new (or related) connection not yet bound. */
function natApplies(conn: ConnInfo, hook: Hook): boolean {
  if (conn.state !== 'NEW' && conn.state !== 'RELATED') return false;
  return !conn.natDone?.[natManip(hook)];
}

function markNatDone(conn: ConnInfo, hook: Hook): ConnInfo {
  const done = conn.natDone ?? { dst: false, src: false };
  return { ...conn, natDone: { ...done, [natManip(hook)]: true } };
}

// The match callbacks come from factories rather than inline arrows in newRun: tsx (esbuild
// keepNames) names every inline arrow as it is created, a cost paid on every hook.
const recordRecent = (ops: RecentOp[]): MatchEnv['onRecent'] => (rule, m, address, matched) => {
  ops.push({ rule: ruleRef(rule), name: m.name, mode: m.mode, address, matched });
};
const recordRandom = (draws: RandomDraw[]): MatchEnv['onRandom'] => (rule, probability, hit) => {
  draws.push({ rule: ruleRef(rule), probability, hit });
};

function newRun(rs: Ruleset, input: EvaluateInput): Run {
  const recentOps: RecentOp[] = [];
  const random: RandomDraw[] = [];
  return {
    rs, walk: [], rulesWalked: 0, nat: {} as NatDecision, marks: [] as MarkChange[],
    recentOps, random, host: input.host,
    env: {
      host: input.host, choose: input.choose, now: input.now ?? 0, packet: input.packet,
      addrs: parsedAddrs(input.packet), conn: input.conn, recent: input.recent ?? {},
      onRecent: recordRecent(recentOps), onRandom: recordRandom(random),
    },
  };
}

function afterNat(run: Run, input: EvaluateInput, before: Packet): void {
  run.env.conn = markNatDone(run.env.conn, input.hook);
  const p = run.env.packet;
  if (p.dst === before.dst && p.dport === before.dport) return;
  run.env.addrs = parsedAddrs(p);
  if (input.hook === 'OUTPUT' && input.reroute) {
    const outIface = input.reroute(p);
    run.env.packet = { ...p, ...(outIface !== undefined && { outIface }) };
  }
}

/** Evaluates the packet at one hook across every table registered there. */
export function evaluateHook(rs: Ruleset, input: EvaluateInput): HookResult {
  const run = newRun(rs, input);
  const tables: TableOutcome[] = [];
  let verdict: Verdict = { kind: 'ACCEPT' };
  let decidedBy: Decider | undefined;
  for (const table of HOOK_TABLES[input.hook]) {
    if (!rs.tables.some((t) => t.name === table)) continue;
    const isNat = table === 'nat';
    if (isNat && !natApplies(run.env.conn, input.hook)) continue;
    const before = run.env.packet;
    const outcome = runTable(run, table, input.hook);
    tables.push(outcome);
    if (isNat) afterNat(run, input, before);
    if (outcome.verdict.kind !== 'ACCEPT') { verdict = outcome.verdict; decidedBy = outcome.decidedBy; break; }
  }
  return {
    hook: input.hook, verdict, ...(decidedBy && { decidedBy }), tables, packet: run.env.packet, conn: run.env.conn,
    nat: run.nat, marks: run.marks, recent: run.env.recent, recentOps: run.recentOps, random: run.random,
    walk: run.walk, rulesWalked: run.rulesWalked,
  };
}

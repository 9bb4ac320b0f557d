// The load balancer's flow table: which target each connection went to, and the rewrite to
// undo on its answers. Cloud load balancers keep per-flow state the way conntrack does (Maglev's
// connection tracking table, the NLB's Hyperplane flows), so the table is a conntrack table
// (src/engine/conntrack) on the LB's host: the entry's original tuple is the client's, its
// reply tuple what the target answers with, and its mark the index of the target (+1).

import { confirmConntrack, conntrackIn, natPacket, setupNat, type ConntrackEntry, type ConntrackTable, type CtPacket } from '../conntrack';
import { replaceEntry } from '../conntrack/table';
import type { IP } from '../net/ip';
import type { Random } from '../random';

export interface FlowLookup {
  readonly table: ConntrackTable;
  readonly entry?: ConntrackEntry;
  readonly direction?: 'orig' | 'reply';
  /** The packet opened a new flow (the entry is unconfirmed until bound). */
  readonly isNew: boolean;
}

export function flowIn(table: ConntrackTable, p: CtPacket): FlowLookup {
  const known = table.entries.length;
  const r = conntrackIn(table, p);
  return { table: r.table, isNew: r.table.entries.length > known, ...(r.entry && { entry: r.entry }), ...(r.direction && { direction: r.direction }) };
}

export interface Rewrite {
  readonly dst?: { readonly ip: IP; readonly port: number };
  readonly src?: IP;
}

/** Records the flow's target and rewrite on its new entry and makes the entry visible. */
export function bindFlow(table: ConntrackTable, entry: ConntrackEntry, target: number, rewrite: Rewrite, random: Random): { table: ConntrackTable; entry: ConntrackEntry } {
  let t = replaceEntry(table, { ...entry, mark: target + 1 });
  t = setupNat(t, entry.id, rewrite.dst ? { manip: 'dst', ...rewrite.dst } : { manip: 'dst', none: true }, random).table;
  t = setupNat(t, entry.id, rewrite.src ? { manip: 'src', ip: rewrite.src } : { manip: 'src', none: true }, random).table;
  t = confirmConntrack(t, entry.id);
  return { table: t, entry: t.entries.find((e) => e.id === entry.id)! };
}

/** The flow's target index, from the mark bindFlow set. */
export const flowTarget = (entry: ConntrackEntry): number => entry.mark - 1;

/** The packet as the flow's binding rewrites it in this direction (both halves). */
export function translate<P extends CtPacket>(entry: ConntrackEntry, direction: 'orig' | 'reply', p: P): P {
  return natPacket(entry, direction, 'src', natPacket(entry, direction, 'dst', p));
}

// The conntrack table's life cycle, after net/netfilter/nf_conntrack_core.c: a packet is
// looked up by its tuple in either direction (nf_conntrack_in, resolve_normal_ct); a
// packet with no entry gets a new, unconfirmed one, which only becomes visible to other
// packets when the packet leaves the stack and the entry is confirmed (at the end of
// POSTROUTING or INPUT: __nf_conntrack_confirm), or vanishes if the packet is dropped.
// ctinfo is NEW until a reply has been seen, ESTABLISHED after; every accepted packet
// refreshes the entry's timeout. Entries expire on the simulated clock.

import type { ConnInfo } from '../netfilter/packet';
import { KERNEL_TIMEOUTS } from './timeouts';
import { protocolUpdate, type Direction } from './protocols';
import type { ConntrackEntry, ConntrackTable, ConntrackTimeouts, CtPacket, Tuple } from './types';

export function createConntrackTable(options: { timeouts?: ConntrackTimeouts; now?: number } = {}): ConntrackTable {
  return { now: options.now ?? 0, nextId: 1, entries: [], timeouts: options.timeouts ?? KERNEL_TIMEOUTS };
}

export const tupleOf = (p: CtPacket): Tuple => ({ src: p.src, dst: p.dst, proto: p.proto, sport: p.sport ?? 0, dport: p.dport ?? 0 });

export const invertTuple = (t: Tuple): Tuple => ({ src: t.dst, dst: t.src, proto: t.proto, sport: t.dport, dport: t.sport });

export const tupleEqual = (a: Tuple, b: Tuple): boolean =>
  a.src === b.src && a.dst === b.dst && a.proto === b.proto && a.sport === b.sport && a.dport === b.dport;

export interface Lookup { readonly entry: ConntrackEntry; readonly direction: Direction }

/** The confirmed, unexpired entry holding `tuple` in either direction. */
export function lookupConntrack(table: ConntrackTable, tuple: Tuple, zone = 0): Lookup | undefined {
  for (const entry of table.entries) {
    if (!entry.status.confirmed || entry.zone !== zone || entry.expires <= table.now) continue;
    if (tupleEqual(entry.orig, tuple)) return { entry, direction: 'orig' };
    if (tupleEqual(entry.reply, tuple)) return { entry, direction: 'reply' };
  }
  return undefined;
}

export const replaceEntry = (table: ConntrackTable, entry: ConntrackEntry): ConntrackTable =>
  ({ ...table, entries: table.entries.map((e) => (e.id === entry.id ? entry : e)) });

export const findEntry = (table: ConntrackTable, id: number): ConntrackEntry | undefined => table.entries.find((e) => e.id === id);

/** What xt_conntrack sees for a packet of this entry in this direction. */
export function connInfoOf(entry: ConntrackEntry, direction: Direction): ConnInfo {
  const state = direction === 'reply' || entry.status.seenReply ? 'ESTABLISHED' : 'NEW';
  return {
    state, dnat: entry.status.dstNat, snat: entry.status.srcNat,
    natDone: { dst: entry.status.dstNatDone, src: entry.status.srcNatDone },
  };
}

export interface ConntrackIn {
  readonly table: ConntrackTable;
  /** The entry the packet belongs to (a new one is unconfirmed); absent for an invalid packet. */
  readonly entry?: ConntrackEntry;
  readonly direction?: Direction;
  readonly conn: ConnInfo;
}

const INVALID: ConnInfo = { state: 'INVALID', dnat: false, snat: false };

function newEntry(table: ConntrackTable, p: CtPacket, zone: number): ConntrackIn {
  const u = protocolUpdate(undefined, p, 'orig', table.now, table.timeouts);
  if (u.invalid) return { table, conn: INVALID };
  const orig = tupleOf(p);
  const entry: ConntrackEntry = {
    id: table.nextId, orig, reply: invertTuple(orig),
    status: { seenReply: false, assured: false, confirmed: false, srcNat: false, dstNat: false, srcNatDone: false, dstNatDone: false },
    ...(u.tcpState && { tcpState: u.tcpState }), ...(u.sctpState && { sctpState: u.sctpState }),
    created: table.now, expires: table.now + u.timeout * 1000, zone, mark: 0,
  };
  const next = { ...table, nextId: table.nextId + 1, entries: [...table.entries, entry] };
  return { table: next, entry, direction: 'orig', conn: connInfoOf(entry, 'orig') };
}

/** nf_conntrack_in: finds or creates the packet's entry and runs the protocol tracker. */
export function conntrackIn(table: ConntrackTable, p: CtPacket, options: { zone?: number } = {}): ConntrackIn {
  const zone = options.zone ?? 0;
  const found = lookupConntrack(table, tupleOf(p), zone);
  if (!found) return newEntry(table, p, zone);
  const { entry, direction } = found;
  const u = protocolUpdate(entry, p, direction, table.now, table.timeouts);
  if (u.invalid) return { table, entry, direction, conn: INVALID };
  const seenReply = entry.status.seenReply || direction === 'reply';
  const updated: ConntrackEntry = {
    ...entry,
    status: { ...entry.status, seenReply, assured: u.assured },
    ...(u.tcpState && { tcpState: u.tcpState }), ...(u.sctpState && { sctpState: u.sctpState }),
    expires: table.now + u.timeout * 1000,
  };
  return { table: replaceEntry(table, updated), entry: updated, direction, conn: connInfoOf(updated, direction) };
}

/** __nf_conntrack_confirm: the packet left the stack; the new entry becomes visible. */
export function confirmConntrack(table: ConntrackTable, id: number): ConntrackTable {
  const e = findEntry(table, id);
  if (!e || e.status.confirmed) return table;
  return replaceEntry(table, { ...e, status: { ...e.status, confirmed: true } });
}

/** The packet that created an unconfirmed entry was dropped: the entry goes with it. */
export function discardUnconfirmed(table: ConntrackTable, id: number): ConntrackTable {
  const e = findEntry(table, id);
  if (!e || e.status.confirmed) return table;
  return { ...table, entries: table.entries.filter((x) => x.id !== id) };
}

/** Advances the simulated clock; expired entries are gone (the kernel's GC). */
export function advanceClock(table: ConntrackTable, ms: number): ConntrackTable {
  const now = table.now + ms;
  return { ...table, now, entries: table.entries.filter((e) => e.expires > now) };
}


// NAT bindings on conntrack entries, after net/netfilter/nf_nat_core.c. Setting up a
// binding rewrites the entry's reply tuple: destination NAT changes the reply's source,
// source NAT the reply's destination (nf_nat_setup_info). Source NAT keeps the original
// source port when the resulting tuple is unique (get_unique_tuple), else, and always with
// --random-fully, it searches the port class of the original port (1-511, 600-1023,
// 1024-65535, or the given range) from a random offset (nf_nat_l4proto_unique_tuple).
// Packets are then rewritten from the other direction's tuple (nf_nat_packet).

import type { IP } from '../net/ip';
import type { HookResult } from '../netfilter/eval-types';
import type { PortRange } from '../netfilter/types';
import type { Random } from '../random';
import { findEntry, invertTuple, replaceEntry, tupleEqual } from './table';
import type { ConntrackEntry, ConntrackTable, CtPacket, Tuple } from './types';
import type { Direction } from './protocols';

export type NatRequest =
  | { readonly manip: 'dst'; readonly ip: IP; readonly port?: number }
  | { readonly manip: 'src'; readonly ip: IP; readonly ports?: PortRange; readonly random?: boolean; readonly randomFully?: boolean }
  /** The nat table chose nothing: a null binding (nf_nat_alloc_null_binding). */
  | { readonly manip: 'dst' | 'src'; readonly none: true };

const NAT_MAX_ATTEMPTS = 128;

/** nf_nat_used_tuple: another connection already uses the reply of this would-be tuple. */
function tupleTaken(table: ConntrackTable, self: ConntrackEntry, origAfterNat: Tuple): boolean {
  const reply = invertTuple(origAfterNat);
  return table.entries.some((e) => e.id !== self.id && e.status.confirmed && e.zone === self.zone &&
    e.expires > table.now && (tupleEqual(e.orig, reply) || tupleEqual(e.reply, reply)));
}

function portClass(port: number, ports: PortRange | undefined): { min: number; size: number } {
  if (ports) return { min: ports.from, size: ports.to - ports.from + 1 };
  if (port < 512) return { min: 1, size: 511 };
  if (port < 1024) return { min: 600, size: 424 };
  return { min: 1024, size: 64512 };
}

/** nf_nat_l4proto_unique_tuple for a source manip: random offset, shrinking search windows. */
function searchPort(table: ConntrackTable, e: ConntrackEntry, base: Tuple, ports: PortRange | undefined, random: Random): number {
  const { min, size } = portClass(base.sport, ports);
  let attempts = Math.min(size, NAT_MAX_ATTEMPTS);
  let off = random.int(65536);
  for (;;) {
    for (let i = 0; i < attempts; i++, off++) {
      const sport = min + (off % size);
      if (!tupleTaken(table, e, { ...base, sport })) return sport;
    }
    attempts = Math.floor(attempts / 2);
    if (attempts < 16) return min + (off % size);
    off = random.int(65536);
  }
}

/** A mapping this source already has (find_appropriate_src), reused when still unique. */
function existingMapping(table: ConntrackTable, e: ConntrackEntry, ip: IP): number | undefined {
  const other = table.entries.find((x) => x.id !== e.id && x.status.confirmed && x.status.srcNat &&
    x.orig.src === e.orig.src && x.orig.sport === e.orig.sport && x.orig.proto === e.orig.proto && x.reply.dst === ip);
  return other?.reply.dport;
}

/** get_unique_tuple for a source manip: the source port the connection will leave with. */
export function chooseSourcePort(table: ConntrackTable, e: ConntrackEntry, req: Extract<NatRequest, { manip: 'src'; ip: IP }>, random: Random): number {
  // The tuple as it stands after the destination NAT already bound (curr_tuple).
  const curr = invertTuple(e.reply);
  const base: Tuple = { ...curr, src: req.ip };
  const sport = curr.sport;
  const inRange = (p: number) => !req.ports || (p >= req.ports.from && p <= req.ports.to);
  if (e.orig.proto === 'icmp' || e.orig.proto === 'ipv6-icmp') return sport;
  if (!req.random && !req.randomFully) {
    const reused = req.ip !== e.orig.src ? existingMapping(table, e, req.ip) : undefined;
    if (reused !== undefined && inRange(reused) && !tupleTaken(table, e, { ...base, sport: reused })) return reused;
    if (inRange(sport) && !tupleTaken(table, e, { ...base, sport })) return sport;
  }
  return searchPort(table, e, base, req.ports, random);
}

function bind(e: ConntrackEntry, req: NatRequest, reply: Tuple): ConntrackEntry {
  const changed = !tupleEqual(reply, e.reply);
  const status = req.manip === 'dst'
    ? { ...e.status, dstNatDone: true, dstNat: e.status.dstNat || changed }
    : { ...e.status, srcNatDone: true, srcNat: e.status.srcNat || changed };
  return { ...e, reply, status };
}

/** nf_nat_setup_info: binds the entry's NAT for one manip type (once; later calls change nothing). */
export function setupNat(table: ConntrackTable, id: number, req: NatRequest, random: Random): { table: ConntrackTable; entry: ConntrackEntry } {
  const e = findEntry(table, id);
  if (!e) throw new Error(`setupNat: no conntrack entry ${id}`);
  const done = req.manip === 'dst' ? e.status.dstNatDone : e.status.srcNatDone;
  if (done) return { table, entry: e };
  let reply = e.reply;
  if (!('none' in req)) {
    if (req.manip === 'dst') reply = { ...reply, src: req.ip, sport: req.port ?? reply.sport };
    else reply = { ...reply, dst: req.ip, dport: chooseSourcePort(table, e, req, random) };
  }
  const entry = bind(e, req, reply);
  return { table: replaceEntry(table, entry), entry };
}

/**
 * nf_nat_packet: rewrites a packet of this entry at a hook. `manip` is the hook's kind
 * (dst at PREROUTING/OUTPUT, src at POSTROUTING/INPUT); the packet takes the inverse of
 * the other direction's tuple for that half.
 */
export function natPacket<P extends CtPacket>(e: ConntrackEntry, direction: Direction, manip: 'src' | 'dst', p: P): P {
  const target = invertTuple(direction === 'orig' ? e.reply : e.orig);
  if (manip === 'dst') return { ...p, dst: target.dst, ...(p.dport !== undefined && { dport: target.dport }) };
  return { ...p, src: target.src, ...(p.sport !== undefined && { sport: target.sport }) };
}

/**
 * Binds the NAT a hook's nat table chose (or a null binding when it chose nothing) on the
 * packet's entry: destination manip at PREROUTING/OUTPUT, source manip at POSTROUTING/INPUT.
 * Does nothing when the nat table was not consulted (not a first packet).
 */
export function bindHookNat(
  table: ConntrackTable, id: number, hook: HookResult, random: Random,
): { table: ConntrackTable; entry: ConntrackEntry | undefined } {
  if (!hook.tables.some((t) => t.table === 'nat')) return { table, entry: findEntry(table, id) };
  const manip = hook.hook === 'PREROUTING' || hook.hook === 'OUTPUT' ? 'dst' : 'src';
  const { dnat, snat } = hook.nat;
  let req: NatRequest = { manip, none: true };
  if (manip === 'dst' && dnat) req = { manip, ip: dnat.ip, ...(dnat.port !== undefined && { port: dnat.port }) };
  if (manip === 'src' && snat) req = { manip, ip: snat.ip, ...(snat.ports && { ports: snat.ports }), random: snat.random, randomFully: snat.randomFully };
  return setupNat(table, id, req, random);
}

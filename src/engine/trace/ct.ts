// Connection tracking on a host, as nf_conntrack does it around the hooks: the packet's
// entry is looked up (or created, unconfirmed) when it enters the stack (PREROUTING, or
// OUTPUT for a locally generated packet), and a new entry is confirmed when the packet leaves
// the host or is delivered locally; a dropped packet's new entry goes with it.

import {
  confirmConntrack, conntrackIn, createConntrackTable, discardUnconfirmed, findEntry, kubeProxyTimeouts,
  renderConntrackEntry, type ConntrackEntry, type ConntrackTable,
} from '../conntrack';
import type { ConnInfo } from '../netfilter';
import { pushHop, setState, type Run, type WalkPacket } from './run';
import type { Leg } from './types';

/** The packet's view of its connection on one host. */
export interface CtRef {
  readonly host: string;
  readonly entryId?: number;
  readonly direction?: Leg;
  readonly isNew: boolean;
  conn: ConnInfo;
}

export function tableOf(run: Run, host: string): ConntrackTable {
  return run.state.conntrack[host] ?? createConntrackTable({ timeouts: kubeProxyTimeouts(), now: run.state.now });
}

export const entryOf = (run: Run, ct: CtRef): ConntrackEntry | undefined =>
  ct.entryId === undefined ? undefined : findEntry(tableOf(run, ct.host), ct.entryId);

export function setTable(run: Run, host: string, table: ConntrackTable): void {
  setState(run, { conntrack: { ...run.state.conntrack, [host]: table } });
}

export function ctIn(run: Run, host: string, p: WalkPacket): CtRef {
  const before = tableOf(run, host);
  const known = before.entries.length;
  const result = conntrackIn(before, { src: p.src, dst: p.dst, proto: p.proto, sport: p.sport, dport: p.dport, ...(p.tcpFlags && { tcpFlags: p.tcpFlags }) });
  setTable(run, host, result.table);
  const isNew = result.table.entries.length > known;
  const ref: CtRef = { host, isNew, conn: result.conn, ...(result.entry && { entryId: result.entry.id }), ...(result.direction && { direction: result.direction }) };
  if (!isNew && result.entry) {
    pushHop(run, host, p, { kind: 'conntrack', state: result.conn.state, direction: result.direction ?? 'orig', entry: renderConntrackEntry(result.entry, result.table.now) });
  }
  return ref;
}

/** The packet left the host (or was delivered on it): a new entry becomes visible. */
export function ctConfirm(run: Run, ct: CtRef, p: WalkPacket): void {
  if (ct.entryId === undefined || !ct.isNew) return;
  const table = confirmConntrack(tableOf(run, ct.host), ct.entryId);
  setTable(run, ct.host, table);
  const entry = findEntry(table, ct.entryId);
  if (entry) pushHop(run, ct.host, p, { kind: 'conntrack', state: 'NEW', direction: 'orig', entry: renderConntrackEntry(entry, table.now) });
}

export function ctDiscard(run: Run, ct: CtRef): void {
  if (ct.entryId !== undefined && ct.isNew) setTable(run, ct.host, discardUnconfirmed(tableOf(run, ct.host), ct.entryId));
}

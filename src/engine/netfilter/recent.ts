// xt_recent (net/netfilter/xt_recent.c): named lists of addresses with hit timestamps.
// --set adds a hit (creating the entry) and always matches; --rcheck matches when the
// address is listed (with --seconds: hit within that many seconds; with --hitcount: at
// least that many such hits); --update is --rcheck that also adds a hit when it matches;
// --remove deletes the entry and matches if it existed; --reap drops the entry when its
// newest hit is older than --seconds. Each entry keeps at most ip_pkt_list_tot (20) hits.

import { formatIP, parseIP, type IP } from '../net/ip';
import type { RecentLists } from './packet';
import type { Match } from './types';

export const RECENT_PKT_LIST_TOT = 20;

type RecentMatch = Extract<Match, { module: 'recent' }>;

export interface RecentOutcome { readonly matched: boolean; readonly lists: RecentLists; readonly address: IP }

function masked(ip: IP, mask: IP | undefined): IP {
  if (!mask) return ip;
  const a = parseIP(ip)!, m = parseIP(mask)!;
  return formatIP({ family: a.family, value: a.value & m.value });
}

function withEntry(lists: RecentLists, name: string, address: IP, stamps: readonly number[] | undefined): RecentLists {
  const list = { ...(lists[name] ?? {}) };
  if (stamps) list[address] = { address, stamps };
  else delete list[address];
  return { ...lists, [name]: list };
}

/** Evaluates one `-m recent` for a packet at time `now` (ms). */
export function evaluateRecent(m: RecentMatch, src: IP, dst: IP, lists: RecentLists, now: number): RecentOutcome {
  const address = masked(m.side === 'rdest' ? dst : src, m.mask);
  const entry = lists[m.name]?.[address];
  const addHit = (stamps: readonly number[]) => [...stamps, now].slice(-RECENT_PKT_LIST_TOT);
  const result = (hit: boolean, next: RecentLists) => ({ matched: hit !== m.negated, lists: next, address });
  if (!entry) {
    if (m.mode !== 'set') return result(false, lists);
    return result(true, withEntry(lists, m.name, address, [now]));
  }
  if (m.mode === 'set') return result(true, withEntry(lists, m.name, address, addHit(entry.stamps)));
  if (m.mode === 'remove') return result(true, withEntry(lists, m.name, address, undefined));
  const since = m.seconds === undefined ? -Infinity : now - m.seconds * 1000;
  const hits = entry.stamps.filter((t) => t >= since).length;
  const hit = hits > 0 && hits >= (m.hitcount ?? 1);
  let next = lists;
  if (m.reap && entry.stamps[entry.stamps.length - 1]! < since) next = withEntry(next, m.name, address, undefined);
  if (m.mode === 'update' && hit) next = withEntry(next, m.name, address, addHit(entry.stamps));
  return result(hit, next);
}

// The mutable record of one walk through the network: the state it evolves (conntrack
// tables and xt_recent lists per host, as new values), the hops it has written and what it
// has learned about the connection. A walk owns its Run; nothing outside sees it mutate.

import type { Protocol } from '../model/k8s';
import type { IP } from '../net/ip';
import type { ConntrackTable, TcpFlags } from '../conntrack';
import type { Chooser, RecentLists } from '../netfilter';
import type { Random } from '../random';
import type { TraceContext } from './context';
import type { DecidedBy, Hop, HopPacket, Leg } from './types';

/** What persists between connections of one run: kernel state on every host. */
export interface SimState {
  readonly now: number;
  readonly conntrack: Readonly<Record<string, ConntrackTable>>;
  readonly recent: Readonly<Record<string, RecentLists>>;
}

export const initialState = (): SimState => ({ now: 0, conntrack: {}, recent: {} });

/** The packet as the walk carries it (netfilter's lower-case protocol names). */
export interface WalkPacket {
  readonly family: 4 | 6;
  readonly proto: 'tcp' | 'udp' | 'sctp';
  readonly src: IP;
  readonly sport: number;
  readonly dst: IP;
  readonly dport: number;
  /** skb->mark: lives as long as the packet stays on one host. */
  readonly mark: number;
  readonly tcpFlags?: TcpFlags;
}

/** How a leg of the walk ended. */
export type End =
  | { readonly kind: 'delivered'; readonly host: string; readonly packet: WalkPacket }
  | { readonly kind: 'dropped' | 'rejected'; readonly decidedBy: DecidedBy; readonly reason: string }
  | { readonly kind: 'unhandled'; readonly reason: string };

export interface Run {
  readonly ctx: TraceContext;
  state: SimState;
  readonly choose: Chooser;
  readonly random: Random;
  leg: Leg;
  /** Undefined for a silent walk (the handshake's last ACK, which only settles conntrack). */
  readonly hops: Hop[] | undefined;
  rulesWalked: number;
  dnat?: string;
  snat?: IP;
  masqueraded: boolean;
  /** Hosts entered so far: a guard against routing loops. */
  steps: number;
}

export const MAX_STEPS = 64;

const PROTOCOL: Record<WalkPacket['proto'], Protocol> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

export const hopPacket = (p: WalkPacket): HopPacket =>
  ({ proto: PROTOCOL[p.proto], src: p.src, sport: p.sport, dst: p.dst, dport: p.dport });

/** `IP:PORT`, with IPv6 in brackets as DESIGN.md writes endpoints. */
export const endpointText = (ip: IP, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

type HopBody = Hop extends infer H ? H extends Hop ? Omit<H, 'leg' | 'host' | 'packet'> : never : never;

export function pushHop(run: Run, host: string, packet: WalkPacket, body: HopBody): void {
  run.hops?.push({ leg: run.leg, host, packet: hopPacket(packet), ...body } as Hop);
}

export function setState(run: Run, patch: Partial<Pick<SimState, 'conntrack' | 'recent'>>): void {
  run.state = { ...run.state, ...patch };
}

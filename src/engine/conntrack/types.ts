// The connection tracking table as plain data (include/net/netfilter/nf_conntrack.h):
// each entry has an original and a reply tuple, status bits (IPS_SEEN_REPLY, IPS_ASSURED,
// IPS_CONFIRMED, IPS_SRC_NAT/IPS_DST_NAT and their _DONE bits), per-protocol state, an
// expiry on the simulated clock, a zone and a mark. A table is an immutable value: every
// change returns a new table, so a trace can be replayed from any hop.

import type { IP } from '../net/ip';

export type CtProto = 'tcp' | 'udp' | 'sctp' | 'icmp' | 'ipv6-icmp';

/** A conntrack tuple. For ICMP echo, `sport` holds the identifier and `dport` is 0. */
export interface Tuple {
  readonly src: IP;
  readonly dst: IP;
  readonly proto: CtProto;
  readonly sport: number;
  readonly dport: number;
}

export const TCP_STATES = ['NONE', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'SYN_SENT2'] as const;
export type TcpState = (typeof TCP_STATES)[number];

export const SCTP_STATES = ['CLOSED', 'COOKIE_WAIT', 'COOKIE_ECHOED', 'ESTABLISHED', 'SHUTDOWN_SENT', 'SHUTDOWN_RECD', 'SHUTDOWN_ACK_SENT', 'HEARTBEAT_SENT'] as const;
export type SctpState = (typeof SCTP_STATES)[number];

export type TcpFlags = 'SYN' | 'SYN-ACK' | 'ACK' | 'FIN' | 'RST';
export type SctpChunk = 'INIT' | 'INIT_ACK' | 'COOKIE_ECHO' | 'COOKIE_ACK' | 'DATA' | 'ABORT' | 'SHUTDOWN' | 'SHUTDOWN_ACK' | 'SHUTDOWN_COMPLETE';

export interface CtStatus {
  readonly seenReply: boolean;
  readonly assured: boolean;
  readonly confirmed: boolean;
  /** The NAT changed the tuple (IPS_SRC_NAT / IPS_DST_NAT). */
  readonly srcNat: boolean;
  readonly dstNat: boolean;
  /** The NAT binding is set up, null or not (IPS_SRC_NAT_DONE / IPS_DST_NAT_DONE). */
  readonly srcNatDone: boolean;
  readonly dstNatDone: boolean;
}

export interface ConntrackEntry {
  /** Creation order; stable for the table's lifetime. */
  readonly id: number;
  readonly orig: Tuple;
  readonly reply: Tuple;
  readonly status: CtStatus;
  readonly tcpState?: TcpState;
  readonly sctpState?: SctpState;
  /** Simulated time (ms) the entry was created, for UDP's stream detection. */
  readonly created: number;
  /** Simulated time (ms) at which the entry expires. */
  readonly expires: number;
  readonly zone: number;
  readonly mark: number;
}

export interface ConntrackTimeouts {
  /** Seconds per TCP state (nf_conntrack_tcp_timeout_*). */
  readonly tcp: Readonly<Record<TcpState, number>>;
  readonly udp: number;
  readonly udpStream: number;
  readonly sctp: Readonly<Record<SctpState, number>>;
  readonly icmp: number;
  readonly generic: number;
}

export interface ConntrackTable {
  /** The simulated clock, ms. */
  readonly now: number;
  readonly nextId: number;
  /** In creation order (unconfirmed entries included; they are not visible to lookups). */
  readonly entries: readonly ConntrackEntry[];
  readonly timeouts: ConntrackTimeouts;
}

/** The headers conntrack reads from a packet. */
export interface CtPacket {
  readonly src: IP;
  readonly dst: IP;
  readonly proto: CtProto;
  readonly sport?: number;
  readonly dport?: number;
  readonly tcpFlags?: TcpFlags;
  readonly sctpChunk?: SctpChunk;
}

// Per-protocol connection state, as the kernel's trackers move it: TCP by the
// tcp_conntracks[direction][flags][state] table of nf_conntrack_proto_tcp.c (sequence
// window checks left out), UDP by nf_conntrack_proto_udp.c (30 s until a reply; traffic
// both ways still going 2 s after creation makes a stream: ASSURED, 120 s), SCTP by the
// handshake chunks of nf_conntrack_proto_sctp.c. A packet the tracker calls invalid
// changes nothing and is seen by iptables as ctstate INVALID.

import type { ConntrackEntry, ConntrackTimeouts, CtPacket, SctpChunk, SctpState, TcpFlags, TcpState } from './types';

export type Direction = 'orig' | 'reply';

/** What the tracker decided; `invalid` leaves the entry untouched. */
export type ProtoUpdate =
  | { readonly invalid: true }
  | { readonly invalid: false; readonly tcpState?: TcpState; readonly sctpState?: SctpState; readonly timeout: number; readonly assured: boolean };

const IV = 'IV', IG = 'IG';
type Cell = TcpState | typeof IV | typeof IG;
const S: Record<string, TcpState> = { NO: 'NONE', SS: 'SYN_SENT', SR: 'SYN_RECV', ES: 'ESTABLISHED', FW: 'FIN_WAIT', CW: 'CLOSE_WAIT', LA: 'LAST_ACK', TW: 'TIME_WAIT', CL: 'CLOSE', S2: 'SYN_SENT2' };
const row = (cells: string): Cell[] => cells.split(' ').map((c) => (c === IV || c === IG ? c : S[c]!));

// Columns: NONE SYN_SENT SYN_RECV ESTABLISHED FIN_WAIT CLOSE_WAIT LAST_ACK TIME_WAIT CLOSE SYN_SENT2
const TCP_TABLE: Readonly<Record<Direction, Readonly<Record<TcpFlags, Cell[]>>>> = {
  orig: {
    SYN: row('SS SS IG IG IG IG IG SS SS S2'),
    'SYN-ACK': row('IV IV SR IV IV IV IV IV IV SR'),
    FIN: row('IV IV FW FW LA LA LA TW CL IV'),
    ACK: row('ES IV ES ES CW CW TW TW CL IV'),
    RST: row('IV CL CL CL CL CL CL CL CL CL'),
  },
  reply: {
    SYN: row('IV S2 IV IV IV IV IV SS IV S2'),
    'SYN-ACK': row('IV SR IG IG IG IG IG IG IG SR'),
    FIN: row('IV IV FW FW LA LA LA TW CL IV'),
    ACK: row('IV IG SR ES CW CW TW TW CL IG'),
    RST: row('IV CL CL CL CL CL CL CL CL CL'),
  },
};

const TCP_INDEX: Readonly<Record<TcpState, number>> = {
  NONE: 0, SYN_SENT: 1, SYN_RECV: 2, ESTABLISHED: 3, FIN_WAIT: 4, CLOSE_WAIT: 5, LAST_ACK: 6, TIME_WAIT: 7, CLOSE: 8, SYN_SENT2: 9,
};

/** The flags a packet carries when the caller does not say: the three-way handshake, then ACKs. */
function defaultTcpFlags(e: ConntrackEntry | undefined, dir: Direction): TcpFlags {
  if (!e) return 'SYN';
  if (dir === 'reply' && e.tcpState === 'SYN_SENT') return 'SYN-ACK';
  return 'ACK';
}

function tcpUpdate(e: ConntrackEntry | undefined, p: CtPacket, dir: Direction, t: ConntrackTimeouts): ProtoUpdate {
  const flags = p.tcpFlags ?? defaultTcpFlags(e, dir);
  const old: TcpState = e?.tcpState ?? 'NONE';
  const cell = TCP_TABLE[dir][flags][TCP_INDEX[old]]!;
  if (cell === IV) return { invalid: true };
  const state = cell === IG ? old : cell;
  const seenReply = dir === 'reply' || Boolean(e?.status.seenReply);
  const assured = Boolean(e?.status.assured) || (seenReply && (old === 'SYN_RECV' || old === 'ESTABLISHED') && state === 'ESTABLISHED');
  const timeout = flags === 'RST' ? t.tcp.CLOSE : t.tcp[state];
  return { invalid: false, tcpState: state, timeout, assured };
}

function udpUpdate(e: ConntrackEntry | undefined, now: number, t: ConntrackTimeouts): ProtoUpdate {
  // The reply that sets IPS_SEEN_REPLY is handled before the bit is set (nf_conntrack_in).
  if (!e || !e.status.seenReply) return { invalid: false, timeout: t.udp, assured: Boolean(e?.status.assured) };
  const stream = now > e.created + 2000;
  return { invalid: false, timeout: stream ? t.udpStream : t.udp, assured: e.status.assured || stream };
}

const SCTP_NEXT: Readonly<Record<Direction, Partial<Record<SctpChunk, Partial<Record<SctpState | 'NEW', SctpState>>>>>> = {
  orig: {
    INIT: { NEW: 'COOKIE_WAIT', CLOSED: 'COOKIE_WAIT', COOKIE_WAIT: 'COOKIE_WAIT' },
    COOKIE_ECHO: { COOKIE_WAIT: 'COOKIE_ECHOED', COOKIE_ECHOED: 'COOKIE_ECHOED' },
    SHUTDOWN: { ESTABLISHED: 'SHUTDOWN_SENT' },
    SHUTDOWN_ACK: { SHUTDOWN_RECD: 'SHUTDOWN_ACK_SENT' },
  },
  reply: {
    INIT_ACK: { COOKIE_WAIT: 'COOKIE_WAIT' },
    COOKIE_ACK: { COOKIE_ECHOED: 'ESTABLISHED' },
    SHUTDOWN: { ESTABLISHED: 'SHUTDOWN_RECD' },
    SHUTDOWN_ACK: { SHUTDOWN_SENT: 'SHUTDOWN_ACK_SENT' },
  },
};

function defaultSctpChunk(e: ConntrackEntry | undefined, dir: Direction): SctpChunk {
  if (!e) return 'INIT';
  if (e.sctpState === 'COOKIE_WAIT') return dir === 'reply' ? 'INIT_ACK' : 'COOKIE_ECHO';
  if (e.sctpState === 'COOKIE_ECHOED' && dir === 'reply') return 'COOKIE_ACK';
  return 'DATA';
}

function sctpUpdate(e: ConntrackEntry | undefined, p: CtPacket, dir: Direction, t: ConntrackTimeouts): ProtoUpdate {
  const chunk = p.sctpChunk ?? defaultSctpChunk(e, dir);
  const old = e?.sctpState ?? 'NEW';
  let state: SctpState | undefined;
  if (chunk === 'ABORT' || chunk === 'SHUTDOWN_COMPLETE') state = e ? 'CLOSED' : undefined;
  else if (chunk === 'DATA') state = e?.sctpState;
  else state = SCTP_NEXT[dir][chunk]?.[old];
  if (!state) return { invalid: true };
  const assured = Boolean(e?.status.assured) || (old === 'COOKIE_ECHOED' && dir === 'reply' && state === 'ESTABLISHED');
  return { invalid: false, sctpState: state, timeout: t.sctp[state], assured };
}

/** The tracker's verdict on a packet for entry `e` (undefined: the packet would create one). */
export function protocolUpdate(e: ConntrackEntry | undefined, p: CtPacket, dir: Direction, now: number, t: ConntrackTimeouts): ProtoUpdate {
  switch (p.proto) {
    case 'tcp': return tcpUpdate(e, p, dir, t);
    case 'udp': return udpUpdate(e, now, t);
    case 'sctp': return sctpUpdate(e, p, dir, t);
    case 'icmp': case 'ipv6-icmp': return { invalid: false, timeout: t.icmp, assured: Boolean(e?.status.assured) };
  }
}

import { describe, expect, it } from 'vitest';
import type { IP } from '../net/ip';
import { createRandom } from '../random';
import { bindHookNat, natPacket, setupNat } from './nat';
import { renderConntrack, renderConntrackList, renderConntrackEntry } from './render';
import { advanceClock, confirmConntrack, conntrackIn, createConntrackTable, discardUnconfirmed, lookupConntrack, tupleOf } from './table';
import { KERNEL_TIMEOUTS, kubeProxyTimeouts } from './timeouts';
import type { ConntrackTable, CtPacket } from './types';

const ip = (s: string) => s as IP;
const podA = ip('10.244.1.2');
const podB = ip('10.244.1.3');
const dnsSvc = ip('10.96.0.10');
const dnsPod = ip('10.244.2.3');
const nodeIP = ip('192.168.0.2');
const random = () => createRandom(42);

const pkt = (src: IP, sport: number, dst: IP, dport: number, extra: Partial<CtPacket> = {}): CtPacket =>
  ({ src, dst, proto: 'tcp', sport, dport, ...extra });

/** First packet of a connection: tracked, DNATed to the endpoint, optionally masqueraded, confirmed. */
function open(table: ConntrackTable, p: CtPacket, masq?: { randomFully?: boolean }) {
  const first = conntrackIn(table, p);
  const id = first.entry!.id;
  let t = setupNat(first.table, id, { manip: 'dst', ip: dnsPod, port: 53 }, random()).table;
  t = setupNat(t, id, masq ? { manip: 'src', ip: nodeIP, ...masq } : { manip: 'src', none: true }, random()).table;
  t = confirmConntrack(t, id);
  return { table: t, id, first };
}

describe('conntrack: a TCP connection to a ClusterIP', () => {
  const start = createConntrackTable({ timeouts: kubeProxyTimeouts() });
  const syn = pkt(podA, 40000, dnsSvc, 53);
  const { table: afterSyn, first } = open(start, syn);
  const synAck = pkt(dnsPod, 53, podA, 40000);

  it('the first packet is NEW and its entry unconfirmed until it leaves', () => {
    expect(first.conn).toMatchObject({ state: 'NEW', dnat: false });
    expect(renderConntrack(first.table)).toBe('');
    expect(lookupConntrack(first.table, tupleOf(syn))).toBeUndefined();
    expect(discardUnconfirmed(first.table, first.entry!.id).entries).toEqual([]);
  });

  it('after DNAT the reply tuple comes from the endpoint: SYN_SENT [UNREPLIED]', () => {
    expect(renderConntrack(afterSyn)).toBe(
      'tcp      6 120 SYN_SENT src=10.244.1.2 dst=10.96.0.10 sport=40000 dport=53 [UNREPLIED] src=10.244.2.3 dst=10.244.1.2 sport=53 dport=40000 mark=0 use=1\n');
  });

  it('the reply is found in the reply direction, ESTABLISHED, and un-NATed to the service address', () => {
    const r = conntrackIn(afterSyn, synAck);
    expect(r.direction).toBe('reply');
    expect(r.conn).toMatchObject({ state: 'ESTABLISHED', dnat: true, snat: false });
    expect(r.entry!.tcpState).toBe('SYN_RECV');
    expect(natPacket(r.entry!, 'reply', 'src', synAck)).toEqual({ ...synAck, src: dnsSvc, sport: 53 });
    expect(natPacket(r.entry!, 'reply', 'dst', synAck)).toEqual(synAck);
  });

  it('the handshake completes ESTABLISHED [ASSURED] with kube-proxy\'s 86400 s timeout', () => {
    const replied = conntrackIn(afterSyn, synAck).table;
    const ack = conntrackIn(replied, syn);
    expect(ack.conn.state).toBe('ESTABLISHED');
    expect(natPacket(ack.entry!, 'orig', 'dst', syn)).toMatchObject({ dst: dnsPod, dport: 53 });
    expect(renderConntrack(advanceClock(ack.table, 1))).toBe(
      'tcp      6 86399 ESTABLISHED src=10.244.1.2 dst=10.96.0.10 sport=40000 dport=53 src=10.244.2.3 dst=10.244.1.2 sport=53 dport=40000 [ASSURED] mark=0 use=1\n');
  });

  it('a SYN-ACK with no connection is INVALID and creates nothing', () => {
    const r = conntrackIn(start, { ...synAck, tcpFlags: 'SYN-ACK' });
    expect(r.conn.state).toBe('INVALID');
    expect(r.table.entries).toEqual([]);
  });

  it('RST closes: CLOSE with 10 s', () => {
    const r = conntrackIn(afterSyn, { ...synAck, tcpFlags: 'RST' });
    expect(r.entry).toMatchObject({ tcpState: 'CLOSE', expires: 10_000 });
  });
});

describe('conntrack: masquerade source port', () => {
  const start = createConntrackTable();
  it('keeps the original port when the tuple is unique', () => {
    const { table } = open(start, pkt(podA, 40000, dnsSvc, 53), {});
    expect(table.entries[0]!.reply).toEqual({ src: dnsPod, dst: nodeIP, proto: 'tcp', sport: 53, dport: 40000 });
    expect(table.entries[0]!.status).toMatchObject({ srcNat: true, dstNat: true });
  });

  it('picks another port in 1024-65535 when the tuple is taken, deterministically', () => {
    const a = open(start, pkt(podA, 40000, dnsSvc, 53), {});
    const b = open(a.table, pkt(podB, 40000, dnsSvc, 53), {});
    const port = b.table.entries[1]!.reply.dport;
    expect(port).not.toBe(40000);
    expect(port).toBeGreaterThanOrEqual(1024);
    expect(open(a.table, pkt(podB, 40000, dnsSvc, 53), {}).table.entries[1]!.reply.dport).toBe(port);
    const reply = pkt(dnsPod, 53, nodeIP, port);
    const r = conntrackIn(b.table, reply);
    expect(natPacket(r.entry!, 'reply', 'dst', reply)).toMatchObject({ dst: podB, dport: 40000 });
  });

  it('keeps privileged ports in their class (600-1023)', () => {
    const a = open(start, pkt(podA, 700, dnsSvc, 53), {});
    const b = open(a.table, pkt(podB, 700, dnsSvc, 53), {});
    expect(b.table.entries[1]!.reply.dport).toBeGreaterThanOrEqual(600);
    expect(b.table.entries[1]!.reply.dport).toBeLessThanOrEqual(1023);
  });

  it('--random-fully draws the port even when the original is free', () => {
    const { table } = open(start, pkt(podA, 40000, dnsSvc, 53), { randomFully: true });
    expect(table.entries[0]!.reply.dport).not.toBe(40000);
  });

  it('a null source binding leaves the reply destination alone', () => {
    const { table } = open(start, pkt(podA, 40000, dnsSvc, 53));
    expect(table.entries[0]!.status).toMatchObject({ srcNat: false, srcNatDone: true, dstNatDone: true });
  });
});

describe('conntrack: UDP', () => {
  const q = pkt(podA, 40000, dnsSvc, 53, { proto: 'udp' });
  const a = pkt(dnsPod, 53, podA, 40000, { proto: 'udp' });
  const { table } = open(createConntrackTable(), q);
  it('unreplied 30 s, replied 30 s, a stream after 2 s: ASSURED 120 s', () => {
    expect(renderConntrack(table)).toBe(
      'udp      17 30 src=10.244.1.2 dst=10.96.0.10 sport=40000 dport=53 [UNREPLIED] src=10.244.2.3 dst=10.244.1.2 sport=53 dport=40000 mark=0 use=1\n');
    const replied = conntrackIn(advanceClock(table, 500), a).table;
    expect(renderConntrack(replied)).toMatch(/^udp {6}17 30 src=.* dport=53 src=.* dport=40000 mark=0 use=1\n$/);
    const stream = conntrackIn(advanceClock(replied, 3000), q).table;
    expect(renderConntrack(stream)).toMatch(/^udp {6}17 120 .*\[ASSURED\] mark=0 use=1\n$/);
  });

  it('expires on the simulated clock', () => {
    expect(advanceClock(table, 30_000).entries).toEqual([]);
    expect(advanceClock(table, 29_999).entries).toHaveLength(1);
  });
});

describe('renderConntrack', () => {
  it('prints zone only when not 0, and the summary line as conntrack-tools does', () => {
    const { table } = open(createConntrackTable(), pkt(podA, 40000, dnsSvc, 53));
    const e = { ...table.entries[0]!, zone: 3 };
    expect(renderConntrackEntry(e, 0)).toMatch(/ mark=0 zone=3 use=1$/);
    expect(renderConntrackList(table).stderr).toBe('conntrack v1.4.8 (conntrack-tools): 1 flow entries have been shown.\n');
    expect(renderConntrackList(createConntrackTable()).stderr).toBe('conntrack v1.4.8 (conntrack-tools): 0 flow entries have been shown.\n');
  });
});

describe('timeouts', () => {
  it('kube-proxy sets established 86400 s and close_wait 3600 s; 0 leaves the kernel value', () => {
    expect(kubeProxyTimeouts().tcp).toMatchObject({ ESTABLISHED: 86400, CLOSE_WAIT: 3600, SYN_SENT: 120 });
    expect(kubeProxyTimeouts({ tcpEstablishedTimeout: 0 }).tcp.ESTABLISHED).toBe(KERNEL_TIMEOUTS.tcp.ESTABLISHED);
    expect(kubeProxyTimeouts({ udpTimeout: 10 })).toMatchObject({ udp: 10, udpStream: 120 });
  });
});

describe('bindHookNat', () => {
  it('binds what the nat table chose, a null binding when it chose nothing, nothing when nat did not run', () => {
    const first = conntrackIn(createConntrackTable(), pkt(podA, 40000, dnsSvc, 53));
    const id = first.entry!.id;
    const base = { verdict: { kind: 'ACCEPT' as const }, packet: {} as never, conn: first.conn, marks: [], recent: {}, recentOps: [], random: [], walk: [], rulesWalked: 0 };
    const rule = { table: 'nat' as const, chain: 'X', index: 0, line: 1 };
    const natRan = [{ table: 'nat' as const, verdict: { kind: 'ACCEPT' as const }, decidedBy: { table: 'nat' as const, chain: 'X' } }];
    const pre = bindHookNat(first.table, id, { ...base, hook: 'PREROUTING', tables: natRan, nat: { dnat: { ip: dnsPod, port: 53, rule } } }, random());
    expect(pre.entry!.reply).toMatchObject({ src: dnsPod, sport: 53 });
    const post = bindHookNat(pre.table, id, { ...base, hook: 'POSTROUTING', tables: natRan, nat: {} }, random());
    expect(post.entry!.status).toMatchObject({ srcNatDone: true, srcNat: false, dstNat: true });
    const skipped = bindHookNat(first.table, id, { ...base, hook: 'PREROUTING', tables: [], nat: {} }, random());
    expect(skipped.entry!.status.dstNatDone).toBe(false);
  });
});

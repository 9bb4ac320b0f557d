import { describe, expect, it } from 'vitest';
import type { IP } from '../net/ip';
import { createRandom } from '../random';
import { evaluateHook, type EvaluateInput } from './evaluate';
import type { HookResult } from './eval-types';
import { KUBE_PROXY_RULES } from './fixtures';
import { enumerateOutcomes, mergeOutcomes, seededChooser } from './outcomes';
import type { Chooser, ConnInfo, HostContext, Packet, RecentLists } from './packet';
import { parseRuleset } from './parse';
import type { Hook, Ruleset } from './types';

const ip = (s: string) => s as IP;
const nodeIP = ip('192.168.0.2');
const podA = ip('10.0.0.2');
const outside = ip('203.0.113.9');
const host: HostContext = {
  localAddresses: [nodeIP],
  interfaces: [{ name: 'eth0', addresses: [nodeIP] }, { name: 'lo', addresses: [ip('127.0.0.1')] }],
};
const NEW: ConnInfo = { state: 'NEW', dnat: false, snat: false };
const ESTABLISHED: ConnInfo = { state: 'ESTABLISHED', dnat: false, snat: false };

function load(text: string): Ruleset {
  const r = parseRuleset(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.ruleset;
}
const rules = load(KUBE_PROXY_RULES);

const makePacket = (src: string, dst: string, dport: number, p: Partial<Packet> = {}): Packet =>
  ({ family: 4, src: ip(src), dst: ip(dst), proto: 'tcp', sport: 40000, dport, inIface: 'eth0', mark: 0, ...p });

const hook = (rs: Ruleset, h: Hook, packet: Packet, choose: Chooser, extra: Partial<EvaluateInput> = {}): HookResult =>
  evaluateHook(rs, { hook: h, packet, host, conn: NEW, choose, ...extra });

/** A packet arriving on eth0, through PREROUTING then INPUT or FORWARD + POSTROUTING. */
function arrive(rs: Ruleset, packet: Packet, choose: Chooser, recent: RecentLists = {}, now = 0) {
  const pre = hook(rs, 'PREROUTING', packet, choose, { recent, now });
  const local = host.localAddresses.includes(pre.packet.dst);
  const next = hook(rs, local ? 'INPUT' : 'FORWARD', { ...pre.packet, ...(local ? {} : { outIface: 'eth0' }) }, choose, { conn: pre.conn, recent: pre.recent, now });
  const post = local || next.verdict.kind !== 'ACCEPT' ? undefined : hook(rs, 'POSTROUTING', next.packet, choose, { conn: next.conn, recent: next.recent, now });
  const verdict = next.verdict.kind;
  const dnat = pre.nat.dnat ? `${pre.nat.dnat.ip}:${pre.nat.dnat.port}` : '';
  return { pre, next, post, verdict, dnat, masq: Boolean(post?.nat.snat), summary: `${verdict} ${dnat} ${post?.nat.snat ? 'masq' : ''}`.trim() };
}

describe('packet flows through kube-proxy TestOverallIPTablesRules rules', () => {
  const cases: [string, Packet, string][] = [
    ['pod to cluster IP', makePacket(podA, '172.30.0.41', 80), 'ACCEPT 10.180.0.1:80'],
    ['external to cluster IP is masqueraded', makePacket('192.168.0.3', '172.30.0.41', 80), 'ACCEPT 10.180.0.1:80 masq'],
    ['cluster IP with no endpoints is rejected', makePacket(podA, '172.30.0.46', 80), 'REJECT'],
    ['LB IP from an allowed source', makePacket('203.0.113.1', '5.6.7.8', 80), 'ACCEPT 10.180.0.3:80 masq'],
    ['LB IP from a source outside loadBalancerSourceRanges', makePacket('203.0.113.200', '5.6.7.8', 80), 'DROP'],
    ['eTP Local LB IP with no local endpoints', makePacket(outside, '1.2.3.4', 80), 'DROP'],
    ['eTP Local LB IP from a pod is short-circuited', makePacket(podA, '1.2.3.4', 80), 'ACCEPT 10.180.0.2:80'],
    ['NodePort', makePacket(outside, nodeIP, 3003), 'ACCEPT 10.180.0.3:80 masq'],
    ['eTP Local NodePort with no local endpoints', makePacket(outside, nodeIP, 3001), 'DROP'],
    ['health check node port', makePacket(outside, nodeIP, 30000), 'ACCEPT'],
    ['external IP', makePacket(outside, '192.168.99.33', 80), 'ACCEPT 10.180.0.4:80 masq'],
    ['unrelated destination', makePacket(outside, '8.8.8.8', 53), 'ACCEPT'],
  ];
  it.each(cases)('%s', (_name, packet, expected) => {
    const outcomes = enumerateOutcomes((choose) => arrive(rules, packet, choose).summary).outcomes;
    expect(outcomes.map((o) => o.value)).toContain(expected);
  });

  it('a two-endpoint service splits 50/50 and masquerades from outside', () => {
    const { outcomes } = enumerateOutcomes((choose) => arrive(rules, makePacket(outside, '172.30.0.44', 80), choose).summary);
    expect(outcomes.map((o) => [o.value, o.probability])).toEqual([['ACCEPT 10.180.0.4:80 masq', 0.5], ['ACCEPT 10.180.0.5:80 masq', 0.5]]);
  });

  it('names the deciding rule of a drop and counts the rules walked', () => {
    const r = arrive(rules, makePacket(outside, '1.2.3.4', 80), () => true);
    expect(r.next.decidedBy?.rule).toMatchObject({ table: 'filter', chain: 'KUBE-EXTERNAL-SERVICES', index: 1 });
    // PREROUTING: jump, KUBE-SERVICES rules 0..3 (match at 3), KUBE-EXT 3 rules, then rules 4..9.
    expect(r.pre.rulesWalked).toBe(1 + 4 + 3 + 6);
    expect(r.pre.walk.filter((s) => s.matched).map((s) => `${s.chain}#${s.from}`)).toEqual(['PREROUTING#0', 'KUBE-SERVICES#3']);
  });

  it('marks for masquerade, then POSTROUTING clears the mark and masquerades to the interface address', () => {
    const r = arrive(rules, makePacket('192.168.0.3', '172.30.0.41', 80), () => true);
    expect(r.pre.packet.mark).toBe(0x4000);
    expect(r.post!.marks.map((m) => [m.from, m.to])).toEqual([[0x4000, 0]]);
    expect(r.post!.nat.snat).toMatchObject({ target: 'MASQUERADE', ip: nodeIP, randomFully: false });
    expect(r.post!.decidedBy).toBeUndefined();
  });

  it('consults the nat table only for the first packet of a connection', () => {
    const first = hook(rules, 'PREROUTING', makePacket(podA, '172.30.0.41', 80), () => true);
    expect(first.tables.map((t) => t.table)).toEqual(['nat']);
    expect(first.conn).toMatchObject({ dnat: true, natDone: { dst: true, src: false } });
    const later = hook(rules, 'PREROUTING', makePacket(podA, '172.30.0.41', 80), () => true, { conn: ESTABLISHED });
    expect(later.tables).toEqual([]);
    expect(later.packet.dst).toBe('172.30.0.41');
    expect(later.rulesWalked).toBe(0);
    const bound = hook(rules, 'PREROUTING', makePacket(podA, '172.30.0.41', 80), () => true, { conn: { ...NEW, natDone: { dst: true, src: false } } });
    expect(bound.tables).toEqual([]);
  });

  it('KUBE-FIREWALL drops new outside connections to 127.0.0.0/8 but not established ones', () => {
    const p = makePacket(outside, '127.0.0.1', 8080);
    expect(hook(rules, 'INPUT', p, () => true).verdict).toEqual({ kind: 'DROP' });
    expect(hook(rules, 'INPUT', p, () => true, { conn: ESTABLISHED }).verdict).toEqual({ kind: 'ACCEPT' });
    expect(hook(rules, 'INPUT', p, () => true, { conn: { ...NEW, dnat: true } }).verdict).toEqual({ kind: 'ACCEPT' });
  });

  it('ClientIP affinity: --rcheck misses, the SEP --set records the client, the next connection hits', () => {
    const packet = makePacket(podA, '172.30.0.45', 80);
    const first = arrive(rules, packet, () => true, {}, 1000);
    expect(first.pre.recentOps.map((o) => [o.mode, o.matched])).toEqual([['rcheck', false], ['set', true]]);
    expect(first.pre.recent['KUBE-SEP-I77PXRDZVX7PMWMN']?.[podA]?.stamps).toEqual([1000]);
    const again = arrive(rules, packet, () => true, first.pre.recent, 2000);
    expect(again.pre.recentOps.map((o) => [o.mode, o.matched])).toEqual([['rcheck', true], ['set', true]]);
    expect(again.pre.walk.filter((s) => s.matched).map((s) => `${s.chain}#${s.from}`)).toContain('KUBE-SVC-NUKIZ6OKUXPJNT4C#1');
    const late = arrive(rules, packet, () => true, again.pre.recent, 2000 + 10801 * 1000);
    expect(late.pre.recentOps[0]).toMatchObject({ mode: 'rcheck', matched: false });
  });
});

describe('statistic', () => {
  const three = load(`*nat
:KUBE-SVC-X - [0:0]
:KUBE-SEP-1 - [0:0]
:KUBE-SEP-2 - [0:0]
:KUBE-SEP-3 - [0:0]
-A PREROUTING -j KUBE-SVC-X
-A KUBE-SVC-X -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-1
-A KUBE-SVC-X -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-2
-A KUBE-SVC-X -j KUBE-SEP-3
-A KUBE-SEP-1 -p tcp -j DNAT --to-destination 10.0.1.1:80
-A KUBE-SEP-2 -p tcp -j DNAT --to-destination 10.0.1.2:80
-A KUBE-SEP-3 -p tcp -j DNAT --to-destination 10.0.1.3:80
COMMIT`);
  const run = (choose: Chooser) => hook(three, 'PREROUTING', makePacket(podA, '172.30.0.50', 80), choose).nat.dnat!.ip;

  it('enumerates three endpoints with ~1/3 each, summing to 1', () => {
    const { outcomes, complete } = enumerateOutcomes(run);
    expect(complete).toBe(true);
    expect(outcomes.map((o) => o.value)).toEqual(['10.0.1.1', '10.0.1.2', '10.0.1.3']);
    for (const o of outcomes) expect(o.probability).toBeCloseTo(1 / 3, 9);
    expect(outcomes.reduce((s, o) => s + o.probability, 0)).toBeCloseTo(1, 12);
  });

  it('a seeded chooser picks deterministically and roughly uniformly', () => {
    const pick = (seed: number) => { const c = seededChooser(createRandom(seed)); return Array.from({ length: 3000 }, () => run(c)); };
    expect(pick(7)).toEqual(pick(7));
    const counts = mergeOutcomes(pick(7).map((value) => ({ probability: 1, value, draws: [] })), (v) => v);
    expect(counts).toHaveLength(3);
    for (const c of counts) expect(c.probability).toBeGreaterThan(900);
  });
});

/** One rule in filter INPUT (or nat for NAT targets): does it match this packet? */
function single(ruleOptions: string, packet: Packet, conn: ConnInfo = NEW, extra: Partial<EvaluateInput> = {}): HookResult {
  const rs = load(`*filter\n-A INPUT ${ruleOptions} -j DROP\nCOMMIT`);
  return hook(rs, 'INPUT', packet, () => true, { conn, ...extra });
}

describe('each match, matching and not', () => {
  const base = makePacket(outside, nodeIP, 80, { sport: 1234 });
  const cases: [string, Packet, ConnInfo, boolean][] = [
    ['-s 203.0.113.0/24', base, NEW, true],
    ['-s 203.0.114.0/24', base, NEW, false],
    ['! -s 203.0.113.0/24', base, NEW, false],
    ['-d 192.168.0.2', base, NEW, true],
    ['! -d 192.168.0.2/32', base, NEW, false],
    ['-s 203.0.113.0/255.255.255.0', base, NEW, true],
    ['-p udp', base, NEW, false],
    ['! -p udp', base, NEW, true],
    ['-p sctp -m sctp --dport 80', { ...base, proto: 'sctp' }, NEW, true],
    ['-i eth+', base, NEW, true],
    ['-i eth1', base, NEW, false],
    ['! -i lo', base, NEW, true],
    ['-p tcp -m tcp --dport 80', base, NEW, true],
    ['-p tcp -m tcp --dport 81:90', base, NEW, false],
    ['-p tcp -m tcp ! --dport 80', base, NEW, false],
    ['-p tcp --sport 1000:2000', base, NEW, true],
    ['-p tcp -m multiport --dports 443,80', base, NEW, true],
    ['-p tcp -m multiport --dports 443,8000:8080', base, NEW, false],
    ['-m addrtype --dst-type LOCAL', base, NEW, true],
    ['-m addrtype ! --dst-type LOCAL', base, NEW, false],
    ['-m addrtype --src-type LOCAL', base, NEW, false],
    ['-m addrtype --dst-type LOCAL --limit-iface-in', base, NEW, true],
    ['-m addrtype --dst-type LOCAL --limit-iface-in', { ...base, inIface: 'lo' }, NEW, false],
    ['-m mark --mark 0x4000/0x4000', { ...base, mark: 0x4001 }, NEW, true],
    ['-m mark --mark 0x4000/0x4000', base, NEW, false],
    ['-m mark ! --mark 0x4000/0x4000', base, NEW, true],
    ['-m conntrack --ctstate NEW', base, NEW, true],
    ['-m conntrack --ctstate RELATED,ESTABLISHED', base, NEW, false],
    ['-m conntrack --ctstate DNAT', base, { ...ESTABLISHED, dnat: true }, true],
    ['-m conntrack --ctstate INVALID', base, { state: 'INVALID', dnat: false, snat: false }, true],
    ['-m state --state ESTABLISHED', base, ESTABLISHED, true],
    ['-m physdev --physdev-in veth1 --physdev-is-bridged', { ...base, physIn: 'veth1', bridged: true }, NEW, true],
    ['-m physdev --physdev-is-bridged', base, NEW, false],
    ['-m comment --comment "any text" -m nfacct --nfacct-name x', base, NEW, true],
    ['-m statistic --mode random --probability 1.0', base, NEW, true],
    ['-m statistic --mode random --probability 0', base, NEW, false],
  ];
  it.each(cases)('%s', (opts, packet, conn, matches) => {
    expect(single(opts, packet, conn).verdict.kind).toBe(matches ? 'DROP' : 'ACCEPT');
  });

  it('-m recent: --rcheck needs the list entry; --mask groups addresses', () => {
    const recent: RecentLists = { AFF: { '203.0.113.0': { address: ip('203.0.113.0'), stamps: [0] } } };
    expect(single('-m recent --name AFF --rcheck --mask 255.255.255.0', base, NEW, { recent }).verdict.kind).toBe('DROP');
    expect(single('-m recent --name AFF --rcheck', base, NEW, { recent }).verdict.kind).toBe('ACCEPT');
    expect(single('-m recent --name AFF --rcheck --seconds 5 --mask 255.255.255.0', base, NEW, { recent, now: 6000 }).verdict.kind).toBe('ACCEPT');
  });

  it('matches stop at the first failure: a later --set does not run', () => {
    const r = single('-m mark --mark 0x1 -m recent --name L --set', base);
    expect(r.recentOps).toEqual([]);
    expect(r.recent).toEqual({});
  });
});

describe('targets', () => {
  const p = makePacket(outside, nodeIP, 80);
  it('REJECT carries --reject-with; DROP does not; policy decides when nothing matches', () => {
    const rs = load(`*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 80 -j REJECT --reject-with tcp-reset\n-A INPUT -p tcp --dport 81 -j DROP\nCOMMIT`);
    expect(hook(rs, 'INPUT', p, () => true).verdict).toEqual({ kind: 'REJECT', rejectWith: 'tcp-reset' });
    expect(hook(rs, 'INPUT', { ...p, dport: 81 }, () => true).verdict).toEqual({ kind: 'DROP' });
    const policy = hook(rs, 'INPUT', { ...p, dport: 82 }, () => true);
    expect(policy.verdict).toEqual({ kind: 'DROP' });
    expect(policy.decidedBy).toEqual({ table: 'filter', chain: 'INPUT', policy: 'DROP' });
  });

  it('RETURN and -g: goto does not come back to its caller', () => {
    const rs = load(`*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A INPUT -j DROP\n-A A -g B\n-A A -j ACCEPT\n-A B -j RETURN\nCOMMIT`);
    const r = hook(rs, 'INPUT', p, () => true);
    expect(r.verdict).toEqual({ kind: 'DROP' });
    expect(r.walk.filter((s) => s.matched).map((s) => `${s.chain}#${s.from}`)).toEqual(['INPUT#0', 'A#0', 'B#0', 'INPUT#1']);
  });

  it('MARK forms: --set-mark, --and-mark, --set-xmark', () => {
    const rs = load(`*mangle\n-A PREROUTING -j MARK --set-mark 0x10/0xf0\n-A PREROUTING -j MARK --and-mark 0x1f\n-A PREROUTING -j MARK --set-xmark 0x1/0x0\nCOMMIT`);
    const r = hook(rs, 'PREROUTING', { ...p, mark: 0xff }, () => true);
    expect(r.marks.map((m) => m.to)).toEqual([0x1f, 0x1f, 0x1e]);
  });

  it('DNAT without a port keeps the port; OUTPUT re-routes after DNAT; filter sees the new destination', () => {
    const rs = load(`*nat\n-A OUTPUT -d 10.96.0.1 -j DNAT --to-destination 10.244.1.5\nCOMMIT\n*filter\n-A OUTPUT -d 10.244.1.5 -o cni0 -j ACCEPT\n-A OUTPUT -j DROP\nCOMMIT`);
    const r = hook(rs, 'OUTPUT', makePacket(nodeIP, '10.96.0.1', 443, { inIface: undefined, outIface: 'eth0' }), () => true, { reroute: () => 'cni0' });
    expect(r.packet).toMatchObject({ dst: '10.244.1.5', dport: 443, outIface: 'cni0' });
    expect(r.verdict).toEqual({ kind: 'ACCEPT' });
  });

  it('SNAT and MASQUERADE --random-fully decisions; MASQUERADE with no address drops', () => {
    const rs = load(`*nat\n-A POSTROUTING -o eth0 -j MASQUERADE --random-fully\n-A POSTROUTING -o eth1 -j MASQUERADE\n-A POSTROUTING -j SNAT --to-source 192.0.2.1:1000-2000\nCOMMIT`);
    expect(hook(rs, 'POSTROUTING', { ...p, outIface: 'eth0' }, () => true).nat.snat).toMatchObject({ target: 'MASQUERADE', ip: nodeIP, randomFully: true });
    expect(hook(rs, 'POSTROUTING', { ...p, outIface: 'eth1' }, () => true).verdict).toMatchObject({ kind: 'DROP', reason: 'MASQUERADE: eth1 ate my IP address' });
    expect(hook(rs, 'POSTROUTING', { ...p, outIface: 'eth2' }, () => true).nat.snat).toMatchObject({ target: 'SNAT', ip: '192.0.2.1', ports: { from: 1000, to: 2000 } });
  });
});

describe('rulesWalked with the chain index', () => {
  const n = 2000;
  const services = Array.from({ length: n }, (_, i) => `-A KUBE-SERVICES -m comment --comment "ns/svc${i}:p cluster IP" -m tcp -p tcp -d 10.96.${i >> 8}.${i & 255} --dport 80 -j KUBE-SVC-${i}`);
  const text = `*nat\n:KUBE-SERVICES - [0:0]\n${Array.from({ length: n }, (_, i) => `:KUBE-SVC-${i} - [0:0]`).join('\n')}\n-A PREROUTING -j KUBE-SERVICES\n${services.join('\n')}\n-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j RETURN\n${Array.from({ length: n }, (_, i) => `-A KUBE-SVC-${i} -p tcp -j DNAT --to-destination 10.244.0.${i % 250}:8080`).join('\n')}\nCOMMIT`;
  const rs = load(text);
  it('counts every rule the kernel tests before the match, and all of them on a miss', () => {
    const k = 1500; // 10.96.5.220
    const hit = hook(rs, 'PREROUTING', makePacket(podA, '10.96.5.220', 80), () => true);
    expect(hit.nat.dnat?.ip).toBe(`10.244.0.${k % 250}`);
    expect(hit.rulesWalked).toBe(1 + (k + 1) + 1);
    expect(hit.walk.map((s) => [s.chain, s.from, s.to, s.matched])).toEqual([
      ['PREROUTING', 0, 0, true], ['KUBE-SERVICES', 0, k - 1, false], ['KUBE-SERVICES', k, k, true], [`KUBE-SVC-${k}`, 0, 0, true],
    ]);
    const miss = hook(rs, 'PREROUTING', makePacket(podA, '10.96.200.1', 80), () => true);
    expect(miss.rulesWalked).toBe(1 + n + 1);
  });
});

describe('rulesWalked with rules indexed by port (no destination)', () => {
  const n = 100;
  const sampled = 40; // a rule the index must never skip: its statistic match draws a number
  const nodePorts = Array.from({ length: n }, (_, i) => `-A KUBE-NODEPORTS -m addrtype --dst-type LOCAL -p tcp -m tcp --dport ${30000 + i} -j DROP`);
  nodePorts.splice(sampled, 0, '-A KUBE-NODEPORTS -p tcp -m tcp --dport 30070 -m statistic --mode random --probability 0.5 -j ACCEPT');
  const rs = load(`*filter\n:KUBE-NODEPORTS - [0:0]\n-A INPUT -j KUBE-NODEPORTS\n${nodePorts.join('\n')}\nCOMMIT`);
  const walkOf = (r: HookResult) => r.walk.map((s) => [s.chain, s.from, s.to, s.matched]);

  it.each([
    { name: 'the rule for the port matches after every earlier rule is tested', dst: nodeIP, dport: 30070, verdict: 'DROP', walked: 1 + 72, last: [['KUBE-NODEPORTS', 0, 70, false], ['KUBE-NODEPORTS', 71, 71, true]] },
    { name: 'no rule for the port: the whole chain is tested', dst: nodeIP, dport: 31000, verdict: 'ACCEPT', walked: 1 + n + 1, last: [['KUBE-NODEPORTS', 0, n, false]] },
    { name: 'the port matches but addrtype does not: the whole chain is tested', dst: outside, dport: 30070, verdict: 'ACCEPT', walked: 1 + n + 1, last: [['KUBE-NODEPORTS', 0, n, false]] },
  ])('$name', ({ dst, dport, verdict, walked, last }) => {
    const r = hook(rs, 'INPUT', makePacket(podA, dst, dport), () => false);
    expect(r.verdict.kind).toBe(verdict);
    expect(r.rulesWalked).toBe(walked);
    expect(walkOf(r)).toEqual([['INPUT', 0, 0, true], ...last]);
    // The statistic match comes after the tcp match: it draws only for a packet to its port.
    expect(r.random.map((d) => d.rule.index)).toEqual(dport === 30070 ? [sampled] : []);
  });
});

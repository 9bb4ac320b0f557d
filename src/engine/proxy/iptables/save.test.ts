import { describe, expect, it } from 'vitest';
import { formatFixed } from './go-format';
import { fakeProxierOptions, overallCluster } from './testdata/overall-cluster';
import { iptablesRuleset } from './ruleset';
import { renderIptablesSave } from './save';
import { saveProbability, saveRule, saveString } from './save-rule';
import { splitWords } from './restore-parse';

const save = (rule: string, family: 4 | 6 = 4): string => {
  const words = splitWords(rule);
  return saveRule(words[1]!, words.slice(2), family);
};

describe('formatFixed (Go %0.Nf)', () => {
  it.each([
    [1 / 2, 10, '0.5000000000'], [1 / 3, 10, '0.3333333333'], [2 / 3, 10, '0.6666666667'],
    [1 / 2048, 10, '0.0004882812'], // an exact tie: Go rounds to even, toFixed would give ...13
    [1 / 4096, 11, '0.00024414062'], [1, 10, '1.0000000000'],
  ])('%d to %d digits', (x, digits, text) => {
    expect(formatFixed(x, digits)).toBe(text);
  });
});

describe('iptables-save rule normalisation', () => {
  it.each([
    ['-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-X',
      '-A KUBE-SERVICES -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-SVC-X'],
    ['-A KUBE-SVC-X -m comment --comment "a cluster IP" -m tcp -p tcp -d 10.96.0.1 --dport 443 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-X ! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m comment --comment "a cluster IP" -m tcp --dport 443 -j KUBE-MARK-MASQ'],
    ['-A KUBE-SEP-X -m comment --comment ns/s:p -s 10.0.0.1 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-X -s 10.0.0.1/32 -m comment --comment "ns/s:p" -j KUBE-MARK-MASQ'],
    ['-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN',
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN'],
    ['-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000', '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0'],
    ['-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000', '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000'],
    ['-A KUBE-SVC-X -m comment --comment "s -> a" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-A',
      '-A KUBE-SVC-X -m comment --comment "s -> a" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-A'],
    ['-A KUBE-SVC-X -m comment --comment "s -> a" -m recent --name KUBE-SEP-A --rcheck --seconds 10800 --reap -j KUBE-SEP-A',
      '-A KUBE-SVC-X -m comment --comment "s -> a" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-A --mask 255.255.255.255 --rsource -j KUBE-SEP-A'],
    ['-A KUBE-SEP-A -m comment --comment s -m recent --name KUBE-SEP-A --set -m tcp -p tcp -j DNAT --to-destination 10.0.0.1:80',
      '-A KUBE-SEP-A -p tcp -m comment --comment s -m recent --set --name KUBE-SEP-A --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.0.0.1:80'],
    ['-A KUBE-SERVICES -m comment --comment "x has no endpoints" -m udp -p udp -d 10.96.0.9 --dport 53 -j REJECT',
      '-A KUBE-SERVICES -d 10.96.0.9/32 -p udp -m comment --comment "x has no endpoints" -m udp --dport 53 -j REJECT --reject-with icmp-port-unreachable'],
    ['-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
      '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP'],
    ['-A KUBE-EXT-X -m comment --comment "pod traffic" ! -i veth+ -j KUBE-SVC-X', '-A KUBE-EXT-X ! -i veth+ -m comment --comment "pod traffic" -j KUBE-SVC-X'],
  ])('%s', (rule, saved) => {
    expect(save(rule)).toBe(saved);
  });

  it('prints IPv6 addresses, masks and rejects as ip6tables-save does', () => {
    expect(save('-A KUBE-SERVICES -m comment --comment "a b" -m tcp -p tcp -d fd00:96::20 --dport 80 -j REJECT', 6))
      .toBe('-A KUBE-SERVICES -d fd00:96::20/128 -p tcp -m comment --comment "a b" -m tcp --dport 80 -j REJECT --reject-with icmp6-port-unreachable');
    expect(save('-A S -m recent --name N --set -j DNAT --to-destination [fd00::1]:80', 6))
      .toBe('-A S -m recent --set --name N --mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff --rsource -j DNAT --to-destination [fd00::1]:80');
  });

  it('quotes comments as xtables_save_string does', () => {
    expect(saveString('kube-system_dns')).toBe('kube-system_dns');
    expect(saveString('ns/svc:p')).toBe('"ns/svc:p"');
    expect(saveString('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('keeps the kernel-quantised probability', () => {
    expect(saveProbability('0.5000000000')).toBe('0.50000000000');
    expect(saveProbability('0.2500000000')).toBe('0.25000000000');
    expect(saveProbability('0.1000000000')).toBe('0.10000000009');
  });
});

describe('renderIptablesSave', () => {
  const saved = renderIptablesSave(iptablesRuleset(overallCluster(), 'test-node', 4, fakeProxierOptions));

  it('shows the built-in chains with policies, then user chains sorted', () => {
    expect(saved).toContain('*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:KUBE-EXT-4SW47YFZTEDKD3PK - [0:0]\n');
    expect(saved.indexOf('*mangle')).toBeLessThan(saved.indexOf('*filter'));
    expect(saved.indexOf('*filter')).toBeLessThan(saved.indexOf('*nat'));
  });

  it('holds the prepended jumps in reverse order of installation', () => {
    expect(saved).toContain([
      '-A INPUT -j KUBE-FIREWALL',
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      '-A FORWARD',
    ].join('\n'));
    expect(saved).toContain('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n');
  });

  it('keeps nat KUBE-SERVICES in restore order, the node-port jump last', () => {
    const services = saved.split('\n').filter((l) => l.startsWith('-A KUBE-SERVICES ') && l.includes('KUBE-NODEPORTS'));
    expect(services).toEqual(['-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS']);
    expect(saved).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n');
  });

  it('renders each family of a dual-stack ruleset', () => {
    const text = `${iptablesRuleset(overallCluster(), 'test-node', 4)}# ip6tables\n${iptablesRuleset(overallCluster(), 'test-node', 6)}`;
    const [, v6] = renderIptablesSave(text).split('# ip6tables\n');
    expect(v6).toContain('-A KUBE-SERVICES ! -d ::1/128 -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
    expect(v6).toContain('-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully');
  });
});

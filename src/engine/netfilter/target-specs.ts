// The iptables targets kube-proxy's rules use and their options (iptables-extensions(8)):
// the standard verdicts, REJECT, DNAT, SNAT, MASQUERADE and MARK (every MARK form is
// normalised to the kernel's xmark pair, as libxt_MARK does). Anything after -j that is
// not one of these is a jump to a user chain, checked when the whole table is loaded.

import type { Collected, OptionSpec } from './match-specs';
import type { Target } from './types';
import { parseMarkMask, parseNatAddress, parsePortRange, parseU32 } from './values';

export type TargetName = 'ACCEPT' | 'DROP' | 'RETURN' | 'REJECT' | 'DNAT' | 'SNAT' | 'MASQUERADE' | 'MARK';

export interface TargetSpec {
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** The table the target may be used in (undefined: any). */
  readonly table?: 'nat' | 'filter';
  readonly build: (c: Collected, family: 4 | 6) => Target | string;
}

const opt = (key: string, arg: boolean): OptionSpec => ({ key, arg, negatable: false });

const REJECT_WITH: Readonly<Record<4 | 6, Readonly<Record<string, string>>>> = {
  4: {
    'icmp-net-unreachable': 'icmp-net-unreachable', 'net-unreach': 'icmp-net-unreachable',
    'icmp-host-unreachable': 'icmp-host-unreachable', 'host-unreach': 'icmp-host-unreachable',
    'icmp-port-unreachable': 'icmp-port-unreachable', 'port-unreach': 'icmp-port-unreachable',
    'icmp-proto-unreachable': 'icmp-proto-unreachable', 'proto-unreach': 'icmp-proto-unreachable',
    'icmp-net-prohibited': 'icmp-net-prohibited', 'net-prohib': 'icmp-net-prohibited',
    'icmp-host-prohibited': 'icmp-host-prohibited', 'host-prohib': 'icmp-host-prohibited',
    'icmp-admin-prohibited': 'icmp-admin-prohibited', 'admin-prohib': 'icmp-admin-prohibited',
    'tcp-reset': 'tcp-reset',
  },
  6: {
    'icmp6-no-route': 'icmp6-no-route', 'no-route': 'icmp6-no-route',
    'icmp6-adm-prohibited': 'icmp6-adm-prohibited', 'adm-prohibited': 'icmp6-adm-prohibited',
    'icmp6-addr-unreachable': 'icmp6-addr-unreachable', 'addr-unreach': 'icmp6-addr-unreachable',
    'icmp6-port-unreachable': 'icmp6-port-unreachable', 'port-unreach': 'icmp6-port-unreachable',
    'tcp-reset': 'tcp-reset',
  },
};

function buildMark(c: Collected): Target | string {
  const given = ['setXmark', 'setMark', 'andMark', 'orMark', 'xorMark'].filter((k) => c[k]);
  if (given.length !== 1) return 'MARK needs exactly one of --set-xmark, --set-mark, --and-mark, --or-mark, --xor-mark';
  const key = given[0]!;
  const text = c[key]!.value!;
  if (key === 'setXmark' || key === 'setMark') {
    const m = parseMarkMask(text);
    if (!m) return `invalid mark "${text}"`;
    // libxt_MARK: --set-mark v/m clears m|v then sets v; --set-xmark is the raw pair.
    return { kind: 'MARK', mark: key === 'setXmark' ? m : { value: m.value, mask: (m.mask | m.value) >>> 0 } };
  }
  const bits = parseU32(text);
  if (bits === undefined) return `invalid mark "${text}"`;
  const mark = key === 'andMark' ? { value: 0, mask: ~bits >>> 0 } : key === 'orMark' ? { value: bits, mask: bits } : { value: bits, mask: 0 };
  return { kind: 'MARK', mark };
}

function natPorts(c: Collected): { ports?: ReturnType<typeof parsePortRange> } | string {
  if (!c.ports) return {};
  const ports = parsePortRange(c.ports.value!, '-');
  return ports ? { ports } : `invalid --to-ports "${c.ports.value}"`;
}

export const TARGET_SPECS: Readonly<Record<TargetName, TargetSpec>> = {
  ACCEPT: { options: {}, build: () => ({ kind: 'ACCEPT' }) },
  DROP: { options: {}, build: () => ({ kind: 'DROP' }) },
  RETURN: { options: {}, build: () => ({ kind: 'RETURN' }) },
  REJECT: {
    options: { '--reject-with': opt('with', true) },
    table: 'filter',
    build: (c, family) => {
      const given = c.with?.value ?? (family === 4 ? 'icmp-port-unreachable' : 'icmp6-port-unreachable');
      const rejectWith = REJECT_WITH[family][given];
      return rejectWith ? { kind: 'REJECT', rejectWith } : `invalid --reject-with "${given}"`;
    },
  },
  DNAT: {
    options: { '--to-destination': opt('to', true), '--random': opt('random', false), '--persistent': opt('persistent', false) },
    table: 'nat',
    build: (c, family) => {
      const to = c.to && parseNatAddress(c.to.value!, family);
      if (!to) return `DNAT needs a valid --to-destination (got "${c.to?.value ?? ''}")`;
      return { kind: 'DNAT', ...to, random: Boolean(c.random), persistent: Boolean(c.persistent) };
    },
  },
  SNAT: {
    options: { '--to-source': opt('to', true), '--random': opt('random', false),
      '--random-fully': opt('randomFully', false), '--persistent': opt('persistent', false) },
    table: 'nat',
    build: (c, family) => {
      const to = c.to && parseNatAddress(c.to.value!, family);
      if (!to) return `SNAT needs a valid --to-source (got "${c.to?.value ?? ''}")`;
      return { kind: 'SNAT', ...to, random: Boolean(c.random), randomFully: Boolean(c.randomFully), persistent: Boolean(c.persistent) };
    },
  },
  MASQUERADE: {
    options: { '--to-ports': opt('ports', true), '--random': opt('random', false), '--random-fully': opt('randomFully', false) },
    table: 'nat',
    build: (c) => {
      const ports = natPorts(c);
      if (typeof ports === 'string') return ports;
      return { kind: 'MASQUERADE', ...ports, random: Boolean(c.random), randomFully: Boolean(c.randomFully) } as Target;
    },
  },
  MARK: {
    options: { '--set-xmark': opt('setXmark', true), '--set-mark': opt('setMark', true), '--and-mark': opt('andMark', true),
      '--or-mark': opt('orMark', true), '--xor-mark': opt('xorMark', true) },
    build: buildMark,
  },
};

export const isTargetName = (name: string): name is TargetName => Object.hasOwn(TARGET_SPECS, name);

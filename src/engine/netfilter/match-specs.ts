// The iptables match extensions kube-proxy's rules use, with the options each accepts
// (iptables-extensions(8)): comment, nfacct, tcp, udp, sctp, multiport, addrtype, mark,
// statistic, recent, conntrack, state, physdev. Each spec turns the options collected for
// one `-m NAME` into a typed Match or an error message; anything it does not know is an
// error, never ignored.

import { canonicalIP, parseIP } from '../net/ip';
import { ADDR_TYPES, CT_STATES, type AddrType, type CtState, type InterfaceMatch, type Match, type MatchModule, type PortMatch, type RecentMode } from './types';
import { parseMarkMask, parsePortList, parsePortRange, parseProbability } from './values';

export interface CollectedOption { readonly value?: string; readonly negated: boolean }
export type Collected = Readonly<Record<string, CollectedOption>>;
export interface OptionSpec { readonly key: string; readonly arg: boolean; readonly negatable: boolean }
export interface ModuleSpec {
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly build: (c: Collected, family: 4 | 6) => Match | string;
}

const opt = (key: string, arg: boolean, negatable: boolean): OptionSpec => ({ key, arg, negatable });

export function interfaceMatch(name: string, negated: boolean): InterfaceMatch {
  const wildcard = name.endsWith('+');
  return { negated, name: wildcard ? name.slice(0, -1) : name, wildcard };
}

function portMatch(o: CollectedOption | undefined, list: boolean): PortMatch | string | undefined {
  if (!o) return undefined;
  const ranges = list ? parsePortList(o.value!) : [parsePortRange(o.value!, ':')];
  if (!ranges || ranges.some((r) => r === undefined)) return `invalid port "${o.value}"`;
  return { negated: o.negated, ranges: ranges as PortMatch['ranges'] };
}

function protoSpec(module: 'tcp' | 'udp' | 'sctp'): ModuleSpec {
  return {
    options: {
      '--sport': opt('sport', true, true), '--source-port': opt('sport', true, true),
      '--dport': opt('dport', true, true), '--destination-port': opt('dport', true, true),
    },
    build: (c) => {
      const sport = portMatch(c.sport, false);
      const dport = portMatch(c.dport, false);
      if (typeof sport === 'string') return sport;
      if (typeof dport === 'string') return dport;
      return { module, ...(sport && { sport }), ...(dport && { dport }) };
    },
  };
}

function addrTypes(o: CollectedOption | undefined): { negated: boolean; types: AddrType[] } | string | undefined {
  if (!o) return undefined;
  const types = o.value!.split(',');
  const bad = types.find((t) => !(ADDR_TYPES as readonly string[]).includes(t));
  return bad !== undefined ? `invalid address type "${bad}"` : { negated: o.negated, types: types as AddrType[] };
}

function ctStates(o: CollectedOption | undefined, module: 'conntrack' | 'state'): Match | string {
  if (!o) return `-m ${module} needs --${module === 'state' ? 'state' : 'ctstate'}`;
  const states = o.value!.split(',');
  // xt_state knows no SNAT/DNAT: those are xt_conntrack's virtual states.
  const known: readonly string[] = module === 'state' ? CT_STATES.filter((s) => s !== 'SNAT' && s !== 'DNAT') : CT_STATES;
  const bad = states.find((s) => !known.includes(s));
  if (bad !== undefined) return `invalid state "${bad}"`;
  return { module, negated: o.negated, states: states as CtState[] };
}

const RECENT_MODES: readonly RecentMode[] = ['set', 'rcheck', 'update', 'remove'];

function buildRecent(c: Collected, family: 4 | 6): Match | string {
  const modes = RECENT_MODES.filter((m) => c[m]);
  if (modes.length !== 1) return '-m recent needs exactly one of --set, --rcheck, --update, --remove';
  const mode = modes[0]!;
  const seconds = c.seconds ? Number(c.seconds.value) : undefined;
  const hitcount = c.hitcount ? Number(c.hitcount.value) : undefined;
  if (seconds !== undefined && !(Number.isInteger(seconds) && seconds > 0)) return `invalid --seconds "${c.seconds!.value}"`;
  if (hitcount !== undefined && !(Number.isInteger(hitcount) && hitcount > 0)) return `invalid --hitcount "${c.hitcount!.value}"`;
  if (c.reap && seconds === undefined) return '--reap needs --seconds';
  if ((seconds !== undefined || hitcount !== undefined) && mode !== 'rcheck' && mode !== 'update') {
    return '--seconds and --hitcount go with --rcheck or --update';
  }
  if (c.rsource && c.rdest) return '--rsource and --rdest are exclusive';
  const mask = c.mask ? canonicalIP(c.mask.value!) : undefined;
  if (c.mask && (!mask || parseIP(mask)!.family !== family)) return `invalid --mask "${c.mask.value}"`;
  return {
    module: 'recent', negated: c[mode]!.negated, name: c.name?.value ?? 'DEFAULT', mode,
    ...(seconds !== undefined && { seconds }), ...(hitcount !== undefined && { hitcount }),
    reap: Boolean(c.reap), ...(mask && { mask }), side: c.rdest ? 'rdest' : 'rsource',
  };
}

function buildPhysdev(c: Collected): Match {
  const flag = (o: CollectedOption | undefined) => (o ? !o.negated : undefined);
  const isIn = flag(c.isIn), isOut = flag(c.isOut), isBridged = flag(c.isBridged);
  return {
    module: 'physdev',
    ...(c.in && { in: interfaceMatch(c.in.value!, c.in.negated) }),
    ...(c.out && { out: interfaceMatch(c.out.value!, c.out.negated) }),
    ...(isIn !== undefined && { isIn }), ...(isOut !== undefined && { isOut }),
    ...(isBridged !== undefined && { isBridged }),
  };
}

export const MATCH_SPECS: Readonly<Record<MatchModule, ModuleSpec>> = {
  comment: {
    options: { '--comment': opt('comment', true, false) },
    build: (c) => (c.comment && c.comment.value!.length <= 256 ? { module: 'comment', comment: c.comment.value! } : '-m comment needs --comment (at most 256 characters)'),
  },
  nfacct: {
    options: { '--nfacct-name': opt('name', true, false) },
    build: (c) => (c.name ? { module: 'nfacct', name: c.name.value! } : '-m nfacct needs --nfacct-name'),
  },
  tcp: protoSpec('tcp'),
  udp: protoSpec('udp'),
  sctp: protoSpec('sctp'),
  multiport: {
    options: {
      '--sports': opt('sports', true, true), '--source-ports': opt('sports', true, true),
      '--dports': opt('dports', true, true), '--destination-ports': opt('dports', true, true),
      '--ports': opt('ports', true, true),
    },
    build: (c) => {
      const parts = { sports: portMatch(c.sports, true), dports: portMatch(c.dports, true), ports: portMatch(c.ports, true) };
      const given = Object.entries(parts).filter(([, v]) => v !== undefined);
      if (given.length !== 1) return '-m multiport needs exactly one of --sports, --dports, --ports';
      const [key, value] = given[0]!;
      return typeof value === 'string' ? value : ({ module: 'multiport', [key]: value } as Match);
    },
  },
  addrtype: {
    options: {
      '--src-type': opt('src', true, true), '--dst-type': opt('dst', true, true),
      '--limit-iface-in': opt('in', false, false), '--limit-iface-out': opt('out', false, false),
    },
    build: (c) => {
      const srcType = addrTypes(c.src), dstType = addrTypes(c.dst);
      if (typeof srcType === 'string') return srcType;
      if (typeof dstType === 'string') return dstType;
      if (c.in && c.out) return '--limit-iface-in and --limit-iface-out are exclusive';
      return { module: 'addrtype', ...(srcType && { srcType }), ...(dstType && { dstType }), limitIfaceIn: Boolean(c.in), limitIfaceOut: Boolean(c.out) };
    },
  },
  mark: {
    options: { '--mark': opt('mark', true, true) },
    build: (c) => {
      const m = c.mark && parseMarkMask(c.mark.value!);
      return m ? { module: 'mark', negated: c.mark!.negated, value: m.value, mask: m.mask } : `invalid or missing --mark "${c.mark?.value ?? ''}"`;
    },
  },
  statistic: {
    options: { '--mode': opt('mode', true, false), '--probability': opt('probability', true, true),
      '--every': opt('every', true, true), '--packet': opt('packet', true, false) },
    build: (c) => {
      if (c.mode?.value === 'nth') return 'statistic --mode nth keeps a packet counter and is not simulated';
      if (c.mode?.value !== 'random' || !c.probability) return '-m statistic needs --mode random --probability P';
      const probability = parseProbability(c.probability.value!);
      if (probability === undefined) return `invalid --probability "${c.probability.value}"`;
      return { module: 'statistic', negated: c.probability.negated, probability, text: c.probability.value! };
    },
  },
  recent: {
    options: {
      '--name': opt('name', true, false), '--set': opt('set', false, true), '--rcheck': opt('rcheck', false, true),
      '--update': opt('update', false, true), '--remove': opt('remove', false, true),
      '--seconds': opt('seconds', true, false), '--hitcount': opt('hitcount', true, false),
      '--reap': opt('reap', false, false), '--mask': opt('mask', true, false),
      '--rsource': opt('rsource', false, false), '--rdest': opt('rdest', false, false),
    },
    build: buildRecent,
  },
  conntrack: { options: { '--ctstate': opt('state', true, true) }, build: (c) => ctStates(c.state, 'conntrack') },
  state: { options: { '--state': opt('state', true, true) }, build: (c) => ctStates(c.state, 'state') },
  physdev: {
    options: {
      '--physdev-in': opt('in', true, true), '--physdev-out': opt('out', true, true),
      '--physdev-is-in': opt('isIn', false, true), '--physdev-is-out': opt('isOut', false, true),
      '--physdev-is-bridged': opt('isBridged', false, true),
    },
    build: buildPhysdev,
  },
};

export const isMatchModule = (name: string): name is MatchModule => Object.hasOwn(MATCH_SPECS, name);

// Parses the options of one rule (everything after `-A CHAIN`) the way iptables does
// (iptables/xshared.c do_parse + command_default): `!` negates the next option, IP header
// options (-s -d -p -i -o) go to the rule header, `-m NAME` loads a match whose options
// follow, an option no loaded match claims loads the protocol's implicit match
// (`-p tcp --dport 80`), `-j`/`-g` set the target whose options follow. Every option
// must be understood: an unknown one is an error naming it.

import { formatCIDR } from '../net/ip';
import { MATCH_SPECS, interfaceMatch, isMatchModule, type CollectedOption, type ModuleSpec, type OptionSpec } from './match-specs';
import { TARGET_SPECS, isTargetName, type TargetName } from './target-specs';
import type { Match, MatchModule, RuleHeader, Target } from './types';
import { parseAddressSpec } from './values';

export interface ParsedRuleBody {
  readonly header: RuleHeader;
  readonly matches: readonly Match[];
  readonly target: Target;
}
export type ParseRuleResult = { readonly ok: true; readonly rule: ParsedRuleBody } | { readonly ok: false; readonly error: string };

const PROTOCOLS: Readonly<Record<string, string>> = {
  tcp: 'tcp', '6': 'tcp', udp: 'udp', '17': 'udp', sctp: 'sctp', '132': 'sctp', icmp: 'icmp', '1': 'icmp',
  'ipv6-icmp': 'ipv6-icmp', icmpv6: 'ipv6-icmp', '58': 'ipv6-icmp', all: 'all', '0': 'all',
};

const HEADER_OPTIONS: Readonly<Record<string, 'src' | 'dst' | 'proto' | 'in' | 'out'>> = {
  '-s': 'src', '--source': 'src', '--src': 'src', '-d': 'dst', '--destination': 'dst', '--dst': 'dst',
  '-p': 'proto', '--protocol': 'proto', '-i': 'in', '--in-interface': 'in', '-o': 'out', '--out-interface': 'out',
};

interface Pending { readonly module: MatchModule; readonly spec: ModuleSpec; readonly collected: Record<string, CollectedOption> }
interface PendingTarget { readonly name: TargetName; readonly collected: Record<string, CollectedOption> }

interface State {
  header: { -readonly [K in keyof RuleHeader]: RuleHeader[K] };
  matches: Pending[];
  target?: Target;
  pendingTarget?: PendingTarget;
}

// Rulesets repeat the same addresses thousands of times (cluster CIDR, node IPs): parse each once.
const addressCache = new Map<string, ReturnType<typeof parseAddressSpec>>();
function cachedAddress(text: string, family: 4 | 6): ReturnType<typeof parseAddressSpec> {
  const key = `${family}|${text}`;
  if (!addressCache.has(key)) {
    if (addressCache.size > 100_000) addressCache.clear();
    addressCache.set(key, parseAddressSpec(text, family));
  }
  return addressCache.get(key);
}

function setHeader(st: State, field: 'src' | 'dst' | 'proto' | 'in' | 'out', value: string, negated: boolean, family: 4 | 6): string | undefined {
  if (st.header[field]) return `multiple ${field === 'proto' ? '-p' : `-${field[0]}`} flags not allowed`;
  if (field === 'src' || field === 'dst') {
    const cidr = cachedAddress(value, family);
    if (!cidr) return `invalid address "${value}"`;
    st.header[field] = { negated, cidr, text: formatCIDR(cidr) };
  } else if (field === 'proto') {
    const name = PROTOCOLS[value.toLowerCase()];
    if (!name) return `unknown protocol "${value}"`;
    st.header.proto = { negated, name };
  } else {
    if (value === '' || value.length > 15) return `invalid interface name "${value}"`;
    st.header[field] = interfaceMatch(value, negated);
  }
  return undefined;
}

/** The spec that claims `option`: the target's, then loaded matches (latest first), then the implicit protocol match. */
function findOwner(st: State, option: string): { spec: OptionSpec; collected: Record<string, CollectedOption> } | undefined {
  if (st.pendingTarget) {
    const spec = TARGET_SPECS[st.pendingTarget.name].options[option];
    if (spec) return { spec, collected: st.pendingTarget.collected };
  }
  for (let i = st.matches.length - 1; i >= 0; i--) {
    const spec = st.matches[i]!.spec.options[option];
    if (spec) return { spec, collected: st.matches[i]!.collected };
  }
  const proto = st.header.proto?.name;
  if (proto === 'tcp' || proto === 'udp' || proto === 'sctp') {
    const spec = MATCH_SPECS[proto].options[option];
    if (spec) {
      const pending: Pending = { module: proto, spec: MATCH_SPECS[proto], collected: {} };
      st.matches.push(pending);
      return { spec, collected: pending.collected };
    }
  }
  return undefined;
}

function setTarget(st: State, name: string, kind: 'jump' | 'goto'): string | undefined {
  if (st.target || st.pendingTarget) return 'multiple -j/-g flags not allowed';
  if (name === '') return 'empty target';
  if (kind === 'jump' && isTargetName(name)) st.pendingTarget = { name, collected: {} };
  else st.target = { kind, chain: name };
  return undefined;
}

/** One step of the option loop; returns the next index or an error. */
function step(st: State, words: readonly string[], i: number, negated: boolean, family: 4 | 6): number | string {
  const word = words[i]!;
  const next = words[i + 1];
  const field = HEADER_OPTIONS[word];
  if (field) {
    if (next === undefined) return `option "${word}" requires an argument`;
    return setHeader(st, field, next, negated, family) ?? i + 2;
  }
  if (word === '-m' || word === '--match') {
    if (negated) return `cannot negate "${word}"`;
    if (next === undefined || !isMatchModule(next)) return `unknown match "${next ?? ''}"`;
    st.matches.push({ module: next, spec: MATCH_SPECS[next], collected: {} });
    return i + 2;
  }
  if (word === '-j' || word === '--jump' || word === '-g' || word === '--goto') {
    if (negated) return `cannot negate "${word}"`;
    if (next === undefined) return `option "${word}" requires an argument`;
    return setTarget(st, next, word === '-g' || word === '--goto' ? 'goto' : 'jump') ?? i + 2;
  }
  const owner = word.startsWith('-') ? findOwner(st, word) : undefined;
  if (!owner) return `unknown option "${word}"`;
  if (negated && !owner.spec.negatable) return `cannot negate "${word}"`;
  if (owner.collected[owner.spec.key]) return `option "${word}" given twice`;
  if (owner.spec.arg && next === undefined) return `option "${word}" requires an argument`;
  owner.collected[owner.spec.key] = owner.spec.arg ? { value: next!, negated } : { negated };
  return owner.spec.arg ? i + 2 : i + 1;
}

function finish(st: State, family: 4 | 6): ParseRuleResult {
  const matches: Match[] = [];
  for (const m of st.matches) {
    const built = m.spec.build(m.collected, family);
    if (typeof built === 'string') return { ok: false, error: built };
    if ((m.module === 'tcp' || m.module === 'udp' || m.module === 'sctp') && (st.header.proto?.name !== m.module || st.header.proto.negated)) {
      return { ok: false, error: `-m ${m.module} needs "-p ${m.module}"` };
    }
    matches.push(built);
  }
  let target: Target = st.target ?? { kind: 'none' };
  if (st.pendingTarget) {
    const built = TARGET_SPECS[st.pendingTarget.name].build(st.pendingTarget.collected, family);
    if (typeof built === 'string') return { ok: false, error: built };
    target = built;
  }
  return { ok: true, rule: { header: st.header, matches, target } };
}

/** Parses rule options (the words after `-A CHAIN`). */
export function parseRuleWords(words: readonly string[], family: 4 | 6): ParseRuleResult {
  const st: State = { header: {}, matches: [] };
  let negated = false;
  for (let i = 0; i < words.length; ) {
    if (words[i] === '!') {
      if (negated) return { ok: false, error: 'double negation "! !"' };
      negated = true;
      i++;
      continue;
    }
    const r = step(st, words, i, negated, family);
    if (typeof r === 'string') return { ok: false, error: r };
    i = r;
    negated = false;
  }
  if (negated) return { ok: false, error: 'trailing "!"' };
  return finish(st, family);
}

/** The table a built-in target is restricted to, if any. */
export const targetTable = (t: Target): 'nat' | 'filter' | undefined =>
  isTargetName(t.kind) ? TARGET_SPECS[t.kind].table : undefined;

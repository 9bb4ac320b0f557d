// How iptables-save prints a rule once the kernel holds it (iptables/xtables save functions):
// the IP header matches first (-s, -d, -i, -o, -p, each optionally negated, addresses with a
// prefix length), then the matches in their given order as each extension saves itself
// (comment quoting, statistic's quantised probability, recent's option order, mark and MARK
// in hex, conntrack states in canonical order), then the target and its options.

import { formatCIDR, parseCIDR, type IPFamily } from '../../net/ip';
import { formatFixed } from './go-format';

interface Match {
  readonly name: string;
  readonly words: string[];
}

interface ParsedRule {
  readonly base: Map<string, { readonly negated: boolean; readonly value: string }>;
  readonly matches: Match[];
  target?: { readonly name: string; readonly words: string[] };
}

const BASE_OPTIONS = ['-s', '-d', '-i', '-o', '-p'];

/** Splits rule words (after `-A CHAIN`) into header matches, extension matches and target. */
export function parseRuleWords(words: readonly string[]): ParsedRule {
  const rule: ParsedRule = { base: new Map(), matches: [] };
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const negatedBase = w === '!' && BASE_OPTIONS.includes(words[i + 1] ?? '');
    if (negatedBase || BASE_OPTIONS.includes(w)) {
      const option = negatedBase ? words[i + 1]! : w;
      const at = negatedBase ? i + 2 : i + 1;
      rule.base.set(option, { negated: negatedBase, value: words[at] ?? '' });
      i = at + 1;
    } else if (w === '-m') {
      rule.matches.push({ name: words[i + 1] ?? '', words: [] });
      i += 2;
    } else if (w === '-j') {
      rule.target = { name: words[i + 1] ?? '', words: words.slice(i + 2) };
      break;
    } else {
      rule.matches[rule.matches.length - 1]?.words.push(w);
      i += 1;
    }
  }
  return rule;
}

/** xtables_save_string: bare when only [A-Za-z0-9_-], otherwise double-quoted and escaped. */
export function saveString(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return value;
  return `"${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

function saveAddress(value: string): string {
  const cidr = parseCIDR(value.includes('/') ? value : `${value}/${value.includes(':') ? 128 : 32}`);
  return cidr ? formatCIDR(cidr) : value;
}

const hex = (text: string): string => `0x${Number.parseInt(text, 16).toString(16)}`;

/** "--mark v/m" as mark_mt_save prints it (the mask is left out when it is 0xffffffff). */
function saveMarkValue(text: string): string {
  const [value, mask] = text.split('/');
  return mask === undefined || Number.parseInt(mask, 16) === 0xffffffff ? hex(value!) : `${hex(value!)}/${hex(mask)}`;
}

/** The value the kernel keeps is round(p * 2^31); iptables prints it back with %.11f. */
export const saveProbability = (text: string): string =>
  formatFixed(Math.round(Number(text) * 0x80000000) / 0x80000000, 11);

const option = (words: readonly string[], name: string): string | undefined => {
  const i = words.indexOf(name);
  return i >= 0 ? words[i + 1] : undefined;
};

function saveRecent(words: readonly string[], family: IPFamily): string[] {
  const out: string[] = [];
  for (const flag of ['--set', '--rcheck', '--update', '--remove']) if (words.includes(flag)) out.push(flag);
  const seconds = option(words, '--seconds');
  if (seconds !== undefined) out.push('--seconds', seconds);
  if (words.includes('--reap')) out.push('--reap');
  out.push('--name', option(words, '--name') ?? 'DEFAULT');
  out.push('--mask', family === 4 ? '255.255.255.255' : 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  out.push(words.includes('--rdest') ? '--rdest' : '--rsource');
  return out;
}

const CT_STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

function mapOptions(words: readonly string[], map: (name: string, value: string) => string): string[] {
  return words.map((w, i) => (i > 0 && words[i - 1]!.startsWith('--') ? map(words[i - 1]!, w) : w));
}

function saveMatch(m: Match, family: IPFamily): string[] {
  switch (m.name) {
    case 'comment':
      return ['--comment', saveString(option(m.words, '--comment') ?? '')];
    case 'statistic':
      return mapOptions(m.words, (name, v) => (name === '--probability' ? saveProbability(v) : v));
    case 'recent':
      return saveRecent(m.words, family);
    case 'mark':
      return mapOptions(m.words, (name, v) => (name === '--mark' ? saveMarkValue(v) : v));
    case 'nfacct':
      // libxt_nfacct prints "--nfacct-name " and xtables_save_string adds its own space.
      return ['--nfacct-name', ` ${saveString(option(m.words, '--nfacct-name') ?? '')}`];
    case 'conntrack':
      return mapOptions(m.words, (name, v) =>
        name === '--ctstate' ? CT_STATES.filter((s) => v.split(',').includes(s)).join(',') : v);
    default:
      return [...m.words];
  }
}

function saveTarget(name: string, words: readonly string[], family: IPFamily): string[] {
  if (name === 'MARK') {
    const xor = option(words, '--xor-mark'), or = option(words, '--or-mark'), set = option(words, '--set-mark');
    if (xor !== undefined) return ['--set-xmark', `${hex(xor)}/0x0`];
    if (or !== undefined) return ['--set-xmark', `${hex(or)}/${hex(or)}`];
    if (set !== undefined) return ['--set-xmark', `${hex(set)}/0xffffffff`];
  }
  if (name === 'REJECT' && !words.includes('--reject-with')) {
    return ['--reject-with', family === 4 ? 'icmp-port-unreachable' : 'icmp6-port-unreachable'];
  }
  return [...words];
}

/** One rule, `-A CHAIN` included, as iptables-save prints it. */
export function saveRule(chain: string, words: readonly string[], family: IPFamily): string {
  const rule = parseRuleWords(words);
  const out = ['-A', chain];
  for (const name of BASE_OPTIONS) {
    const base = rule.base.get(name);
    if (!base) continue;
    const value = name === '-s' || name === '-d' ? saveAddress(base.value) : base.value;
    out.push(...(base.negated ? ['!'] : []), name, value);
  }
  for (const m of rule.matches) out.push('-m', m.name, ...saveMatch(m, family));
  if (rule.target) out.push('-j', rule.target.name, ...saveTarget(rule.target.name, rule.target.words, family));
  return out.join(' ');
}

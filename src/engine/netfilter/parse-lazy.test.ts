import { describe, expect, it } from 'vitest';
import { KUBE_PROXY_RULES } from './fixtures';
import {
  createRuleBodyCaches, parseDualStackRulesets, parseDualStackRulesetsLazily, parseRuleset, renderParseError,
  type RulesetParseError,
} from './parse';
import type { Ruleset } from './types';

class ChainError extends Error {
  constructor(readonly error: RulesetParseError) { super(renderParseError(error)); }
}
const throwIt = (error: RulesetParseError): never => { throw new ChainError(error); };

function lazy(text: string, caches = createRuleBodyCaches()): { ipv4: Ruleset; ipv6?: Ruleset } {
  const r = parseDualStackRulesetsLazily(text.split('\n'), throwIt, caches);
  if (!r.ok) throw new Error(renderParseError(r.error));
  return r;
}

/** Every chain's rules read, as plain data. */
const plain = (rs: Ruleset | undefined) => rs && {
  family: rs.family,
  tables: rs.tables.map((t) => ({ name: t.name, chains: t.chains.map((c) => ({ ...c, rules: [...c.rules] })) })),
};

/** The error reading a chain's rules reports. */
function errorReading(rs: Ruleset, table: string, chain: string): RulesetParseError | undefined {
  try {
    void rs.tables.find((t) => t.name === table)!.chains.find((c) => c.name === chain)!.rules;
    return undefined;
  } catch (e) {
    if (e instanceof ChainError) return e.error;
    throw e;
  }
}

const chainOf = (rs: Ruleset, table: string, name: string) => rs.tables.find((t) => t.name === table)!.chains.find((c) => c.name === name)!;

const inNat = (rules: string) => `*nat\n:KUBE-X - [0:0]\n:KUBE-Y - [0:0]\n${rules}\nCOMMIT\n`;

describe('parseDualStackRulesetsLazily', () => {
  it('gives the rules the full load gives: index, line, text, matches and target', () => {
    const eager = parseDualStackRulesets(KUBE_PROXY_RULES);
    if (!eager.ok) throw new Error(renderParseError(eager.error));
    expect(plain(lazy(KUBE_PROXY_RULES).ipv4)).toEqual(plain(eager.ipv4));
  });

  it('keeps the line numbers of the whole text across the IPv6 marker', () => {
    const text = `${inNat('-A KUBE-X -j KUBE-Y')}# ip6tables\n${inNat('-A KUBE-Y -p tcp -m tcp --dport 53 -j DNAT --to-destination [fd00::1]:53')}`;
    const eager = parseDualStackRulesets(text);
    if (!eager.ok) throw new Error(renderParseError(eager.error));
    const sets = lazy(text);
    expect(plain(sets.ipv6)).toEqual(plain(eager.ipv6));
    expect(chainOf(sets.ipv6!, 'nat', 'KUBE-Y').rules[0]).toMatchObject({ line: 10, index: 0 });
  });

  it('reads each chain as an ordinary value: its rules an own, enumerable property, the same array each time', () => {
    const rs = lazy(KUBE_PROXY_RULES).ipv4;
    const chain = chainOf(rs, 'nat', 'KUBE-SERVICES');
    expect(Object.keys(chain)).toContain('rules');
    const first = chain.rules;
    expect(chain.rules).toBe(first);
    expect(Object.keys(chain)).toEqual(['name', 'builtin', 'rules']);
    expect({ ...chain }.rules).toBe(first);
  });

  it('shares parsed options between rulesets loaded with the same caches, never the rules themselves', () => {
    const caches = createRuleBodyCaches();
    const a = chainOf(lazy(KUBE_PROXY_RULES, caches).ipv4, 'nat', 'KUBE-SERVICES').rules;
    const b = chainOf(lazy(`\n${KUBE_PROXY_RULES}`, caches).ipv4, 'nat', 'KUBE-SERVICES').rules;
    expect(b[0]!.target).toBe(a[0]!.target);
    expect(b[0]!.line).toBe(a[0]!.line + 1);
  });

  it('reports a rule that does not parse when its chain is read, with the error the full load gives', () => {
    const text = inNat('-A KUBE-X -j KUBE-Y\n-A KUBE-Y -m tcp --dport 80 -j ACCEPT');
    const eager = parseRuleset(text);
    expect(eager.ok).toBe(false);
    const rs = lazy(text).ipv4;
    expect(errorReading(rs, 'nat', 'KUBE-X')).toBeUndefined();
    expect(errorReading(rs, 'nat', 'KUBE-Y')).toEqual(!eager.ok && eager.error);
    expect(errorReading(rs, 'nat', 'KUBE-Y')).toEqual({ line: 5, text: '-A KUBE-Y -m tcp --dport 80 -j ACCEPT', message: '-m tcp needs "-p tcp"' });
  });

  it('reports an unterminated quote in a rule when its chain is read', () => {
    const text = inNat('-A KUBE-X -m comment --comment "oops -j KUBE-Y');
    const eager = parseRuleset(text);
    expect(errorReading(lazy(text).ipv4, 'nat', 'KUBE-X')).toEqual(!eager.ok && eager.error);
  });

  it('checks each rule target as the full load does: a missing chain, a table-restricted target', () => {
    for (const rule of ['-A KUBE-X -j KUBE-MISSING', '-A KUBE-X -j PREROUTING', '-A KUBE-X -j REJECT']) {
      const eager = parseRuleset(inNat(rule));
      expect(eager.ok).toBe(false);
      expect(errorReading(lazy(inNat(rule)).ipv4, 'nat', 'KUBE-X')).toEqual(!eager.ok && eager.error);
    }
  });

  it('fails at once, as the full load does, where the tables themselves do not load', () => {
    for (const text of [inNat('-A KUBE-NONE -j ACCEPT'), '*nat\n:KUBE-X - [0:0]\n', inNat(':bad name - [0:0]')]) {
      const eager = parseDualStackRulesets(text);
      expect(eager.ok).toBe(false);
      expect(parseDualStackRulesetsLazily(text.split('\n'), throwIt)).toEqual(eager);
    }
  });

  it('loads rules the fast path leaves to the tokenizer (tabs, counters, -I) the same way', () => {
    const text = inNat('-A\tKUBE-X -j KUBE-Y\n[3:180] -A KUBE-X -j RETURN\n-I KUBE-X 1 -p udp -j KUBE-Y\n-A KUBE-Y -j RETURN\n-A KUBE-X -j KUBE-Y');
    const eager = parseRuleset(text);
    if (!eager.ok) throw new Error(renderParseError(eager.error));
    expect(plain(lazy(text).ipv4)).toEqual(plain(eager.ruleset));
  });

  it('flushes and deletes chains as the full load does', () => {
    const text = inNat('-A KUBE-Y -j RETURN\n-A KUBE-X -j KUBE-Y\n-F KUBE-Y\n-A KUBE-Y -j ACCEPT\n:KUBE-Z - [0:0]\n-X KUBE-Z\n-A KUBE-X -j RETURN');
    const eager = parseRuleset(text);
    if (!eager.ok) throw new Error(renderParseError(eager.error));
    expect(plain(lazy(text).ipv4)).toEqual(plain(eager.ruleset));
  });
});

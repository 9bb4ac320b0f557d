// Loads iptables-restore / iptables-save text into a Ruleset, with the semantics of
// `iptables-restore --noflush` (how kube-proxy loads its rules) starting from empty
// tables: `*table` opens a transaction, `:CHAIN POLICY [p:b]` declares (and flushes) a
// chain or sets a built-in chain's policy, `-A`/`-I` add rules, `-X` deletes a chain,
// `COMMIT` applies. Built-in chains exist without being declared. Lines outside a table
// block may be single iptables commands (`iptables -t nat -I PREROUTING ...`), the form in
// which kube-proxy installs its jumps from the built-in chains. The first error stops the
// load and names its line, as iptables-restore does ("line N failed").
// Generated rulesets (kube-proxy's, tens of thousands of chains of which a trace reads a few
// dozen) can load lazily: the tables and chains at once, each chain's rule options when the
// chain is first read.

import { blockLine, commandLine, deferredBody, fail, LineError, tableOf, type ChainB, type Doc, type RuleB, type TableB } from './parse-doc';
import type { ParsedRuleBody } from './parse-rule';
import type { Chain, Rule, Ruleset, Table } from './types';
import { checkTarget, validateRuleset } from './validate';

export interface RulesetParseError {
  /** 1-based line of the input. */
  readonly line: number;
  readonly text: string;
  readonly message: string;
}
export type ParseResult = { readonly ok: true; readonly ruleset: Ruleset } | { readonly ok: false; readonly error: RulesetParseError };
export type DualStackParseResult =
  | { readonly ok: true; readonly ipv4: Ruleset; readonly ipv6?: Ruleset }
  | { readonly ok: false; readonly error: RulesetParseError };

/** Called with the error of a lazily loaded chain that does not load, when it is read; does not return. */
export type OnChainError = (error: RulesetParseError) => never;

/** lines[from, to) loaded into tables; line numbers count from firstLine at `from`. */
function loadLines(lines: readonly string[], from: number, to: number, family: 4 | 6, firstLine: number, defer: boolean): Doc | RulesetParseError {
  const doc: Doc = { family, tables: [], defer };
  for (let i = from; i < to; i++) {
    const raw = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    // `nfacct add NAME` creates the counter a `-m nfacct` rule counts into: not a rule.
    if (trimmed.startsWith('nfacct') && /^nfacct\s+add\s/.test(trimmed)) continue;
    const line = i - from + firstLine;
    try {
      if (trimmed.startsWith('*')) {
        if (doc.block) fail(`table '${trimmed.slice(1)}' opened before COMMIT of '${doc.block.name}'`);
        doc.block = tableOf(doc, trimmed.slice(1));
      } else if (doc.block) blockLine(doc, doc.block, raw, line, i);
      else commandLine(doc, trimmed, line);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      return { line, text: raw, message: e.message };
    }
  }
  if (doc.block) return { line: to - from + firstLine - 1, text: '', message: `no COMMIT for table '${doc.block.name}'` };
  return doc;
}

const chainHead = (c: ChainB): Omit<Chain, 'rules'> =>
  c.builtin ? { name: c.name, builtin: true, policy: c.policy ?? 'ACCEPT' } : { name: c.name, builtin: false };

function freeze(doc: Doc): Ruleset {
  const tables = doc.tables.map((t) => {
    const chains = t.chains.map((c): Chain => {
      const rules = c.rules.map((r, index): Rule => {
        const { line, text, body } = r as RuleB;
        return { table: t.name, chain: c.name, index, line, text, ...body };
      });
      return { ...chainHead(c), rules };
    });
    return { name: t.name, chains };
  });
  return { family: doc.family, tables };
}

/** Rule options already parsed, by rule text, for one family: generated rulesets repeat most lines node after node. */
export type RuleBodyCache = Map<string, ParsedRuleBody>;

/** What a lazily loaded table's chains need to parse their rules. */
interface LazyTable {
  /** The loaded table; each chain's `order` is its position, its rules are in `slots`. */
  readonly table: TableB;
  /** Every chain's rules, chain after chain: a line index, or -1 - i for `eager[i]` (a rule parsed as it was loaded). */
  readonly slots: Int32Array;
  /** Where the rules of the chain at position k start in `slots` (those of k + 1 start where they end). */
  readonly starts: Int32Array;
  readonly eager: readonly RuleB[];
  readonly family: 4 | 6;
  readonly lines: readonly string[];
  /** Line number of lines[0]. */
  readonly lineBase: number;
  readonly onError: OnChainError;
  readonly bodies: RuleBodyCache;
  /** Chains materialised so far, by name. */
  readonly done: Map<string, readonly Rule[]>;
}

function bodyOf(lt: LazyTable, text: string): ParsedRuleBody | RulesetParseError {
  let body = lt.bodies.get(text);
  if (!body) {
    try {
      body = deferredBody(text, lt.family);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      return { line: 0, text, message: e.message };
    }
    lt.bodies.set(text, body);
  }
  return body;
}

/**
 * A chain's rules, parsed now, then checked as validateRuleset checks each rule's target. A
 * rule that does not parse or check calls onError with the error a full load gives for it
 * (the loop and hook checks, which need every chain, are the full load's).
 */
function materialise(lt: LazyTable, c: ChainB): Rule[] {
  const byName = (name: string): ChainB | undefined => lt.table.byName.get(name);
  const rules: Rule[] = [];
  for (let j = lt.starts[c.order]!, end = lt.starts[c.order + 1]!; j < end; j++) {
    const slot = lt.slots[j]!;
    const index = rules.length;
    let rule: Rule;
    if (slot >= 0) {
      const raw = lt.lines[slot]!;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const line = slot + lt.lineBase;
      const body = bodyOf(lt, text);
      if ('message' in body) return lt.onError({ ...body, line });
      rule = { table: lt.table.name, chain: c.name, index, line, text, ...body };
    } else {
      const r = lt.eager[-1 - slot]!;
      rule = { table: lt.table.name, chain: c.name, index, line: r.line, text: r.text, ...r.body };
    }
    const invalid = checkTarget(lt.table.name, rule, byName);
    rules.push(invalid ? lt.onError(invalid) : rule);
  }
  return rules;
}

// A lazily loaded chain is a plain object whose `rules` is, until first read, an accessor
// shared by every such chain (so that V8 keeps one hidden class for them all: a closure per
// chain would cost hundreds of bytes on each of a hundred thousand chains), and a data
// property after. Its table is under a symbol key, not enumerable: not part of the value.
const LAZY = Symbol('lazy table');
type LazyChain = Chain & { readonly [LAZY]: LazyTable };

function lazyRules(this: LazyChain): readonly Rule[] {
  const lt = this[LAZY];
  let rules = lt.done.get(this.name);
  if (!rules) {
    rules = materialise(lt, lt.table.byName.get(this.name)!);
    lt.done.set(this.name, rules);
    if (Object.isExtensible(this)) Object.defineProperty(this, 'rules', { value: rules, enumerable: true });
  }
  return rules;
}
const LAZY_RULES: PropertyDescriptor = { get: lazyRules, enumerable: true, configurable: true };

/** What a packed chain's own list holds: nothing (frozen, so that nothing adds to it). */
const PACKED = Object.freeze([]) as unknown as ChainB['rules'];

/** The rules of every chain in one typed array (a hundred thousand small arrays cost several times more). */
function packRules(table: TableB): Pick<LazyTable, 'slots' | 'starts' | 'eager'> {
  let total = 0;
  for (const c of table.chains) total += c.rules.length;
  const slots = new Int32Array(total), starts = new Int32Array(table.chains.length + 1), eager: RuleB[] = [];
  let j = 0;
  table.chains.forEach((c, k) => {
    starts[k] = j;
    c.order = k;
    for (const r of c.rules) slots[j++] = typeof r === 'number' ? r : -eager.push(r);
    c.rules = PACKED;
  });
  starts[table.chains.length] = j;
  return { slots, starts, eager };
}

/** A table whose chains materialise their rules on first read. */
function lazyTable(lt: LazyTable): Table {
  const owner: PropertyDescriptor = { value: lt };
  const chains = lt.table.chains.map((c): Chain => {
    const head = c.builtin ? { name: c.name, builtin: true, policy: c.policy ?? 'ACCEPT' } : { name: c.name, builtin: false };
    Object.defineProperty(head, LAZY, owner);
    return Object.defineProperty(head, 'rules', LAZY_RULES) as Chain;
  });
  return { name: lt.table.name, chains };
}

function parseLines(lines: readonly string[], from: number, to: number, family: 4 | 6, firstLine: number): ParseResult {
  const doc = loadLines(lines, from, to, family, firstLine, false);
  if (!('tables' in doc)) return { ok: false, error: doc };
  const ruleset = freeze(doc);
  const invalid = validateRuleset(ruleset);
  return invalid ? { ok: false, error: invalid } : { ok: true, ruleset };
}

/** Parses iptables-restore or iptables-save text for one address family. */
export function parseRuleset(text: string, options: { family?: 4 | 6; firstLine?: number } = {}): ParseResult {
  const lines = text.split('\n');
  return parseLines(lines, 0, lines.length, options.family ?? 4, options.firstLine ?? 1);
}

type LoadRange = (lines: readonly string[], from: number, to: number, family: 4 | 6, firstLine: number) => ParseResult;

function dualStack(lines: readonly string[], load: LoadRange): DualStackParseResult {
  const split = lines.findIndex((l) => l.includes('# ip6tables') && l.trim() === '# ip6tables');
  if (split < 0 && isIPv6Only(lines)) {
    // A single-stack IPv6 node: only the ip6tables set; its IPv4 tables hold no rules.
    const v6 = load(lines, 0, lines.length, 6, 1);
    if (!v6.ok) return v6;
    const none = load([''], 0, 1, 4, 1);
    return none.ok ? { ok: true, ipv4: none.ruleset, ipv6: v6.ruleset } : none;
  }
  const v4 = load(lines, 0, split < 0 ? lines.length : split, 4, 1);
  if (!v4.ok) return v4;
  if (split < 0) return { ok: true, ipv4: v4.ruleset };
  const v6 = load(lines, split + 1, lines.length, 6, split + 2);
  return v6.ok ? { ok: true, ipv4: v4.ruleset, ipv6: v6.ruleset } : v6;
}

/**
 * A dual-stack node's rules: the IPv4 set, then the IPv6 set after a line `# ip6tables`; a
 * single-stack IPv6 node's text is the IPv6 set alone. Line numbers stay those of the whole text.
 */
export const parseDualStackRulesets = (text: string): DualStackParseResult => dualStack(text.split('\n'), parseLines);

/** A fresh cache of parsed rule options for parseDualStackRulesetsLazily, one map per family. */
export const createRuleBodyCaches = (): Record<4 | 6, RuleBodyCache> => ({ 4: new Map(), 6: new Map() });

/**
 * parseDualStackRulesets for generated rules, given as the text's lines (`text.split('\n')`),
 * loading each chain's rules when it is first read: the same rules (index, line, text and
 * all), the same structural errors at once, and a chain's rule errors through onError when
 * that chain is read. For text we wrote and trust; user text takes the full load. Rulesets
 * loaded with the same caches share the parsed options of identical rule lines.
 */
export function parseDualStackRulesetsLazily(
  lines: readonly string[], onError: OnChainError, caches: Record<4 | 6, RuleBodyCache> = createRuleBodyCaches(),
): DualStackParseResult {
  return dualStack(lines, (ls, from, to, family, firstLine) => {
    const doc = loadLines(ls, from, to, family, firstLine, true);
    if (!('tables' in doc)) return { ok: false, error: doc };
    const tables = doc.tables.map((table) => lazyTable({
      table, ...packRules(table), family, lines: ls, lineBase: firstLine - from, onError, bodies: caches[family], done: new Map(),
    }));
    return { ok: true, ruleset: { family, tables } };
  });
}

/** The text starts with ip6tables commands (or the ip6tables-restore header): an IPv6-only ruleset. */
function isIPv6Only(lines: readonly string[]): boolean {
  const first = lines.find((l) => l.trim() !== '');
  return first !== undefined && /^(#\s*)?ip6tables/.test(first.trim());
}

/** iptables-restore's own wording of a load failure. */
export const renderParseError = (e: RulesetParseError, tool = 'iptables-restore'): string =>
  `${tool}: line ${e.line} failed: ${e.message}`;

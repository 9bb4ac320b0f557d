// Loads iptables-restore / iptables-save text into a Ruleset, with the semantics of
// `iptables-restore --noflush` (how kube-proxy loads its rules) starting from empty
// tables: `*table` opens a transaction, `:CHAIN POLICY [p:b]` declares (and flushes) a
// chain or sets a built-in chain's policy, `-A`/`-I` add rules, `-X` deletes a chain,
// `COMMIT` applies. Built-in chains exist without being declared. Lines outside a table
// block may be single iptables commands (`iptables -t nat -I PREROUTING ...`), the form in
// which kube-proxy installs its jumps from the built-in chains. The first error stops the
// load and names its line, as iptables-restore does ("line N failed").

import { parseRuleWords, type ParsedRuleBody } from './parse-rule';
import { tokenizeRuleLine } from './tokenize';
import { BUILTIN_CHAINS, TABLES, type Chain, type Hook, type Rule, type Ruleset, type TableName } from './types';
import { validateRuleset } from './validate';

export interface RulesetParseError {
  /** 1-based line of the input. */
  readonly line: number;
  readonly text: string;
  readonly message: string;
}
export type ParseResult = { readonly ok: true; readonly ruleset: Ruleset } | { readonly ok: false; readonly error: RulesetParseError };

interface RuleB { readonly line: number; readonly text: string; readonly body: ParsedRuleBody }
interface ChainB { readonly name: string; readonly builtin: boolean; policy?: 'ACCEPT' | 'DROP'; rules: RuleB[] }
interface TableB { readonly name: TableName; readonly chains: ChainB[]; readonly byName: Map<string, ChainB> }
interface Doc { readonly family: 4 | 6; readonly tables: TableB[]; block?: TableB }

class LineError extends Error {}
const fail = (message: string): never => { throw new LineError(message); };

const CHAIN_NAME = /^[^\s!-][^\s]{0,28}$/;
const COMMANDS = new Set(['iptables', 'ip6tables', 'iptables-legacy', 'ip6tables-legacy', 'iptables-nft', 'ip6tables-nft']);

function tableOf(doc: Doc, name: string): TableB {
  if (!(TABLES as readonly string[]).includes(name)) fail(`table '${name}' does not exist`);
  let t = doc.tables.find((x) => x.name === name);
  if (!t) {
    const builtins = BUILTIN_CHAINS[name as TableName].map((h: Hook): ChainB => ({ name: h, builtin: true, policy: 'ACCEPT', rules: [] }));
    t = { name: name as TableName, chains: builtins, byName: new Map(builtins.map((c) => [c.name, c])) };
    doc.tables.push(t);
  }
  return t;
}

const chainOf = (t: TableB, name: string): ChainB =>
  t.byName.get(name) ?? fail(`chain '${name}' does not exist in table '${t.name}'`);

function declareChain(t: TableB, line: string): void {
  const m = /^:(\S+)\s+(\S+)(?:\s+\[\d+:\d+\])?\s*$/.exec(line) ?? fail('bad chain declaration');
  const [, name, policy] = m as unknown as [string, string, string];
  const existing = t.byName.get(name);
  if (existing?.builtin) {
    if (policy !== 'ACCEPT' && policy !== 'DROP') fail(`bad built-in chain policy '${policy}'`);
    existing.policy = policy as 'ACCEPT' | 'DROP';
    return;
  }
  if (policy !== '-') fail(`user chain '${name}' cannot have a policy`);
  if (!CHAIN_NAME.test(name)) fail(`invalid chain name '${name}'`);
  if (existing) existing.rules = [];
  else {
    const c: ChainB = { name, builtin: false, rules: [] };
    t.chains.push(c);
    t.byName.set(name, c);
  }
}

/** `-A CHAIN opts...` or `-I CHAIN [pos] opts...` into table t. */
function addRule(doc: Doc, t: TableB, words: readonly string[], line: number, text: string): void {
  const [cmd, chainName] = words;
  if (chainName === undefined) fail(`option "${cmd}" requires a chain name`);
  const chain = chainOf(t, chainName!);
  let rest = words.slice(2);
  let pos = cmd === '-A' || cmd === '--append' ? chain.rules.length : 0;
  if ((cmd === '-I' || cmd === '--insert') && rest[0] !== undefined && /^[0-9]+$/.test(rest[0])) {
    pos = Number(rest[0]) - 1;
    if (pos < 0 || pos > chain.rules.length) fail(`index of insertion too big`);
    rest = rest.slice(1);
  }
  const r = parseRuleWords(rest, doc.family);
  if (!r.ok) fail(r.error);
  chain.rules.splice(pos, 0, { line, text, body: (r as { rule: ParsedRuleBody }).rule });
}

function deleteChain(t: TableB, name: string | undefined): void {
  const c = chainOf(t, name ?? '');
  if (c.builtin) fail(`cannot delete built-in chain '${c.name}'`);
  if (c.rules.length) fail(`cannot delete chain '${c.name}': it has rules`);
  t.chains.splice(t.chains.indexOf(c), 1);
  t.byName.delete(c.name);
}

function blockLine(doc: Doc, t: TableB, text: string, line: number): void {
  const trimmed = text.trim();
  if (trimmed === 'COMMIT') { doc.block = undefined; return; }
  if (trimmed.startsWith(':')) { declareChain(t, trimmed); return; }
  const tok = tokenizeRuleLine(trimmed.replace(/^\[\d+:\d+\]\s+/, ''));
  if (!tok.ok) fail(tok.error);
  const words = (tok as { words: readonly string[] }).words;
  const cmd = words[0];
  if (cmd === '-A' || cmd === '--append' || cmd === '-I' || cmd === '--insert') addRule(doc, t, words, line, text);
  else if (cmd === '-X' || cmd === '--delete-chain') deleteChain(t, words[1]);
  else if (cmd === '-F' || cmd === '--flush') chainOf(t, words[1] ?? '').rules = [];
  else if (cmd === '-N' || cmd === '--new-chain') declareChain(t, `:${words[1] ?? ''} -`);
  else fail(`unknown command "${cmd ?? ''}"`);
}

/** A single iptables command outside a block: `[iptables] [-w [n]] [-W n] -t TABLE -A|-I|-N|-P CHAIN ...`. */
function commandLine(doc: Doc, text: string, line: number): void {
  const tok = tokenizeRuleLine(text);
  if (!tok.ok) fail(tok.error);
  const all = [...(tok as { words: readonly string[] }).words];
  const isCommand = COMMANDS.has(all[0]!);
  if (isCommand) all.shift();
  if (!isCommand && !all.includes('-t') && !all.includes('--table')) fail(`rule outside a table block (no "*table" line and no "-t")`);
  let table = 'filter';
  const words: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const w = all[i]!;
    if (w === '-t' || w === '--table') table = all[++i] ?? fail('option "-t" requires a table name');
    else if (w === '-w' || w === '--wait') { if (/^[0-9]+$/.test(all[i + 1] ?? '')) i++; }
    else if (w === '-W' || w === '--wait-interval') i++;
    else words.push(w);
  }
  const t = tableOf(doc, table);
  const cmd = words[0];
  if (cmd === '-P' || cmd === '--policy') declareChain(t, `:${words[1] ?? ''} ${words[2] ?? ''}`);
  else if (cmd === '-N' || cmd === '--new-chain') declareChain(t, `:${words[1] ?? ''} -`);
  else if (cmd === '-A' || cmd === '--append' || cmd === '-I' || cmd === '--insert') addRule(doc, t, words, line, text.trim());
  else fail(`rule outside a table block (no "*table" line and no "-t"): "${cmd ?? ''}"`);
}

function freeze(doc: Doc): Ruleset {
  const tables = doc.tables.map((t) => {
    const chains = t.chains.map((c): Chain => {
      const rules = c.rules.map((r, index): Rule => ({ table: t.name, chain: c.name, index, line: r.line, text: r.text, ...r.body }));
      return c.builtin ? { name: c.name, builtin: true, policy: c.policy ?? 'ACCEPT', rules } : { name: c.name, builtin: false, rules };
    });
    return { name: t.name, chains };
  });
  return { family: doc.family, tables };
}

/** Parses iptables-restore or iptables-save text for one address family. */
export function parseRuleset(text: string, options: { family?: 4 | 6; firstLine?: number } = {}): ParseResult {
  const doc: Doc = { family: options.family ?? 4, tables: [] };
  const lines = text.split('\n');
  const first = options.firstLine ?? 1;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    // `nfacct add NAME` creates the counter a `-m nfacct` rule counts into: not a rule.
    if (/^nfacct\s+add\s/.test(trimmed)) continue;
    try {
      if (trimmed.startsWith('*')) {
        if (doc.block) fail(`table '${trimmed.slice(1)}' opened before COMMIT of '${doc.block.name}'`);
        doc.block = tableOf(doc, trimmed.slice(1));
      } else if (doc.block) blockLine(doc, doc.block, raw, i + first);
      else commandLine(doc, trimmed, i + first);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      return { ok: false, error: { line: i + first, text: raw, message: e.message } };
    }
  }
  if (doc.block) return { ok: false, error: { line: lines.length + first - 1, text: '', message: `no COMMIT for table '${doc.block.name}'` } };
  const ruleset = freeze(doc);
  const invalid = validateRuleset(ruleset);
  return invalid ? { ok: false, error: invalid } : { ok: true, ruleset };
}

/**
 * A dual-stack node's rules: the IPv4 set, then the IPv6 set after a line `# ip6tables`; a
 * single-stack IPv6 node's text is the IPv6 set alone. Line numbers stay those of the whole text.
 */
export function parseDualStackRulesets(text: string): { ok: true; ipv4: Ruleset; ipv6?: Ruleset } | { ok: false; error: RulesetParseError } {
  const lines = text.split('\n');
  const split = lines.findIndex((l) => l.trim() === '# ip6tables');
  if (split < 0 && isIPv6Only(lines)) {
    // A single-stack IPv6 node: only the ip6tables set; its IPv4 tables hold no rules.
    const v6 = parseRuleset(text, { family: 6 });
    if (!v6.ok) return v6;
    const none = parseRuleset('', { family: 4 });
    return none.ok ? { ok: true, ipv4: none.ruleset, ipv6: v6.ruleset } : none;
  }
  const v4 = parseRuleset(split < 0 ? text : lines.slice(0, split).join('\n'), { family: 4 });
  if (!v4.ok) return v4;
  if (split < 0) return { ok: true, ipv4: v4.ruleset };
  const v6 = parseRuleset(lines.slice(split + 1).join('\n'), { family: 6, firstLine: split + 2 });
  return v6.ok ? { ok: true, ipv4: v4.ruleset, ipv6: v6.ruleset } : v6;
}

/** The text starts with ip6tables commands (or the ip6tables-restore header): an IPv6-only ruleset. */
function isIPv6Only(lines: readonly string[]): boolean {
  const first = lines.find((l) => l.trim() !== '');
  return first !== undefined && /^(#\s*)?ip6tables/.test(first.trim());
}

/** iptables-restore's own wording of a load failure. */
export const renderParseError = (e: RulesetParseError, tool = 'iptables-restore'): string =>
  `${tool}: line ${e.line} failed: ${e.message}`;

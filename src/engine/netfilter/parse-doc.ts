// The tables being built while iptables-restore text loads, and the commands that change
// them (`*table` blocks' `:CHAIN`, `-A`, `-I`, `-X`, `-F`, `-N`, and single `iptables`
// commands outside a block). A rule's options are parsed as it is added, or, when the load
// defers them, kept as its line and parsed later by deferredBody: same words, same parser.

import { parseRuleWords, type ParsedRuleBody } from './parse-rule';
import { tokenizeRuleLine } from './tokenize';
import { BUILTIN_CHAINS, TABLES, type Hook, type TableName } from './types';

/** A rule as loaded, with its options parsed. */
export interface RuleB { readonly line: number; readonly text: string; readonly body: ParsedRuleBody }
/** A rule whose options are parsed when first read: the index of its line in Doc.lines. */
export type DeferredRule = number;
export interface ChainB {
  readonly name: string;
  readonly builtin: boolean;
  /** Position in its table's chains: when declared (a hint while loading: deleting a chain shifts the others), then exact. */
  order: number;
  policy?: 'ACCEPT' | 'DROP';
  rules: (RuleB | DeferredRule)[];
}
export interface TableB { readonly name: TableName; readonly chains: ChainB[]; readonly byName: Map<string, ChainB> }
export interface Doc {
  readonly family: 4 | 6;
  readonly tables: TableB[];
  /** Keep plain `-A` rules' options unparsed, as DeferredRules (deferredBody parses them). */
  readonly defer: boolean;
  block?: TableB;
  /** The chain the last deferred rule went to. */
  last?: ChainB;
}

/** An error on the line being loaded; the loader adds the line. */
export class LineError extends Error {}
export const fail = (message: string): never => { throw new LineError(message); };

const CHAIN_NAME = /^[^\s!-][^\s]{0,28}$/;
const COMMANDS = new Set(['iptables', 'ip6tables', 'iptables-legacy', 'ip6tables-legacy', 'iptables-nft', 'ip6tables-nft']);
/**
 * The chain of a `-A CHAIN ...` line whose first two words need no tokenizing: `-A`, one
 * space, a name of printable ASCII without a quote, then a space or the end. Anything else
 * (tabs, quotes, counters) is left to the tokenizer.
 */
function plainAppendChain(t: TableB, text: string, last: ChainB | undefined): ChainB | undefined {
  if (!text.startsWith('-A ')) return undefined;
  let end = 3;
  for (; end < text.length; end++) {
    const ch = text.charCodeAt(end);
    if (ch === 32) break;
    if (ch < 33 || ch > 126 || ch === 34) return undefined;
  }
  if (end === 3) return undefined;
  // Without a lookup where it can: rules mostly come in runs of one chain, and an endpoint
  // chain's rules follow those of the chain declared before it.
  if (last) {
    if (namesChain(text, end, last)) return last;
    const next = t.chains[last.order + 1];
    if (next && namesChain(text, end, next)) return next;
  }
  return chainOf(t, text.slice(3, end));
}

/** text[3, end) is the chain's name (a loop: startsWith with a position is slower here). */
function namesChain(text: string, end: number, c: ChainB): boolean {
  const name = c.name;
  if (name.length !== end - 3) return false;
  for (let i = 0; i < name.length; i++) if (text.charCodeAt(3 + i) !== name.charCodeAt(i)) return false;
  return true;
}

export function tableOf(doc: Doc, name: string): TableB {
  if (!(TABLES as readonly string[]).includes(name)) fail(`table '${name}' does not exist`);
  let t = doc.tables.find((x) => x.name === name);
  if (!t) {
    const builtins = BUILTIN_CHAINS[name as TableName].map((h: Hook, order): ChainB => ({ name: h, builtin: true, order, policy: 'ACCEPT', rules: [] }));
    t = { name: name as TableName, chains: builtins, byName: new Map(builtins.map((c) => [c.name, c])) };
    doc.tables.push(t);
  }
  return t;
}

const chainOf = (t: TableB, name: string): ChainB =>
  t.byName.get(name) ?? fail(`chain '${name}' does not exist in table '${t.name}'`);

/** The name in `:NAME - [0:0]` (how kube-proxy declares each chain) when it is a valid one: no regex to run. */
function plainUserChain(line: string): string | undefined {
  if (!line.endsWith(' - [0:0]')) return undefined;
  const name = line.slice(1, -8);
  return CHAIN_NAME.test(name) ? name : undefined;
}

function declareChain(t: TableB, line: string): void {
  let name = plainUserChain(line), policy = '-';
  if (name === undefined) {
    const m = /^:(\S+)\s+(\S+)(?:\s+\[\d+:\d+\])?\s*$/.exec(line) ?? fail('bad chain declaration');
    [, name, policy] = m as unknown as [string, string, string];
  }
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
    const c: ChainB = { name, builtin: false, order: t.chains.length, rules: [] };
    t.chains.push(c);
    t.byName.set(name, c);
  }
}

/** The words of a rule line in a block (an optional `[packets:bytes]` prefix dropped). */
function lineWords(text: string): readonly string[] {
  const tok = tokenizeRuleLine(text.trim().replace(/^\[\d+:\d+\]\s+/, ''));
  if (!tok.ok) fail(tok.error);
  return (tok as { words: readonly string[] }).words;
}

function ruleBody(words: readonly string[], family: 4 | 6): ParsedRuleBody {
  const r = parseRuleWords(words, family);
  if (!r.ok) fail(r.error);
  return (r as { rule: ParsedRuleBody }).rule;
}

/** The options of a deferred `-A CHAIN opts...` line, parsed as addRule would have. */
export const deferredBody = (text: string, family: 4 | 6): ParsedRuleBody => ruleBody(lineWords(text).slice(2), family);

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
  chain.rules.splice(pos, 0, { line, text, body: ruleBody(rest, doc.family) });
}

function deleteChain(t: TableB, name: string | undefined): void {
  const c = chainOf(t, name ?? '');
  if (c.builtin) fail(`cannot delete built-in chain '${c.name}'`);
  if (c.rules.length) fail(`cannot delete chain '${c.name}': it has rules`);
  t.chains.splice(t.chains.indexOf(c), 1);
  t.byName.delete(c.name);
}

/** A line inside a `*table` ... `COMMIT` block; `index` is its index in the loaded lines. */
export function blockLine(doc: Doc, t: TableB, text: string, line: number, index: number): void {
  const trimmed = text.trim();
  const plain = doc.defer ? plainAppendChain(t, trimmed, doc.last) : undefined;
  doc.last = plain; // any other line may end the run (COMMIT, -X, ...)
  if (plain) { plain.rules.push(index); return; }
  if (trimmed === 'COMMIT') { doc.block = undefined; return; }
  if (trimmed.startsWith(':')) { declareChain(t, trimmed); return; }
  const words = lineWords(trimmed);
  const cmd = words[0];
  if (cmd === '-A' || cmd === '--append' || cmd === '-I' || cmd === '--insert') addRule(doc, t, words, line, text);
  else if (cmd === '-X' || cmd === '--delete-chain') deleteChain(t, words[1]);
  else if (cmd === '-F' || cmd === '--flush') chainOf(t, words[1] ?? '').rules = [];
  else if (cmd === '-N' || cmd === '--new-chain') declareChain(t, `:${words[1] ?? ''} -`);
  else fail(`unknown command "${cmd ?? ''}"`);
}

/** A single iptables command outside a block: `[iptables] [-w [n]] [-W n] -t TABLE -A|-I|-N|-P CHAIN ...`. */
export function commandLine(doc: Doc, text: string, line: number): void {
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

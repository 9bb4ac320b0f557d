// Reading iptables-restore input back: words split the way iptables-restore splits a line
// (whitespace, double quotes grouping), and tables of chains with their `-A` rules in order.
// Shared by the iptables-save renderer and the rule-order normalisation of kube-proxy's tests.

/** Splits a rule line into words; quotes group words and are removed. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quoted = false;
  let inWord = false;
  for (const ch of text) {
    if (ch === '"') { quoted = !quoted; inWord = true; continue; }
    if (!quoted && (ch === ' ' || ch === '\t')) {
      if (inWord) words.push(current);
      current = ''; inWord = false;
      continue;
    }
    current += ch; inWord = true;
  }
  if (inWord) words.push(current);
  return words;
}

export interface RestoreChain {
  readonly name: string;
  /** The rule lines as written (`-A CHAIN ...`). */
  readonly rules: string[];
}

export interface RestoreTable {
  readonly name: string;
  readonly chains: RestoreChain[];
  /** Chains removed with `-X`. */
  readonly deleted: string[];
}

function chainOf(table: RestoreTable, name: string): RestoreChain {
  let chain = table.chains.find((c) => c.name === name);
  if (!chain) {
    chain = { name, rules: [] };
    table.chains.push(chain);
  }
  return chain;
}

/** Parses `*table` / `:CHAIN` / `-A` / `-X` / `COMMIT` lines; other lines are ignored. */
export function parseRestore(text: string): RestoreTable[] {
  const tables: RestoreTable[] = [];
  let table: RestoreTable | undefined;
  for (const raw of text.split('\n')) {
    const lineText = raw.trim();
    if (lineText.startsWith('*')) {
      table = { name: lineText.slice(1), chains: [], deleted: [] };
      tables.push(table);
    } else if (!table || lineText === '' || lineText.startsWith('#')) {
      continue;
    } else if (lineText === 'COMMIT') {
      table = undefined;
    } else if (lineText.startsWith(':')) {
      chainOf(table, lineText.slice(1).split(' ')[0]!);
    } else if (lineText.startsWith('-A ')) {
      chainOf(table, splitWords(lineText)[1]!).rules.push(lineText);
    } else if (lineText.startsWith('-X ')) {
      table.deleted.push(lineText.slice(3).trim());
    }
  }
  return tables;
}

/** The `--comment` text of a rule, unquoted; undefined without one. */
export function ruleComment(rule: string): string | undefined {
  const words = splitWords(rule);
  const i = words.indexOf('--comment');
  return i >= 0 ? words[i + 1] : undefined;
}

// A node's ruleset as `iptables-save` prints it, each rule line tied back to the line of the
// text kube-proxy feeds the kernel (what rule hops carry in `line`), so the rules a trace
// matched can be highlighted in the form people know. iptables-save lists each chain's rules
// in the order the kernel holds them: set-up commands `-I` (prepend) or `-A` (append) into
// built-in chains; a chain declared in restore input is flushed, then appended to.

import { renderIptablesSave } from '../../engine';

const IP6_MARKER = '# ip6tables';

export interface RulesetLine {
  readonly text: string;
  /** 1-based line of the source text this rule came from; undefined for non-rule lines. */
  readonly source?: number;
}

type Chains = Map<string, number[]>;

const tableOf = (words: string[]) => {
  const t = words.indexOf('-t');
  return t >= 0 ? words[t + 1]! : 'filter';
};

/** table/chain -> source line numbers, in the order the kernel holds the rules. */
function chainOrder(lines: readonly string[], offset: number): Chains {
  const chains: Chains = new Map();
  const list = (table: string, chain: string) => {
    const key = `${table}/${chain}`;
    if (!chains.has(key)) chains.set(key, []);
    return chains.get(key)!;
  };
  let table = '';
  lines.forEach((line, i) => {
    const n = i + 1 + offset;
    if (/^ip6?tables /.test(line)) {
      const words = line.split(/\s+/);
      const op = words.findIndex((w) => w === '-I' || w === '-A');
      if (op < 0) return;
      const rules = list(tableOf(words), words[op + 1]!);
      if (words[op] === '-I') rules.unshift(n);
      else rules.push(n);
    } else if (line.startsWith('*')) table = line.slice(1);
    else if (line.startsWith(':')) chains.set(`${table}/${line.slice(1).split(' ')[0]}`, []);
    else if (line.startsWith('-A ')) list(table, line.split(' ')[1]!).push(n);
    else if (line.startsWith('-X ')) chains.delete(`${table}/${line.split(' ')[1]}`);
  });
  return chains;
}

function mapFamily(source: readonly string[], offset: number, saved: string): RulesetLine[] {
  const chains = chainOrder(source, offset);
  const taken = new Map<string, number>();
  let table = '';
  return saved.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '').map((text) => {
    if (text.startsWith('*')) table = text.slice(1);
    if (!text.startsWith('-A ')) return { text };
    const key = `${table}/${text.split(' ')[1]}`;
    const k = taken.get(key) ?? 0;
    taken.set(key, k + 1);
    const line = chains.get(key)?.[k];
    return line === undefined ? { text } : { text, source: line };
  });
}

/** The iptables-save form of a ruleset text (`rulesForNode`), each rule with its source line. */
export function mapIptablesSave(text: string): RulesetLine[] {
  const lines = text.split('\n');
  const marker = lines.indexOf(IP6_MARKER);
  const v4 = marker < 0 ? lines : lines.slice(0, marker);
  const savedParts = renderIptablesSave(text).split(`${IP6_MARKER}\n`);
  const out = mapFamily(v4, 0, savedParts[0] ?? '');
  if (marker >= 0) out.push({ text: IP6_MARKER }, ...mapFamily(lines.slice(marker + 1), marker + 1, savedParts[1] ?? ''));
  return out;
}

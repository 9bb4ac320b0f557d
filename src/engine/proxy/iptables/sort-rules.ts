// The order-normalisation kube-proxy's own tests apply before comparing rulesets
// (sortIPTablesRules in pkg/proxy/iptables/proxier_test.go): tables by name; chains with
// KUBE-NODEPORTS, then KUBE-SERVICES, then other KUBE-* chains alphabetically; rules grouped
// by chain in order, except that KUBE-NODEPORTS and KUBE-SERVICES are stably sorted by the
// service name in their comments (the nat "must be the last rule" rule staying last).
// Used to compare kubehops output with kube-proxy's expectations.

import { parseRestore, ruleComment, type RestoreChain } from './restore-parse';

function chainOrder(a: string, b: string): number {
  const rank = (name: string): number =>
    name === 'KUBE-NODEPORTS' ? 0 : name === 'KUBE-SERVICES' ? 1 : name.startsWith('KUBE-') ? 2 : 3;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The service name of a comment: up to the first space or colon. */
function serviceOf(rule: string): string | undefined {
  const comment = ruleComment(rule);
  return comment === undefined ? undefined : comment.split(/[ :]/)[0];
}

/** Go's sort.SliceStable with orderByCommentServiceName (rules without comments never move). */
function sortByService(rules: string[], lastRule?: (rule: string) => boolean): string[] {
  const less = (a: string, b: string): boolean => {
    if (lastRule?.(a)) return false;
    if (lastRule?.(b)) return true;
    const x = serviceOf(a), y = serviceOf(b);
    return x !== undefined && y !== undefined && x < y;
  };
  // Insertion sort: stable, and correct for a comparator that is not a total order.
  const out: string[] = [];
  for (const rule of rules) {
    let i = out.length;
    while (i > 0 && less(rule, out[i - 1]!)) i--;
    out.splice(i, 0, rule);
  }
  return out;
}

const mustBeLast = (rule: string): boolean => ruleComment(rule)?.includes('must be the last rule') ?? false;

function sortChainRules(table: string, chain: RestoreChain): string[] {
  if (chain.name === 'KUBE-NODEPORTS') return sortByService(chain.rules);
  if (chain.name === 'KUBE-SERVICES') return sortByService(chain.rules, table === 'nat' ? mustBeLast : undefined);
  return chain.rules;
}

/** The ruleset in kube-proxy's test order, as `*table`, chain lines, rules, `COMMIT`. */
export function sortIPTablesRules(restoreText: string): string {
  const tables = parseRestore(restoreText).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const table of tables) {
    const chains = [...table.chains].sort((a, b) => chainOrder(a.name, b.name));
    out.push(`*${table.name}`, ...chains.map((c) => `:${c.name} - [0:0]`));
    for (const chain of chains) out.push(...sortChainRules(table.name, chain));
    out.push('COMMIT');
  }
  return `${out.join('\n')}\n`;
}

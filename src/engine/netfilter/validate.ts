// The checks the kernel makes when iptables-restore commits a table (net/netfilter/
// x_tables.c xt_check_target/xt_check_match, net/ipv4/netfilter/ip_tables.c
// mark_source_chains): every jump names an existing user chain of the same table, no
// chain loops back on itself, and targets and matches restricted to some tables or hooks
// are reachable only from those (e.g. DNAT only from PREROUTING/OUTPUT).

import { targetTable } from './parse-rule';
import type { Hook, Rule, Ruleset, Table, TableName } from './types';

export interface ValidationError { readonly line: number; readonly text: string; readonly message: string }

const TARGET_HOOKS: Readonly<Record<string, readonly Hook[]>> = {
  DNAT: ['PREROUTING', 'OUTPUT'],
  SNAT: ['POSTROUTING', 'INPUT'],
  MASQUERADE: ['POSTROUTING'],
  REJECT: ['INPUT', 'FORWARD', 'OUTPUT'],
};

const err = (r: Rule, message: string): ValidationError => ({ line: r.line, text: r.text, message });

const chainMap = (t: Table): Map<string, Table['chains'][number]> => new Map(t.chains.map((c) => [c.name, c]));

/** One rule's target in its table: a table-restricted target, or a jump to a user chain that exists. */
export function checkTarget(table: TableName, r: Rule, chainOf: (name: string) => { readonly builtin: boolean } | undefined): ValidationError | undefined {
  const restricted = targetTable(r.target);
  if (restricted && restricted !== table) return err(r, `${r.target.kind} target is only valid in the ${restricted} table`);
  if (r.target.kind !== 'jump' && r.target.kind !== 'goto') return undefined;
  const name = r.target.chain;
  const dest = chainOf(name);
  if (!dest) return err(r, `Couldn't load target \`${name}'`);
  if (dest.builtin) return err(r, `cannot jump to built-in chain ${name}`);
  return undefined;
}

function checkJumps(t: Table): ValidationError | undefined {
  const byName = chainMap(t);
  for (const c of t.chains) {
    for (const r of c.rules) {
      const e = checkTarget(t.name, r, (name) => byName.get(name));
      if (e) return e;
    }
  }
  return undefined;
}

/** The hooks each chain is reachable from; a loop is an error (ELOOP). */
function hookReach(t: Table): Record<string, Set<Hook>> | ValidationError {
  const byName = chainMap(t);
  const reach: Record<string, Set<Hook>> = {};
  for (const c of t.chains) reach[c.name] = new Set();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const visit = (chain: string, hook: Hook): ValidationError | undefined => {
    reach[chain]!.add(hook);
    onStack.add(chain);
    stack.push(chain);
    const e = visitRules(chain, hook);
    onStack.delete(chain);
    stack.pop();
    return e;
  };
  const visitRules = (chain: string, hook: Hook): ValidationError | undefined => {
    for (const r of byName.get(chain)!.rules) {
      if (r.target.kind !== 'jump' && r.target.kind !== 'goto') continue;
      const next = r.target.chain;
      if (onStack.has(next)) return err(r, `loop: ${[...stack, next].join(' -> ')} (Too many levels of symbolic links)`);
      if (reach[next]!.has(hook)) continue;
      const e = visit(next, hook);
      if (e) return e;
    }
    return undefined;
  };
  for (const c of t.chains.filter((x) => x.builtin)) {
    const e = visit(c.name, c.name as Hook);
    if (e) return e;
  }
  return reach;
}

function checkHooks(t: Table, reach: Record<string, Set<Hook>>): ValidationError | undefined {
  for (const c of t.chains) {
    const hooks = [...reach[c.name]!];
    for (const r of c.rules) {
      const allowed = TARGET_HOOKS[r.target.kind];
      const bad = allowed && hooks.filter((h) => !allowed.includes(h));
      if (bad && bad.length) return err(r, `${r.target.kind} target: used from hooks ${bad.join('/')}, but only usable from ${allowed!.join('/')}`);
      for (const m of r.matches) {
        if (m.module !== 'addrtype') continue;
        const only: readonly Hook[] | undefined = m.limitIfaceIn ? ['PREROUTING', 'INPUT', 'FORWARD'] : m.limitIfaceOut ? ['OUTPUT', 'FORWARD', 'POSTROUTING'] : undefined;
        const wrong = only && hooks.filter((h) => !only.includes(h));
        if (wrong && wrong.length) return err(r, `addrtype: --limit-iface-${m.limitIfaceIn ? 'in' : 'out'} cannot be used from ${wrong.join('/')}`);
      }
    }
  }
  return undefined;
}

export function validateRuleset(rs: Ruleset): ValidationError | undefined {
  for (const t of rs.tables) {
    const e = checkJumps(t);
    if (e) return e;
    const reach = hookReach(t);
    if ('message' in reach) return reach as ValidationError;
    const h = checkHooks(t, reach as Record<string, Set<Hook>>);
    if (h) return h;
  }
  return undefined;
}

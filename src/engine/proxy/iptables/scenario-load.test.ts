// Every built-in scenario's rules, on every node, pass the full load (every check
// iptables-restore makes, loops and hooks included), and the lazy load a trace uses gives
// the very same rules.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withNeededClusterDNS } from '../../dns';
import { loadScenario } from '../../manifests/load';
import {
  createRuleBodyCaches, parseDualStackRulesets, parseDualStackRulesetsLazily, renderParseError, type Ruleset,
} from '../../netfilter';
import { ruleLinesForNode, rulesForNode } from './ruleset';

const scenarioDir = join(__dirname, '../../../scenarios');
const scenarios = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).map((file) => {
  const { cluster } = loadScenario([{ name: file, text: readFileSync(join(scenarioDir, file), 'utf8') }]);
  return [file, withNeededClusterDNS(cluster)] as const;
});

const plain = (rs: Ruleset | undefined) => rs && {
  family: rs.family,
  tables: rs.tables.map((t) => ({ name: t.name, chains: t.chains.map((c) => ({ ...c, rules: [...c.rules] })) })),
};

describe('built-in scenarios', () => {
  it.each(scenarios)('%s: every node\'s rules load fully, and lazily to the same rules', (_file, cluster) => {
    const caches = createRuleBodyCaches();
    for (const node of cluster.nodes.map((n) => n.metadata.name!)) {
      const eager = parseDualStackRulesets(rulesForNode(cluster, node));
      if (!eager.ok) throw new Error(`${node}: ${renderParseError(eager.error)}`);
      const lazy = parseDualStackRulesetsLazily(ruleLinesForNode(cluster, node), (e) => { throw new Error(renderParseError(e)); }, caches);
      if (!lazy.ok) throw new Error(`${node}: ${renderParseError(lazy.error)}`);
      expect(plain(lazy.ipv4)).toEqual(plain(eager.ipv4));
      expect(plain(lazy.ipv6)).toEqual(plain(eager.ipv6));
    }
  });
});

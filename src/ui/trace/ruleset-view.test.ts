import { describe, expect, it } from 'vitest';
import { rulesForNode } from '../../engine';
import { makeCluster } from '../test-scenarios';
import { runProbe } from './run-probe';
import { mapIptablesSave } from './ruleset-view';

describe('mapIptablesSave', () => {
  const cluster = makeCluster('nodeport');
  const text = rulesForNode(cluster, 'node-a');
  const source = text.split('\n');
  const lines = mapIptablesSave(text);

  it('gives every -A line of iptables-save a distinct source line in the same chain', () => {
    const rules = lines.filter((l) => l.text.startsWith('-A '));
    expect(rules.length).toBeGreaterThan(10);
    expect(rules.every((l) => l.source !== undefined)).toBe(true);
    expect(new Set(rules.map((l) => l.source)).size).toBe(rules.length);
    for (const r of rules) {
      const chain = r.text.split(' ')[1]!;
      expect(source[r.source! - 1]).toMatch(new RegExp(`(-A|-I) ${chain} `));
    }
  });

  it('ties every rule a trace matched to a line of the iptables-save text', () => {
    const result = runProbe(cluster, { from: 'client/laptop', to: '192.168.1.10:30080', seed: 1 });
    if (!result.ok) throw new Error(result.error);
    const matched = result.outcome.hops.filter((h) => h.kind === 'rule' && h.host === 'node/node-a');
    expect(matched.length).toBeGreaterThan(3);
    const mapped = new Set(lines.map((l) => l.source));
    for (const h of matched) {
      expect(mapped.has(h.kind === 'rule' ? h.line : -1)).toBe(true);
      expect(source[(h.kind === 'rule' ? h.line : 0) - 1]).toBe(h.kind === 'rule' ? h.text : '');
    }
  });

  it('keeps the table headers and COMMIT lines without a source', () => {
    expect(lines.filter((l) => l.text === 'COMMIT').every((l) => l.source === undefined)).toBe(true);
    expect(lines.some((l) => l.text === '*nat')).toBe(true);
  });
});

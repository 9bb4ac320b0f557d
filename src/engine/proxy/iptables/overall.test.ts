// kube-proxy's TestOverallIPTablesRules (pkg/proxy/iptables/proxier_test.go): its topology
// (testdata/overall-cluster.ts) compared, after the same order-normalisation, with that
// test's expected text (testdata/overall.txt, copied from the reference).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iptablesRuleset, RESTORE_MARKER } from './ruleset';
import { sortIPTablesRules } from './sort-rules';
import { renderRestoreInput, syncProxyRules } from './sync';
import { fakeProxierOptions, overallCluster, testNodeName } from './testdata/overall-cluster';

describe('TestOverallIPTablesRules', () => {
  const expected = readFileSync(new URL('./testdata/overall.txt', import.meta.url), 'utf8');

  it('generates the rules kube-proxy expects, after its normalisation', () => {
    const restore = renderRestoreInput(syncProxyRules(overallCluster(), testNodeName, 4, fakeProxierOptions));
    expect(sortIPTablesRules(restore)).toBe(sortIPTablesRules(expected));
  });

  it('prints the set-up commands, then the restore input', () => {
    const text = iptablesRuleset(overallCluster(), testNodeName, 4, fakeProxierOptions);
    const [setup, restore] = text.split(`${RESTORE_MARKER}\n`);
    expect(setup).toContain('iptables -t nat -I PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n');
    expect(setup).toContain('iptables -t filter -I INPUT -j KUBE-FIREWALL\n');
    expect(restore!.startsWith('*filter\n:KUBE-SERVICES - [0:0]\n')).toBe(true);
    expect(restore!.endsWith('COMMIT\n')).toBe(true);
  });

  it('is deterministic', () => {
    expect(iptablesRuleset(overallCluster(), testNodeName)).toBe(iptablesRuleset(overallCluster(), testNodeName));
  });
});

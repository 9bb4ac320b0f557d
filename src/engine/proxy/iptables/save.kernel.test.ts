// Kernel check of the iptables-save renderer: loads generated rulesets into a fresh network
// namespace with the real iptables (set-up commands, then iptables-restore --noflush) and
// compares the real iptables-save with renderIptablesSave. Needs root, iptables and
// unshare; elsewhere it is skipped with a message. Without the nfacct tool the rulesets are
// generated without counters.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCluster, makeEndpointSlice, makeNode, makeService } from '../test-builders';
import type { CIDR } from '../../net/ip';
import { rulesForNode } from './ruleset';
import { renderIptablesSave } from './save';
import { overallCluster, testNodeName } from './testdata/overall-cluster';
import { loadScenario } from '../../manifests/load';

const LOADER = `set -e
awk 'BEGIN{n=0} /^# ip6tables$/{n=1; next} n==0{print}' "$1" > "$1.1"
awk 'BEGIN{n=0} /^# ip6tables$/{n=1; next} n==1{print}' "$1" > "$1.2"
out=""
for part in "$1.1" "$1.2"; do
  [ -s "$part" ] || continue
  grep -E "^(iptables|ip6tables|nfacct) " "$part" | while read -r cmd; do eval "$cmd"; done
  sed -n '/^\\*filter/,$p' "$part" > "$part.restore"
  if grep -q '^ip6tables ' "$part"; then ip6tables-restore --noflush --counters < "$part.restore"; out="$out ip6tables-save"
  else iptables-restore --noflush --counters < "$part.restore"; out="$out iptables-save"; fi
done
first=1
for s in $out; do [ $first = 1 ] || echo '# ip6tables'; first=0; $s | grep -v '^#'; done
`;

const works = (cmd: string, args: string[]): boolean => {
  try { execFileSync(cmd, args, { stdio: 'ignore' }); return true; } catch { return false; }
};
const available = works('unshare', ['-n', 'iptables-save']) && works('unshare', ['-n', 'ip6tables-save']);
const hasNfacct = available && works('sh', ['-c', 'command -v nfacct']);
if (!available) console.warn('kernel check skipped: needs root, iptables and unshare -n');

function kernelSave(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubehops-ipt-'));
  writeFileSync(join(dir, 'load.sh'), LOADER);
  writeFileSync(join(dir, 'rules'), text);
  return execFileSync('unshare', ['-n', 'sh', join(dir, 'load.sh'), join(dir, 'rules')], { encoding: 'utf8' });
}

const dualStack = () => makeCluster((c) => {
  c.proxy = { ...c.proxy, clusterCIDRs: ['10.244.0.0/16' as CIDR, 'fd00:10:244::/56' as CIDR], nodePortAddresses: ['192.168.1.0/24', '127.0.0.0/8'] };
  c.nodes = [makeNode('a', (n) => {
    n.spec = { podCIDRs: ['10.244.1.0/24', 'fd00:10:244:1::/64'] };
    n.status!.addresses = [{ type: 'InternalIP', address: '192.168.1.10' }, { type: 'InternalIP', address: 'fd00:1::10' }];
  })];
  c.services = [makeService('default', 'web', (s) => {
    Object.assign(s.spec, {
      type: 'LoadBalancer', clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20', 'fd00:96::20'], ipFamilies: ['IPv4', 'IPv6'],
      externalTrafficPolicy: 'Local', healthCheckNodePort: 32000, sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 300 } }, loadBalancerSourceRanges: ['192.168.0.0/16', '2001:db8::/32'],
    });
    s.spec.ports = [{ name: 'http', port: 80, nodePort: 30080, protocol: 'TCP' }, { name: 'q', port: 443, nodePort: 30443, protocol: 'UDP' }];
    s.status = { loadBalancer: { ingress: [{ ip: '198.51.100.7' }, { ip: '2001:db8:1::7' }] } };
  })];
  const ports = [{ name: 'http', port: 8080, protocol: 'TCP' as const }, { name: 'q', port: 8443, protocol: 'UDP' as const }];
  c.endpointSlices = [
    makeEndpointSlice('default', 'web', 1, (e) => { e.endpoints = [1, 2, 3].map((i) => ({ addresses: [`10.244.1.${i}`], nodeName: i === 1 ? 'a' : 'b' })); e.ports = ports; }),
    makeEndpointSlice('default', 'web', 2, (e) => { e.addressType = 'IPv6'; e.endpoints = [{ addresses: ['fd00:10:244:1::1'], nodeName: 'a' }]; e.ports = ports; }),
  ];
});

describe.skipIf(!available)('iptables-save of the loaded ruleset (real kernel)', () => {
  const options = { nfacct: hasNfacct };
  it.each([
    ['TestOverallIPTablesRules topology', () => rulesForNode(overallCluster(), testNodeName, options)],
    ['a dual-stack LoadBalancer with Local policy, affinity and source ranges', () => rulesForNode(dualStack(), 'a', options)],
  ])('%s', (_name, ruleset) => {
    const text = ruleset();
    expect(kernelSave(text)).toBe(renderIptablesSave(text));
  });
});

const scenarioDir = join(__dirname, '../../../scenarios');
const scenarioNodes = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).flatMap((file) => {
  const { cluster } = loadScenario([{ name: file, text: readFileSync(join(scenarioDir, file), 'utf8') }]);
  return cluster.nodes.map((n) => [file, n.metadata.name!, cluster] as const);
});

describe.skipIf(!available)('every built-in scenario loads into the real kernel on every node', () => {
  it.each(scenarioNodes)('%s, node %s', (_file, node, cluster) => {
    const text = rulesForNode(cluster, node, { nfacct: hasNfacct });
    expect(kernelSave(text)).toBe(renderIptablesSave(text));
  });
});

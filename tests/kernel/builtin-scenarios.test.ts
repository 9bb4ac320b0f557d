// Kernel conformance of every built-in scenario (DESIGN.md, "Verification"): each is built in
// real network namespaces, its nodes get the rules `kubehops rules` prints, and real
// connections for the probes it lists, plus the paths derived from it (probes.ts) and a few
// variants of it (externalTrafficPolicy Local with a node that has no endpoint, source
// ranges, UDP, session affinity held over many connections), must do what `traceAll`
// predicts. Runs on Linux as root; elsewhere it says why it is skipped.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTraceContext, loadScenario, type TraceRequest } from '../../src/engine';
import { describeScenario, SCENARIO_ORDER } from '../../src/scenarios';
import { announceSkip, unavailableReason } from './availability';
import { derivedProbes, usable } from './probes';
import { runScenario, summary, tally, type LaneProbe } from './scenario-lane';

const dir = fileURLToPath(new URL('../../src/scenarios/', import.meta.url));
const read = (id: string): string => readFileSync(join(dir, `${id}.yaml`), 'utf8');

interface Case {
  readonly name: string;
  readonly yaml: string;
  /** Probes the case insists on, before the derived ones. */
  readonly probes: readonly LaneProbe[];
}

function edit(yaml: string, pairs: readonly [string | RegExp, string][]): string {
  return pairs.reduce((text, [from, to]) => {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`scenario variant: "${String(from)}" not found`);
    return next;
  }, yaml);
}

/** Every scenario file: the picker's order first, then any other. */
const ids = [...new Set<string>([...SCENARIO_ORDER, ...readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort()])];

const builtins: Case[] = ids.map((id) => {
  const yaml = read(id);
  const affinity = id === 'session-affinity' ? { minConnections: 8 } : undefined;
  return { name: id, yaml, probes: describeScenario(id, yaml).probes.map((p) => ({ ...p, ...(affinity && { options: affinity }) })) };
});

const variants: Case[] = [
  {
    // One endpoint: node-a has it, node-b has none (Local: dropped there, the client's IP kept where served).
    name: 'nodeport, externalTrafficPolicy Local, one endpoint',
    yaml: edit(read('nodeport'), [['replicas: 2', 'replicas: 1'], ['type: NodePort', 'type: NodePort\n  externalTrafficPolicy: Local']]),
    probes: [],
  },
  {
    name: 'loadbalancer, loadBalancerSourceRanges and externalTrafficPolicy Local',
    yaml: edit(read('loadbalancer'), [['type: LoadBalancer', 'type: LoadBalancer\n  externalTrafficPolicy: Local\n  loadBalancerSourceRanges: [203.0.113.0/24, 192.168.1.10/32]']]),
    probes: [],
  },
  {
    // The laptop is outside the ranges: the LB's firewall drops it (nodes and pods are inside).
    name: 'loadbalancer, loadBalancerSourceRanges without the client',
    yaml: edit(read('loadbalancer'), [['type: LoadBalancer', 'type: LoadBalancer\n  loadBalancerSourceRanges: [192.168.1.0/24, 10.244.0.0/16]']]),
    probes: [],
  },
  {
    name: 'clusterip over UDP',
    yaml: edit(read('clusterip'), [['ports: [{ name: http, port: 80, targetPort: http }]', 'ports: [{ name: dns, port: 53, targetPort: 8080, protocol: UDP }]']]),
    probes: [],
  },
  {
    name: 'no-endpoints over UDP',
    yaml: edit(read('no-endpoints'), [['ports: [{ name: http, port: 80, targetPort: http }]', 'ports: [{ name: dns, port: 53, targetPort: 8080, protocol: UDP }]']]),
    probes: [],
  },
  {
    name: 'session affinity from a node and two pods',
    yaml: read('session-affinity'),
    probes: [
      { from: 'node/node-b', to: 'svc/default/web:80', options: { minConnections: 8 } },
    ],
  },
];

/** Why the lane cannot build a scenario's network, if it cannot. */
function unbuildable(yaml: string): string | undefined {
  const { cluster } = loadScenario([{ name: 'x.yaml', text: yaml }]);
  const network = createTraceContext(cluster).network;
  if (network.hosts.some((h) => h.interfaces.some((i) => i.fabricIPs?.length))) {
    return `CNI model "${network.cni}" delivers pod IPs through the provider fabric (ENI secondary IPs), which the lane has no stand-in for yet`;
  }
  return undefined;
}

announceSkip('built-in scenarios');

describe.skipIf(!!unavailableReason)('built-in scenarios against the real kernel', () => {
  afterAll(() => {
    console.log(`kernel lane, built-in scenarios: ${tally.scenarios} scenarios, ${tally.probes} probes, ${tally.connections} connections compared, ${tally.disagreements} disagreements`);
  });

  const cases = [...builtins, ...variants].map((c) => ({ ...c, skip: unbuildable(c.yaml) }));
  for (const c of cases) if (c.skip) console.warn(`kernel conformance: scenario ${c.name} SKIPPED: ${c.skip}`);

  it.each(cases.filter((c) => !c.skip))('$name', async (c) => {
    const { cluster } = loadScenario([{ name: 'x.yaml', text: c.yaml }]);
    const { probes, skipped } = usable(cluster, [...c.probes, ...derivedProbes(cluster)]);
    const options = new Map(c.probes.map((p) => [`${p.from} ${p.to}`, p.options]));
    const lane: LaneProbe[] = probes.map((p: TraceRequest) => ({ ...p, ...(options.get(`${p.from} ${p.to}`) && { options: options.get(`${p.from} ${p.to}`) }) }));
    const report = await runScenario(c.name, c.yaml, lane);
    console.log(summary(report) + (skipped.length ? `\n  not covered: ${skipped.join('; ')}` : ''));
    expect(report.disagreements, report.disagreements.join('\n\n')).toEqual([]);
  }, 240_000);
});

// One scenario through the kernel lane: load it, build its namespaces once, check the
// kernel's routing tables are the ones the simulator routes by, run every probe against the
// simulator's prediction, tear everything down (also when something fails), and count.

import { createTraceContext, loadScenario, type TraceContext, type TraceRequest } from '../../src/engine';
import { renderIpRoute } from '../../src/engine/routing';
import { buildKernelCluster, type KernelCluster } from './build-cluster';
import { compareProbe, type ProbeOptions, type ProbeReport } from './compare-probe';
import { installCleanupHandlers, removeStaleNamespaces, sh } from './netns';

export interface ScenarioReport {
  readonly name: string;
  readonly probes: readonly ProbeReport[];
  readonly connections: number;
  readonly disagreements: readonly string[];
  readonly notes: readonly string[];
}

/** Totals of a test file, printed at its end. */
export const tally = { scenarios: 0, probes: 0, connections: 0, disagreements: 0 };

let prepared = false;
/** Once per test process: cleanup handlers, and what crashed earlier runs left behind. */
export function prepareLane(): void {
  if (prepared) return;
  prepared = true;
  installCleanupHandlers();
  const stale = removeStaleNamespaces();
  if (stale.length) console.warn(`kernel lane: removed ${stale.length} namespaces left by earlier runs: ${stale.join(' ')}`);
}

const lines = (text: string): string => text.trim().split('\n').map((l) => l.trim()).join('\n');

/** The kernel's `ip route` (main and local tables) on every host against the simulator's model. */
async function routeDifferences(ctx: TraceContext, kc: KernelCluster): Promise<string[]> {
  const diffs: string[] = [];
  for (const host of ctx.network.hosts) {
    for (const table of ['main', 'local'] as const) {
      const kernel = lines(await sh(`ip -n ${kc.nsOf(host.name)} route show table ${table}`));
      const model = lines(renderIpRoute(ctx.network, host.name, { table }));
      if (kernel !== model) diffs.push(`${host.name} ip route show table ${table}\n  kernel:\n${kernel}\n  simulator:\n${model}`);
    }
  }
  return diffs;
}

export interface LaneProbe extends TraceRequest {
  readonly options?: ProbeOptions;
}

export async function runScenario(name: string, yaml: string, probes: readonly LaneProbe[]): Promise<ScenarioReport> {
  prepareLane();
  const { cluster, documents } = loadScenario([{ name: `${name}.yaml`, text: yaml }]);
  const invalid = documents.filter((d) => d.errors.length);
  if (invalid.length) throw new Error(`${name}: invalid documents: ${JSON.stringify(invalid.map((d) => d.errors))}`);
  const ctx = createTraceContext(cluster);
  const kc = await buildKernelCluster(ctx);
  const reports: ProbeReport[] = [];
  const disagreements: string[] = [];
  try {
    disagreements.push(...await routeDifferences(ctx, kc));
    for (const probe of probes) {
      const report = await compareProbe(ctx, kc, probe, probe.options);
      reports.push(report);
      disagreements.push(...report.disagreements);
    }
  } finally {
    await kc.teardown();
  }
  const connections = reports.reduce((s, r) => s + r.connections, 0);
  tally.scenarios++;
  tally.probes += reports.length;
  tally.connections += connections;
  tally.disagreements += disagreements.length;
  return { name, probes: reports, connections, disagreements, notes: [...kc.skippedPods, ...kc.lb.notes, ...ctx.network.notes.filter((n) => !n.startsWith('IPv6'))] };
}

/** One line per probe, for the log. */
export const summary = (r: ScenarioReport): string =>
  `${r.name}: ${r.probes.length} probes, ${r.connections} connections${r.notes.length ? ` (${r.notes.join('; ')})` : ''}\n`
  + r.probes.map((p) => `  ${p.probe.from} -> ${p.probe.to}${p.probe.proto ? ` ${p.probe.proto}` : ''}: ${p.connections} conns, ${p.observed.join(' | ')}`).join('\n');

// `npm run bench`: generates the large cluster, runs every measurement in its own process
// (bench/measure.ts) so peak memory is per task, loads the generated ruleset into the real
// kernel when it can (root, iptables, unshare), and prints the figures as Markdown tables
// (also written to bench/out/results.md and results.json).
//
// Options: --skip-parsers (no YAML library comparison), --skip-kernel,
//          --kernel-timeout SECONDS (default 300), --trace-seconds N (default 5).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeLarge } from './generate';
import { kernelAvailable, kernelLoad, type KernelLoad } from './kernel';

const OUT = 'bench/out';
const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const option = (name: string, fallback: number): number => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : fallback; };
const traceSeconds = option('--trace-seconds', 5);

type Figures = Record<string, unknown>;

function measure(...task: string[]): Figures {
  const started = performance.now();
  process.stderr.write(`bench: ${task.join(' ')} ... `);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/measure.ts', ...task], { encoding: 'utf8', maxBuffer: 1 << 26 });
  process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  if (r.status !== 0) throw new Error(`measure ${task.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Figures;
}

const s = (ms: unknown): string => `${((ms as number) / 1000).toFixed(2)} s`;
const n0 = (x: unknown): string => Math.round(x as number).toLocaleString('en-US');
const ratio = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)}x`;
const mb = (x: unknown): string => `${n0(x)} MB`;

function machine(): Figures {
  const sh = (cmd: string): string => { try { return execFileSync('sh', ['-c', cmd], { encoding: 'utf8' }).trim(); } catch { return '?'; } };
  return {
    nproc: cpus().length, cpu: cpus()[0]?.model ?? '?', memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version,
    kernel: release(), iptables: sh('iptables --version'), load: sh('cat /proc/loadavg'),
  };
}

function main(): void {
  const host = machine();
  process.stderr.write('bench: generating the large cluster ... ');
  const gen = writeLarge(OUT, 1);
  process.stderr.write(`${gen.objects} objects\n`);
  const rulesFile = join(OUT, 'node-0000.rules');

  const demo = measure('traces', 'demo', '', String(traceSeconds));
  const grown = [1000, 10000].map((n) => ({ n, figures: measure('traces', `demo+${n}`, '', String(traceSeconds)) }));
  const large = measure('traces', 'large', gen.json, String(traceSeconds));
  const loadJSON = measure('load', gen.json, rulesFile);
  const loadYAML = measure('load', gen.yaml);

  let kernel: KernelLoad | string = 'skipped (--skip-kernel)';
  if (!flag('--skip-kernel')) {
    const why = kernelAvailable();
    kernel = why ?? kernelLoad(rulesFile, option('--kernel-timeout', 300));
  }

  const parsers: [string, string, Figures][] = [];
  if (!flag('--skip-parsers')) {
    const tryMeasure = (...task: string[]): Figures => { try { return measure(...task); } catch (e) { return { error: String(e).split('\n')[0] }; } };
    parsers.push(['JSON.parse', 'json', tryMeasure('parse', 'json', gen.json)]);
    parsers.push(['engine reader (JSON path: JSON.parse + key scan)', 'json', tryMeasure('parse', 'engine', gen.json)]);
    for (const lib of ['yaml', 'js-yaml', 'engine']) {
      parsers.push([lib === 'engine' ? 'engine reader (YAML path: yaml, per document)' : lib, 'yaml', tryMeasure('parse', lib, gen.yaml)]);
    }
  }

  const ours = (loadJSON.loadMs as number) + (loadJSON.rulesMs as number);
  const oursYAML = (loadYAML.loadMs as number) + (loadYAML.rulesMs as number);
  const rows: [string, string][] = [
    ['large cluster', `manifest of ${n0(gen.objects)} objects (1,000 Nodes, 10,000 Services, 10,000 Deployments); after load ${n0(loadJSON.pods)} pods, ${n0(loadJSON.endpointSlices)} EndpointSlices`],
    ['manifest sizes', `JSON (v1 List, kubectl -o json) ${(gen.jsonBytes / 1e6).toFixed(1)} MB; YAML stream ${(gen.yamlBytes / 1e6).toFixed(1)} MB`],
    ['traces/s, demo (clusterip: pod -> ClusterIP)', `${n0(demo.tracesPerSecond)} (rulesWalked ${(demo.rulesWalked as number[])[0]}, ${(demo.hopsPerTrace as number).toFixed(0)} hops)`],
    ...grown.map(({ n, figures }): [string, string] => [
      `traces/s, demo + ${n0(n)} Services (same probe and path, longer KUBE-SERVICES)`,
      `${n0(figures.tracesPerSecond)} (${ratio((figures.tracesPerSecond as number) / (demo.tracesPerSecond as number))} of the demo; rulesWalked ${(figures.rulesWalked as number[])[0]})`,
    ]),
    ['traces/s, large (pod -> ClusterIP, 4 Services)', `${n0(large.tracesPerSecond)} (rulesWalked ${Math.min(...(large.rulesWalked as number[]))}-${Math.max(...(large.rulesWalked as number[]))}, ${(large.hopsPerTrace as number).toFixed(0)} hops)`],
    ['large / demo traces/s (goal >= 0.5)', ratio((large.tracesPerSecond as number) / (demo.tracesPerSecond as number))],
    ['large: first pass of the 4 probes (builds and parses the rulesets of the nodes they cross)', s(large.warmMs)],
    ['load from JSON', `${s(loadJSON.loadMs)}, peak RSS ${mb(loadJSON.loadPeakRssMB)} (${mb(loadJSON.peakRssMB)} once node-0000's ruleset is built too)`],
    ['load from YAML', `${s(loadYAML.loadMs)}, peak RSS ${mb(loadYAML.loadPeakRssMB)} (${mb(loadYAML.peakRssMB)} once node-0000's ruleset is built too)`],
    ['one node\'s ruleset (rulesForNode node-0000)', `${s(loadJSON.rulesMs)}: ${n0(loadJSON.ruleLines)} rules, ${((loadJSON.rulesBytes as number) / 1e6).toFixed(1)} MB`],
    ['ours: load (JSON) + ruleset', s(ours)],
    ['ours: load (YAML) + ruleset', s(oursYAML)],
  ];
  if (typeof kernel === 'string') rows.push(['kernel: iptables-restore of that ruleset', kernel]);
  else {
    const k = kernel;
    rows.push(['kernel: iptables-restore of that ruleset (fresh netns)', k.timedOut ? `> ${s(k.restoreMs)} (timed out)` : `${s(k.restoreMs)} (${n0(k.rulesLoaded)} rules loaded; set-up commands ${s(k.setupMs)})`]);
    rows.push(['kernel / ours, JSON (goal >= 10)', `${k.timedOut ? '> ' : ''}${ratio(k.restoreMs / ours)}`]);
    rows.push(['kernel / ours, YAML', `${k.timedOut ? '> ' : ''}${ratio(k.restoreMs / oursYAML)}`]);
  }
  const table = ['| measure | figure |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
  const parserTable = parsers.length === 0 ? '' : [
    '| parser | input | time | MB/s | peak RSS |', '|---|---|---|---|---|',
    ...parsers.map(([name, input, f]) => {
      const bytes = input === 'json' ? gen.jsonBytes : gen.yamlBytes;
      if (f.error) return `| ${name} | ${input} | ${String(f.error)} | | |`;
      return `| ${name} | ${input} ${(bytes / 1e6).toFixed(1)} MB | ${s(f.ms)} | ${(bytes / 1e6 / ((f.ms as number) / 1000)).toFixed(1)} | ${mb(f.peakRssMB)} |`;
    }),
  ].join('\n');
  const machineLine = `nproc ${host.nproc} (${host.cpu}), ${host.memoryGB} GB, node ${host.node}, Linux ${host.kernel}, ${host.iptables}; loadavg at start ${host.load}`;
  const md = `Machine: ${machineLine}\n\n${table}\n${parserTable ? `\n${parserTable}\n` : ''}`;
  writeFileSync(join(OUT, 'results.md'), md);
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ host, gen, demo, grown, large, loadJSON, loadYAML, kernel, parsers }, null, 2));
  console.log(md);
}

main();

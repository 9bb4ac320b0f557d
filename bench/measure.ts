// One measurement per process, so each peak RSS (getrusage maxrss) belongs to that task alone.
// Prints one JSON object on stdout. Run by bench/run.ts; usable alone:
//   tsx bench/measure.ts load bench/out/large.json
//   tsx bench/measure.ts traces demo|demo+N|large [FILE] [SECONDS]   (demo+N: N more Services)
//   tsx bench/measure.ts parse yaml|js-yaml|json|engine FILE

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadScenario, rulesForNode, createTraceContext, planTrace, traceSeeded, type TraceContext } from '../src/engine';
import { LARGE, namespaceName, serviceName } from './generate';

const BENCH_NODE = 'node-0000';
const now = (): number => performance.now();
const peakMB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const heapMB = (): number => Math.round(process.memoryUsage().heapUsed / 1048576);

function load(file: string) {
  const text = readFileSync(file, 'utf8');
  const t0 = now();
  const { cluster, documents } = loadScenario([{ name: file, text }]);
  const loadMs = now() - t0;
  const invalid = documents.filter((d) => !d.valid);
  if (invalid.length > 0) throw new Error(`${invalid.length} invalid documents, first: ${JSON.stringify(invalid[0])}`);
  return { cluster, documents: documents.length, loadMs };
}

function measureLoad(file: string, rulesOut?: string): object {
  const { cluster, documents, loadMs } = load(file);
  const loadPeakRssMB = peakMB();
  const t1 = now();
  const rules = rulesForNode(cluster, BENCH_NODE);
  const rulesMs = now() - t1;
  if (rulesOut) writeFileSync(rulesOut, rules);
  return {
    documents, loadMs, rulesMs, ruleLines: rules.split('\n').filter((l) => l.startsWith('-A ')).length,
    rulesBytes: rules.length, services: cluster.services.length, pods: cluster.pods.length, endpointSlices: cluster.endpointSlices.length,
    heapMB: heapMB(), loadPeakRssMB, peakRssMB: peakMB(),
  };
}

interface Probe { from: string; to: string }

/**
 * Services probed on the large cluster. Each trace runs with one fixed seed (as on the demo),
 * so each probe crosses two nodes, and the first pass parses at most PROBES + 1 rulesets of
 * 10,000 Services each (a node's ruleset is parsed once, on first use).
 */
const PROBES = 4;

/**
 * The demo scenario with `extra` more ClusterIP Services in front of the same pods: the probe
 * and its path stay the same while KUBE-SERVICES grows, which isolates the cost of Services.
 */
function demoWithServices(extra: number): string {
  const services = Array.from({ length: extra }, (_, i) =>
    `apiVersion: v1\nkind: Service\nmetadata: { name: extra-${i}, namespace: default }\nspec:\n  selector: { app: web }\n  ports: [{ name: http, port: ${1000 + (i % 50)}, targetPort: http }]\n`);
  return [readFileSync('src/scenarios/clusterip.yaml', 'utf8'), ...services].join('---\n');
}

/**
 * Probes of one shape, pod -> ClusterIP: on the demo (`demo`, or `demo+N` with N more
 * Services), from its client to web:80; on the large cluster, from a pod of the bench node
 * to Services across the range.
 */
function probes(which: string): { ctx: TraceContext; probes: Probe[]; setupMs: number } {
  const t0 = now();
  const demo = /^demo(?:\+(\d+))?$/.exec(which);
  if (demo) {
    const { cluster } = loadScenario([{ name: 'clusterip', text: demoWithServices(Number(demo[1] ?? 0)) }]);
    return { ctx: createTraceContext(cluster), probes: [{ from: 'pod/default/client', to: 'svc/default/web:80' }], setupMs: now() - t0 };
  }
  const { cluster } = load(which);
  const ctx = createTraceContext(cluster);
  // The client: the first pod on the bench node; targets: ClusterIP Services spread over the whole range.
  const client = cluster.pods.find((p) => p.spec.nodeName === BENCH_NODE)!;
  const targets = cluster.services.filter((s) => s.spec.type === 'ClusterIP' && s.spec.internalTrafficPolicy !== 'Local');
  const step = Math.floor(targets.length / PROBES);
  const list = Array.from({ length: PROBES }, (_, i) => targets[i * step]!)
    .map((s) => ({ from: `pod/${client.metadata.namespace}/${client.metadata.name}`, to: `svc/${s.metadata.namespace}/${s.metadata.name}:80` }));
  return { ctx, probes: list, setupMs: now() - t0 };
}

function measureTraces(which: string, seconds: number): object {
  const { ctx, probes: list, setupMs } = probes(which);
  const plans = list.map((p) => {
    const plan = planTrace(ctx, p);
    if (!plan.ok) throw new Error(`${p.from} -> ${p.to}: ${plan.error}`);
    return plan.value;
  });
  // First pass: parses the rulesets of every host the probes cross (lazy in the context).
  const t0 = now();
  const first = plans.map((plan) => traceSeeded(ctx, plan, { seed: 1 }).outcomes[0]!);
  const warmMs = now() - t0;
  const delivered = first.filter((o) => o.verdict === 'delivered').length;
  let traces = 0, hops = 0;
  const t1 = now();
  while (now() - t1 < seconds * 1000) {
    for (let i = 0; i < plans.length; i++) {
      hops += traceSeeded(ctx, plans[i]!, { seed: 1 }).outcomes[0]!.hops.length;
      traces++;
    }
  }
  const elapsed = now() - t1;
  return {
    probes: list.length, delivered, setupMs, warmMs, traces, tracesPerSecond: traces / (elapsed / 1000),
    hopsPerTrace: hops / traces, rulesWalked: first.map((o) => o.rulesWalked), peakRssMB: peakMB(),
  };
}

const require = createRequire(import.meta.url);

/** One library's parse of the whole file to plain objects (what the loader needs), nothing else. */
function measureParse(lib: string, file: string): object {
  const text = readFileSync(file, 'utf8');
  const t0 = now();
  let count = 0;
  if (lib === 'json') {
    count = (JSON.parse(text) as { items: unknown[] }).items.length;
  } else if (lib === 'yaml') {
    const yaml = require('yaml') as typeof import('yaml');
    for (const d of yaml.parseAllDocuments(text, { version: '1.1', uniqueKeys: true })) { (d as { toJS: () => unknown }).toJS(); count++; }
  } else if (lib === 'js-yaml') {
    const jsyaml = require('js-yaml') as { loadAll: (t: string, cb: (d: unknown) => void) => void };
    jsyaml.loadAll(text, () => { count++; });
  } else if (lib === 'engine') {
    // The engine's own reader (src/engine/manifests/parse.ts): split, parse, line numbers.
    return measureEngineParse(text, t0);
  } else throw new Error(`unknown parser ${lib}`);
  return { documents: count, ms: now() - t0, peakRssMB: peakMB() };
}

async function measureEngineParseImport(): Promise<typeof import('../src/engine/manifests/parse')> {
  return import('../src/engine/manifests/parse');
}
let parseModule: typeof import('../src/engine/manifests/parse') | undefined;
function measureEngineParse(text: string, t0: number): object {
  const docs = parseModule!.parseSources([{ name: 'f', text }]);
  return { documents: docs.length, ms: now() - t0, peakRssMB: peakMB() };
}

const [task, arg1, arg2, arg3] = process.argv.slice(2);
if (task === 'parse' && arg1 === 'engine') parseModule = await measureEngineParseImport();
const result = task === 'load' ? measureLoad(arg1!, arg2)
  : task === 'traces' ? measureTraces(arg1 === 'large' ? arg2 ?? 'bench/out/large.json' : arg1 ?? 'demo', Number(arg3 ?? 3))
    : task === 'parse' ? measureParse(arg1!, arg2!)
      : undefined;
if (!result) { console.error('usage: measure.ts load FILE [RULES_OUT] | traces demo|demo+N|large [FILE] [SECONDS] | parse LIB FILE'); process.exit(2); }
console.log(JSON.stringify({ ...result, bench: { services: LARGE.services, node: BENCH_NODE, ns: namespaceName(0), svc: serviceName(0) } }));

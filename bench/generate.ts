// The large benchmark cluster: 1,000 nodes, 10,000 Services and 100,000 pod endpoints,
// deterministic for a seed. The manifest is what a user would export of such a cluster's
// intent, `kubectl get namespaces,nodes,services,deployments -o json`: 10,000 Deployments of
// 10 replicas each, whose 100,000 pods and 10,000 EndpointSlices the engine's controllers
// create on load. Written twice, as kubectl prints a v1 List (4-space indent; keys in the
// API server's order is not attempted) and as `kubectl get -o yaml` style multi-document
// YAML. Objects carry what kubectl shows for a running cluster (ClusterIPs, NodePorts, LB
// ingress) and nothing the simulator ignores (managedFields, uid, timestamps): about 20 MB.
//
// Usage: tsx bench/generate.ts [--seed N] [--out DIR]

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LARGE = { nodes: 1000, services: 10000, podsPerService: 10, namespaces: 20 } as const;

/** mulberry32: small, fast, seeded. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const ipv4 = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const ip = (text: string): number => text.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);

export const nodeName = (i: number): string => `node-${pad(i, 4)}`;
export const serviceName = (i: number): string => `svc-${pad(i, 5)}`;
export const namespaceName = (i: number): string => `ns-${pad(i % LARGE.namespaces, 2)}`;

const NODE_BASE = ip('192.168.0.10');
const POD_BASE = ip('172.16.0.0');
const SERVICE_BASE = ip('10.96.0.10');
const LB_BASE = ip('100.64.0.10');
const NODE_PORT_BASE = 20000;

type Obj = Record<string, unknown>;

function clusterDocument(): Obj {
  return {
    apiVersion: 'kubehops.dev/v1alpha1', kind: 'Cluster', metadata: { name: 'bench-large' },
    spec: { serviceCIDRs: ['10.96.0.0/12'], podCIDRs: ['172.16.0.0/12'], serviceNodePortRange: '20000-39999', cloud: { provider: 'generic' } },
  };
}

function node(i: number): Obj {
  const name = nodeName(i);
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${'abc'[i % 3]}` }, name },
    spec: { podCIDR: `${ipv4(POD_BASE + i * 256)}/24` },
    status: { addresses: [{ address: ipv4(NODE_BASE + i), type: 'InternalIP' }, { address: name, type: 'Hostname' }] },
  };
}

interface ServicePlan { type: 'ClusterIP' | 'NodePort' | 'LoadBalancer'; ports: number; local: boolean; internalLocal: boolean; affinity: boolean }

function planService(random: () => number): ServicePlan {
  const r = random();
  const type = r < 0.7 ? 'ClusterIP' : r < 0.9 ? 'NodePort' : 'LoadBalancer';
  return { type, ports: random() < 0.3 ? 2 : 1, local: type !== 'ClusterIP' && random() < 0.3, internalLocal: random() < 0.05, affinity: random() < 0.02 };
}

function service(i: number, plan: ServicePlan, nextNodePort: () => number): Obj {
  const clusterIP = ipv4(SERVICE_BASE + i);
  const ports: Obj[] = [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }, { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }]
    .slice(0, plan.ports)
    .map((p) => (plan.type === 'ClusterIP' ? p : { ...p, nodePort: nextNodePort() }));
  const spec: Obj = {
    clusterIP, clusterIPs: [clusterIP],
    ...(plan.type !== 'ClusterIP' && { externalTrafficPolicy: plan.local ? 'Local' : 'Cluster' }),
    ...(plan.type === 'LoadBalancer' && plan.local && { healthCheckNodePort: nextNodePort() }),
    internalTrafficPolicy: plan.internalLocal ? 'Local' : 'Cluster',
    ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports,
    selector: { app: serviceName(i) },
    sessionAffinity: plan.affinity ? 'ClientIP' : 'None',
    ...(plan.affinity && { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }),
    type: plan.type,
  };
  const status = plan.type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: ipv4(LB_BASE + i) }] } } : { loadBalancer: {} };
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: serviceName(i), namespace: namespaceName(i) }, spec, status };
}

function deployment(svc: number): Obj {
  const labels = { app: serviceName(svc) };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: serviceName(svc), namespace: namespaceName(svc) },
    spec: {
      replicas: LARGE.podsPerService, selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ image: 'agnhost', name: 'app' }] } },
    },
  };
}

/** Every object of the large cluster, in the order kubectl would list them by kind. */
export function generateLarge(seed: number): Obj[] {
  const random = createRandom(seed);
  let nodePort = NODE_PORT_BASE;
  const nextNodePort = (): number => nodePort++;
  const namespaces = Array.from({ length: LARGE.namespaces }, (_, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespaceName(i) } }));
  const nodes = Array.from({ length: LARGE.nodes }, (_, i) => node(i));
  const services = Array.from({ length: LARGE.services }, (_, i) => service(i, planService(random), nextNodePort));
  const deployments = Array.from({ length: LARGE.services }, (_, i) => deployment(i));
  return [clusterDocument(), ...namespaces, ...nodes, ...services, ...deployments];
}

// YAML as kubectl prints it: block style, 2-space indent, sequences not indented under their key.
const PLAIN = /^[A-Za-z0-9_./-][A-Za-z0-9_./:@-]*$/;
// Strings a YAML 1.1 reader would take for a boolean, null, integer, float or sexagesimal number.
const AMBIGUOUS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(0x[0-9a-fA-F_]+|[0-9_]*\.?[0-9_]*([eE][-+]?[0-9]+)?|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?))$/;
const scalar = (v: unknown): string =>
  typeof v === 'string' ? (PLAIN.test(v) && !AMBIGUOUS.test(v) ? v : JSON.stringify(v)) : String(v);

function emitYAML(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === 'object') {
        const lines: string[] = [];
        emitYAML(item, `${indent}  `, lines);
        out.push(`${indent}- ${lines[0]!.slice(indent.length + 2)}`, ...lines.slice(1));
      } else out.push(`${indent}- ${scalar(item)}`);
    }
    return;
  }
  for (const [k, x] of Object.entries(v as Obj)) {
    if (x !== null && typeof x === 'object') {
      const empty = Array.isArray(x) ? x.length === 0 : Object.keys(x).length === 0;
      if (empty) out.push(`${indent}${k}: ${Array.isArray(x) ? '[]' : '{}'}`);
      else { out.push(`${indent}${k}:`); emitYAML(x, Array.isArray(x) ? indent : `${indent}  `, out); }
    } else out.push(`${indent}${k}: ${scalar(x)}`);
  }
}

export function toYAMLStream(objects: readonly Obj[]): string {
  const out: string[] = [];
  objects.forEach((o, i) => {
    if (i > 0) out.push('---');
    emitYAML(o, '', out);
  });
  return `${out.join('\n')}\n`;
}

export function toKubectlJSON(objects: readonly Obj[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)}\n`;
}

export function writeLarge(outDir: string, seed: number): { json: string; yaml: string; objects: number; jsonBytes: number; yamlBytes: number } {
  mkdirSync(outDir, { recursive: true });
  const objects = generateLarge(seed);
  const json = toKubectlJSON(objects);
  const yaml = toYAMLStream(objects);
  const paths = { json: join(outDir, 'large.json'), yaml: join(outDir, 'large.yaml') };
  writeFileSync(paths.json, json);
  writeFileSync(paths.yaml, yaml);
  return { ...paths, objects: objects.length, jsonBytes: Buffer.byteLength(json), yamlBytes: Buffer.byteLength(yaml) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string): string | undefined => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
  const r = writeLarge(arg('--out') ?? 'bench/out', Number(arg('--seed') ?? 1));
  console.log(`${r.objects} objects: ${r.json} ${(r.jsonBytes / 1e6).toFixed(1)} MB, ${r.yaml} ${(r.yamlBytes / 1e6).toFixed(1)} MB`);
}

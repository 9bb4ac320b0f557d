// What the engine computes for each built-in scenario: the e2e tests compare the page with
// it, so they hold whatever the engine decides (IPs, names) rather than copied numbers.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenario, renderFieldError, type DocumentReport } from '../src/engine';
import { describeScenario, SCENARIO_ORDER, type ScenarioInfo } from '../src/scenarios';

const DIR = fileURLToPath(new URL('../src/scenarios/', import.meta.url));

/** Every scenario file, in picker order. */
export const SCENARIO_IDS: string[] = [
  ...SCENARIO_ORDER.filter((id) => readdirSync(DIR).includes(`${id}.yaml`)),
  ...readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5))
    .filter((id) => !(SCENARIO_ORDER as readonly string[]).includes(id)).sort(),
];

export function scenario(id: string): ScenarioInfo {
  return describeScenario(id, readFileSync(`${DIR}${id}.yaml`, 'utf8'));
}

const qualified = (m: { namespace?: string; name?: string }) => `${m.namespace}/${m.name}`;

export interface ExpectedCluster {
  services: { name: string; clusterIP: string }[];
  pods: { name: string; ip: string; node: string }[];
  nodes: { name: string }[];
}

export function expectedCluster(text: string): ExpectedCluster {
  const { cluster } = loadScenario([{ name: 'scenario.yaml', text }], { seed: 1 });
  return {
    services: cluster.services.map((s) => ({ name: qualified(s.metadata), clusterIP: s.spec.clusterIP ?? '' })),
    pods: cluster.pods.map((p) => ({ name: qualified(p.metadata), ip: p.status?.podIP ?? '', node: p.spec.nodeName ?? '' })),
    nodes: cluster.nodes.map((n) => ({ name: n.metadata.name ?? '' })),
  };
}

/** The documents the engine refuses in a text, with their line and the API server's words. */
export function expectedErrors(text: string): { doc: DocumentReport; lines: string[] }[] {
  const { documents } = loadScenario([{ name: 'scenario.yaml', text }], { seed: 1 });
  return documents.filter((d) => !d.valid).map((doc) => ({ doc, lines: doc.errors.map(renderFieldError) }));
}

// Built-in scenarios read from disk for unit tests in node (the browser bundles them).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenario, type ClusterModel } from '../engine';
import { describeScenario, type ScenarioInfo } from '../scenarios';

export function makeScenario(id: string): ScenarioInfo {
  const path = fileURLToPath(new URL(`../scenarios/${id}.yaml`, import.meta.url));
  return describeScenario(id, readFileSync(path, 'utf8'));
}

export function makeCluster(id: string): ClusterModel {
  return loadScenario([{ name: `${id}.yaml`, text: makeScenario(id).yaml }], { seed: 1 }).cluster;
}

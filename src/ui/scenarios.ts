// The built-in scenarios, bundled at build time: one YAML file each under src/scenarios, the
// file name being the scenario's ID, listed in the order people meet them.

import { describeScenario, SCENARIO_ORDER, type ScenarioInfo } from '../scenarios';

const files = import.meta.glob<string>('../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true });

const idOf = (path: string): string => path.replace(/^.*\//, '').replace(/\.yaml$/, '');

/** Orders scenarios by SCENARIO_ORDER; any file not listed there comes last, by ID. */
export function orderScenarios(all: readonly ScenarioInfo[]): ScenarioInfo[] {
  const rank = (id: string): number => {
    const i = (SCENARIO_ORDER as readonly string[]).indexOf(id);
    return i === -1 ? SCENARIO_ORDER.length : i;
  };
  return [...all].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

export const BUILT_IN_SCENARIOS: readonly ScenarioInfo[] = orderScenarios(
  Object.entries(files).map(([path, yaml]) => describeScenario(idOf(path), yaml)),
);

export const DEFAULT_SCENARIO_ID = 'clusterip';

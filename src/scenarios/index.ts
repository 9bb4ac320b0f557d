// The built-in scenarios: one YAML file each, the file name being the scenario's ID. The
// title and story live in the scenario's own Cluster document, as annotations, so a file
// copied out of here is complete on its own.

import { parse } from 'yaml';

/** A packet the scenario is about: `kubehops trace --from FROM --to TO`. */
export interface ScenarioProbe {
  readonly from: string;
  readonly to: string;
  readonly proto?: 'TCP' | 'UDP' | 'SCTP';
}

export interface ScenarioInfo {
  readonly id: string;
  readonly title: string;
  readonly story: string;
  readonly yaml: string;
  /** The probes the scenario lists: the UI's first packet, the goldens' traces. */
  readonly probes: readonly ScenarioProbe[];
}

export const TITLE_ANNOTATION = 'kubehops.dev/title';
export const STORY_ANNOTATION = 'kubehops.dev/story';
/** A JSON array of `{ "from", "to", "proto"? }`. */
export const PROBES_ANNOTATION = 'kubehops.dev/probes';

/** Reads a scenario file's title and story from its Cluster document. */
export function describeScenario(id: string, yaml: string): ScenarioInfo {
  const cluster = yaml.split(/^---$/m).map((d) => parse(d) as unknown).find(
    (d): d is { metadata?: { annotations?: Record<string, string> } } =>
      typeof d === 'object' && d !== null && (d as { kind?: unknown }).kind === 'Cluster',
  );
  const annotations = cluster?.metadata?.annotations ?? {};
  const probes = JSON.parse(annotations[PROBES_ANNOTATION] ?? '[]') as ScenarioProbe[];
  return { id, yaml, title: annotations[TITLE_ANNOTATION] ?? id, story: annotations[STORY_ANNOTATION] ?? '', probes };
}

/** The order people meet the scenarios in: the path of a packet gets longer as they go. */
export const SCENARIO_ORDER = [
  'clusterip', 'clusterip-vxlan', 'nodeport', 'nodeport-vpc',
  'loadbalancer', 'loadbalancer-local', 'loadbalancer-aws-nlb', 'loadbalancer-pod-ip', 'metallb-l2', 'loadbalancer-pending',
  'headless', 'externalname',
  'session-affinity', 'internal-traffic-policy', 'no-endpoints', 'hairpin',
] as const;

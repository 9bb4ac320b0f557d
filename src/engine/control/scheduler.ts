// kube-scheduler, reduced to the filters and the score that decide a Service demo
// (pkg/scheduler/framework/plugins: NodeUnschedulable, NodeAffinity's nodeSelector part,
// TaintToleration; NodeResourcesBalancedAllocation/PodTopologySpread as "fewest pods").
// Pods are bound in namespace/name order; each goes to the feasible node with the fewest
// pods, ties broken by node name. The real scheduler breaks ties at random.
// A pod no node can take stays Pending with no node, as the real one does.
// Pods carry no tolerations in kubehops' model, so any NoSchedule/NoExecute taint blocks.

import type { Node, Pod } from '../model/k8s';
import type { Sourced } from './types';
import { selectorMatches, sortSourced } from './names';
import { blockingTaints, isNodeReady } from './nodes';

/** Can the scheduler place this pod on this node? */
export function isFeasible(pod: Pod, node: Node): boolean {
  return !node.spec?.unschedulable
    && isNodeReady(node)
    && blockingTaints(node).length === 0
    && selectorMatches(pod.spec.nodeSelector ?? {}, node.metadata.labels);
}

/** Pods with spec.nodeName filled wherever some node can take them; returned in the order given. */
export function schedulePods(pods: readonly Sourced<Pod>[], nodes: readonly Node[]): Sourced<Pod>[] {
  const load = new Map<string, number>(nodes.map((n) => [n.metadata.name ?? '', 0]));
  for (const { object } of pods) {
    const name = object.spec.nodeName;
    if (name && load.has(name)) load.set(name, load.get(name)! + 1);
  }
  const bound = new Map<Sourced<Pod>, string>();
  for (const entry of sortSourced(pods)) {
    if (entry.object.spec.nodeName) continue;
    const choice = pickNode(entry.object, nodes, load);
    if (!choice) continue;
    load.set(choice, load.get(choice)! + 1);
    bound.set(entry, choice);
  }
  return pods.map((entry) => {
    const nodeName = bound.get(entry);
    if (!nodeName) return entry;
    return { doc: entry.doc, object: { ...entry.object, spec: { ...entry.object.spec, nodeName } } };
  });
}

function pickNode(pod: Pod, nodes: readonly Node[], load: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    if (!isFeasible(pod, node)) continue;
    const fewer = best === undefined || load.get(name)! < load.get(best)!
      || (load.get(name) === load.get(best) && name < best);
    if (fewer) best = name;
  }
  return best;
}

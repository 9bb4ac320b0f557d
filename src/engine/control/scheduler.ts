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
  // Feasibility depends only on the pod's nodeSelector, so pods with the same one share a
  // queue of their feasible nodes (a 100,000-pod cluster has a handful of selectors).
  const queues = new Map<string, NodeQueue>();
  const bound = new Map<Sourced<Pod>, string>();
  for (const entry of sortSourced(pods)) {
    if (entry.object.spec.nodeName) continue;
    const selector = entry.object.spec.nodeSelector ?? {};
    const key = JSON.stringify(Object.entries(selector).sort());
    let queue = queues.get(key);
    if (!queue) {
      queue = new NodeQueue(load);
      for (const node of nodes) if (isFeasible(entry.object, node)) queue.push(node.metadata.name ?? '');
      queues.set(key, queue);
    }
    const choice = queue.pop();
    if (choice === undefined) continue;
    load.set(choice, load.get(choice)! + 1);
    queue.push(choice);
    bound.set(entry, choice);
  }
  return pods.map((entry) => {
    const nodeName = bound.get(entry);
    if (!nodeName) return entry;
    return { doc: entry.doc, object: { ...entry.object, spec: { ...entry.object.spec, nodeName } } };
  });
}

/**
 * Feasible nodes, fewest pods first, ties by name. A node's load only grows, so an entry
 * whose load is stale (another queue's pick raised it) is re-queued with the current load
 * when it surfaces: the first fresh entry popped is the true minimum.
 */
class NodeQueue {
  private readonly heap: { load: number; name: string }[] = [];
  constructor(private readonly load: ReadonlyMap<string, number>) {}

  push(name: string): void {
    const heap = this.heap;
    heap.push({ load: this.load.get(name)!, name });
    for (let i = heap.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (!before(heap[i]!, heap[up]!)) break;
      [heap[i], heap[up]] = [heap[up]!, heap[i]!];
      i = up;
    }
  }

  pop(): string | undefined {
    for (;;) {
      const top = this.take();
      if (!top) return undefined;
      if (top.load === this.load.get(top.name)) return top.name;
      this.push(top.name);
    }
  }

  private take(): { load: number; name: string } | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || !last) return top;
    heap[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
    return top;
  }
}

const before = (a: { load: number; name: string }, b: { load: number; name: string }): boolean =>
  a.load < b.load || (a.load === b.load && a.name < b.name);

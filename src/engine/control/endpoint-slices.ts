// Every EndpointSlice the cluster ends up with: the given ones the controllers leave alone,
// the EndpointSlice controller's for selector Services and the mirroring controller's for
// selectorless Services with an Endpoints object (see endpointslice-controller.ts and
// endpoints-mirroring.ts for the rules each follows). Services are visited in namespace/name
// order so generated names never depend on document order.

import type { EndpointSlice, Endpoints, Node, Pod, Service } from '../model/k8s';
import type { Sourced } from './types';
import { byNamespaceName, keyOf, namespaceOf, sortSourced } from './names';
import { isReplacedByController, slicesForService } from './endpointslice-controller';
import { isReplacedByMirroring, mirrorEndpoints, shouldMirror } from './endpoints-mirroring';

export interface SliceInput {
  seed: number;
  nodes: readonly Node[];
  pods: readonly Pod[];
  services: readonly Sourced<Service>[];
  endpointSlices: readonly Sourced<EndpointSlice>[];
  endpoints: readonly Sourced<Endpoints>[];
}

/** Pods by `namespace` + one `key=value` label, each list in namespace/name order. */
type PodIndex = Map<string, Pod[]>;
const labelKey = (ns: string, k: string, v: string): string => `${ns}\u0000${k}\u0000${v}`;

function podsByLabel(sorted: readonly Pod[]): PodIndex {
  const index: PodIndex = new Map();
  for (const pod of sorted) {
    const ns = namespaceOf(pod.metadata);
    for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) {
      const key = labelKey(ns, k, v);
      const list = index.get(key);
      if (list) list.push(pod);
      else index.set(key, [pod]);
    }
  }
  return index;
}

/**
 * The pods that can match a Service's selector: those of its namespace carrying its first
 * label. slicesForService still applies the whole selector; this only spares it a walk over
 * every pod of the cluster for every Service.
 */
function candidatesFor(index: PodIndex, svc: Service): readonly Pod[] {
  const first = Object.entries(svc.spec.selector ?? {})[0];
  return first ? index.get(labelKey(namespaceOf(svc.metadata), first[0], first[1])) ?? [] : [];
}

export function reconcileEndpointSlices(input: SliceInput): Sourced<EndpointSlice>[] {
  const services = new Map(input.services.map(({ object }) => [keyOf(object.metadata), object]));
  const mirrored = sortSourced(input.endpoints).filter((e) => shouldMirror(e.object, services));
  const mirroredKeys = new Set(mirrored.map((e) => keyOf(e.object.metadata)));
  const kept = input.endpointSlices.filter(({ object }) =>
    !isReplacedByController(object, services) && !isReplacedByMirroring(object, mirroredKeys));
  const taken = new Map<string, Set<string>>();
  const takenNames = (ns: string): Set<string> => {
    if (!taken.has(ns)) taken.set(ns, new Set());
    return taken.get(ns)!;
  };
  kept.forEach(({ object }) => takenNames(namespaceOf(object.metadata)).add(object.metadata.name ?? ''));
  const ctx = { seed: input.seed, nodes: new Map(input.nodes.map((n) => [n.metadata.name ?? '', n])), takenNames };
  const candidates = podsByLabel([...input.pods].sort(byNamespaceName));
  const generated = sortSourced(input.services)
    .flatMap(({ doc, object: svc }) => slicesForService(svc, candidatesFor(candidates, svc), ctx).map((object) => ({ doc, object })));
  const mirrors = mirrored.flatMap((e) =>
    mirrorEndpoints(e.object, input.seed, takenNames(namespaceOf(e.object.metadata))).map((object) => ({ doc: e.doc, object })));
  return sortSourced([...kept, ...generated, ...mirrors]);
}

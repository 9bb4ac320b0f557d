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
  const pods = [...input.pods].sort(byNamespaceName);
  const generated = sortSourced(input.services)
    .flatMap(({ doc, object: svc }) => slicesForService(svc, pods, ctx).map((object) => ({ doc, object })));
  const mirrors = mirrored.flatMap((e) =>
    mirrorEndpoints(e.object, input.seed, takenNames(namespaceOf(e.object.metadata))).map((object) => ({ doc: e.doc, object })));
  return sortSourced([...kept, ...generated, ...mirrors]);
}

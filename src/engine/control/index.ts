// The control plane, run once: what kube-controller-manager, kube-scheduler, the API
// server's Service registry, the kubelets and the cloud controller would have done to the
// scenario's objects before the first packet is sent. Each stage is a pure function in its
// own file, named after the real component it models; this file only runs them in order.
// Objects arrive type-checked, defaulted and validated (src/engine/manifests).

import type { ObjectMeta } from '../model/k8s';
import type { ControlError, ControllerInput, ControllerOutput, Sourced } from './types';
import { byName, byNamespaceName, namespaceOf } from './names';
import { allocateNodePodCIDRs } from './node-ipam';
import { completeNodes } from './nodes';
import { expandWorkloads } from './workloads';
import { schedulePods } from './scheduler';
import { assignPodAddresses } from './pod-ipam';
import { admitServices } from './service-registry';
import { assignLoadBalancers } from './load-balancer';
import { reconcileEndpointSlices } from './endpoint-slices';
import { completeNamespaces } from './namespaces';

export type { ControlError, ControllerInput, ControllerOutput, Sourced } from './types';

const DEFAULT_CLUSTER_NAME = 'kubehops';

/** A copy of a namespaced object with metadata.namespace written out (`default` when absent). */
function inNamespace<T extends { metadata: ObjectMeta }>(entry: Sourced<T>): Sourced<T> {
  const { object } = entry;
  if (object.metadata.namespace) return entry;
  return { doc: entry.doc, object: { ...object, metadata: { ...object.metadata, namespace: namespaceOf(object.metadata) } } };
}

const objects = <T>(list: readonly Sourced<T>[]): T[] => list.map((e) => e.object);

/** Runs every controller over the scenario; refusals come back tagged with the document they came from */
export function runControllers(input: ControllerInput): ControllerOutput {
  const { spec, seed } = input;
  const errors: ControlError[] = [];

  // 1. Node IPAM cuts pod CIDRs; each kubelet reports labels, Ready and an InternalIP.
  const nodes = completeNodes(allocateNodePodCIDRs(objects(input.nodes), spec.podCIDRs), spec);

  // 2. Deployments, StatefulSets and DaemonSets create their pods.
  const givenPods = input.pods.map(inNamespace);
  const workloadPods = expandWorkloads({
    seed, nodes, pods: givenPods,
    deployments: input.deployments.map(inNamespace),
    statefulSets: input.statefulSets.map(inNamespace),
    daemonSets: input.daemonSets.map(inNamespace),
  });

  // 3. The scheduler binds pods that name no node.
  const scheduled = schedulePods([...givenPods, ...workloadPods], nodes);

  // 4. The CNI's IPAM gives pod addresses; kubelets report pod status.
  const addressed = assignPodAddresses(scheduled, nodes);
  errors.push(...addressed.errors);

  // 5-6. The Service registry allocates ClusterIPs and nodePorts, or refuses the Service.
  const admitted = admitServices(input.services.map(inNamespace), spec);
  errors.push(...admitted.errors);

  // 7. The cloud's service controller provisions load balancers.
  const services = assignLoadBalancers(admitted.services, spec.cloud.provider);

  // 8. The EndpointSlice and EndpointSliceMirroring controllers publish endpoints.
  const pods = objects(addressed.pods);
  const endpointSlices = reconcileEndpointSlices({
    seed, nodes, pods, services,
    endpointSlices: input.endpointSlices.map(inNamespace),
    endpoints: input.endpoints.map(inNamespace),
  });

  // 9. Everything in namespace/name order, with the namespaces every object implies.
  const namespaced: { metadata: ObjectMeta }[] = [
    ...pods, ...objects(services), ...objects(endpointSlices), ...objects(input.endpoints),
    ...objects(input.deployments), ...objects(input.statefulSets), ...objects(input.daemonSets),
  ];
  return {
    cluster: {
      name: input.name ?? DEFAULT_CLUSTER_NAME,
      spec,
      proxy: input.proxy,
      namespaces: completeNamespaces(objects(input.namespaces), namespaced),
      nodes: [...nodes].sort(byName),
      pods: [...pods].sort(byNamespaceName),
      services: objects(services).sort(byNamespaceName),
      endpointSlices: objects(endpointSlices).sort(byNamespaceName),
    },
    errors: errors.sort((a, b) => a.doc - b.doc),
  };
}

// The workload controllers, reduced to the pods they create (kube-controller-manager,
// pkg/controller/deployment + replicaset, statefulset/stateful_set_utils.go, daemon/
// daemon_controller.go), all at revision 1 and fully rolled out:
// - Deployment: one ReplicaSet `<deploy>-<pod-template-hash>`, pods `<rs>-<5 chars>` with
//   the label pod-template-hash. The hash is 10 characters of the rand.String alphabet drawn
//   from the seed and the Deployment's name (the real one hashes the template), so pod names
//   change with the seed and stay put when other objects change.
// - StatefulSet: pods `<sts>-0..n-1`, hostname = pod name, subdomain = spec.serviceName, labels
//   statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index, controller-revision-hash.
// - DaemonSet: one pod `<ds>-<5 chars>` per node it may run on, bound to it (spec.nodeName,
//   where the real controller uses node affinity). It tolerates what the DaemonSet controller
//   adds to every pod (util.AddOrUpdateDaemonPodTolerations), unschedulable nodes included.
// Revision hashes are rand.SafeEncodeString of the FNV-32a hash of the template, as
// controller.ComputeHash does. A generated name that a scenario pod already has is redrawn;
// a StatefulSet pod whose name is taken is left to the pod given.

import type { DaemonSet, Deployment, Node, ObjectMeta, Pod, PodTemplateSpec, StatefulSet } from '../model/k8s';
import type { Sourced } from './types';
import {
  NAME_ALPHABET, fnv1a32, generateFreeName, namespaceOf, randomFor, randomString, selectorMatches, sortSourced,
} from './names';
import { blockingTaints, isNodeReady } from './nodes';

type OwnerRef = NonNullable<ObjectMeta['ownerReferences']>[number];

/** Taint keys a DaemonSet pod tolerates without asking (NoSchedule and NoExecute ones). */
export const DAEMONSET_TOLERATED_TAINTS: ReadonlySet<string> = new Set([
  'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable', 'node.kubernetes.io/disk-pressure',
  'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/unschedulable',
]);

/** rand.SafeEncodeString(fmt.Sprint(fnv32a(template))): the shape of controller-revision-hash. */
export function templateHash(template: PodTemplateSpec): string {
  const digits = String(fnv1a32(JSON.stringify(template)));
  return [...digits].map((d) => NAME_ALPHABET[d.charCodeAt(0) % NAME_ALPHABET.length]).join('');
}

interface PodSeed {
  name: string;
  generateName?: string;
  namespace: string;
  labels: Record<string, string>;
  owner: OwnerRef;
}

// The template is read-only API data, so its pods share its spec rather than copy it
// (100,000 pods from 10,000 Deployments would otherwise hold 100,000 copies).
function podFromTemplate(t: PodTemplateSpec, seed: PodSeed): Pod {
  const metadata: ObjectMeta = {
    name: seed.name,
    ...(seed.generateName !== undefined ? { generateName: seed.generateName } : {}),
    namespace: seed.namespace,
    labels: { ...t.metadata?.labels, ...seed.labels },
    ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
    ownerReferences: [seed.owner],
  };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: t.spec };
}

const ownerOf = (kind: string, name: string, apiVersion = 'apps/v1'): OwnerRef => ({ apiVersion, kind, name, controller: true });

function takenIn(taken: Map<string, Set<string>>, namespace: string): Set<string> {
  let set = taken.get(namespace);
  if (!set) taken.set(namespace, (set = new Set()));
  return set;
}

export function expandDeployment(d: Deployment, seed: number, taken: Map<string, Set<string>>): Pod[] {
  const ns = namespaceOf(d.metadata);
  const name = d.metadata.name ?? '';
  const random = randomFor(seed, `Deployment/${ns}/${name}`);
  const hash = randomString(random, 10);
  const rsName = `${name}-${hash}`;
  const names = takenIn(taken, ns);
  return Array.from({ length: d.spec.replicas ?? 1 }, () => {
    const podName = generateFreeName(random, `${rsName}-`, names);
    return podFromTemplate(d.spec.template, {
      name: podName, generateName: `${rsName}-`, namespace: ns,
      labels: { 'pod-template-hash': hash }, owner: ownerOf('ReplicaSet', rsName),
    });
  });
}

export function expandStatefulSet(s: StatefulSet, taken: Map<string, Set<string>>): Pod[] {
  const ns = namespaceOf(s.metadata);
  const name = s.metadata.name ?? '';
  const revision = `${name}-${templateHash(s.spec.template)}`;
  const names = takenIn(taken, ns);
  const pods: Pod[] = [];
  for (let i = 0; i < (s.spec.replicas ?? 1); i++) {
    const podName = `${name}-${i}`;
    if (names.has(podName)) continue;
    names.add(podName);
    const pod = podFromTemplate(s.spec.template, {
      name: podName, namespace: ns, owner: ownerOf('StatefulSet', name),
      labels: {
        'apps.kubernetes.io/pod-index': String(i),
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': podName,
      },
    });
    pod.spec = { ...pod.spec, hostname: podName, ...(s.spec.serviceName ? { subdomain: s.spec.serviceName } : {}) };
    pods.push(pod);
  }
  return pods;
}

/** Nodes a DaemonSet pod may run on: Ready, matching the template's nodeSelector, taints tolerated. */
export function daemonSetNodes(ds: DaemonSet, nodes: readonly Node[]): Node[] {
  const selector = ds.spec.template.spec.nodeSelector ?? {};
  return nodes.filter((n) => isNodeReady(n) && selectorMatches(selector, n.metadata.labels)
    && blockingTaints(n, DAEMONSET_TOLERATED_TAINTS).length === 0);
}

export function expandDaemonSet(ds: DaemonSet, nodes: readonly Node[], seed: number, taken: Map<string, Set<string>>): Pod[] {
  const ns = namespaceOf(ds.metadata);
  const name = ds.metadata.name ?? '';
  const random = randomFor(seed, `DaemonSet/${ns}/${name}`);
  const revision = `${name}-${templateHash(ds.spec.template)}`;
  const names = takenIn(taken, ns);
  return daemonSetNodes(ds, nodes).map((node) => {
    const pod = podFromTemplate(ds.spec.template, {
      name: generateFreeName(random, `${name}-`, names), generateName: `${name}-`, namespace: ns,
      labels: { 'controller-revision-hash': revision, 'pod-template-generation': '1' }, owner: ownerOf('DaemonSet', name),
    });
    pod.spec = { ...pod.spec, nodeName: node.metadata.name };
    return pod;
  });
}

export interface WorkloadInput {
  seed: number;
  nodes: readonly Node[];
  pods: readonly Sourced<Pod>[];
  deployments: readonly Sourced<Deployment>[];
  statefulSets: readonly Sourced<StatefulSet>[];
  daemonSets: readonly Sourced<DaemonSet>[];
}

/** Every pod the workloads create, tagged with the workload's source document; pods given are not included. */
export function expandWorkloads(input: WorkloadInput): Sourced<Pod>[] {
  const taken = new Map<string, Set<string>>();
  for (const { object } of input.pods) takenIn(taken, namespaceOf(object.metadata)).add(object.metadata.name ?? '');
  const out: Sourced<Pod>[] = [];
  const tag = (doc: number) => (object: Pod) => out.push({ doc, object });
  // StatefulSet names are fixed, so they are claimed before any generated name is drawn.
  for (const s of sortSourced(input.statefulSets)) expandStatefulSet(s.object, taken).forEach(tag(s.doc));
  for (const d of sortSourced(input.deployments)) expandDeployment(d.object, input.seed, taken).forEach(tag(d.doc));
  for (const ds of sortSourced(input.daemonSets)) expandDaemonSet(ds.object, input.nodes, input.seed, taken).forEach(tag(ds.doc));
  return out;
}

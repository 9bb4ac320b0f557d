// Namespaces as the cluster has them: the ones given, plus `default` and `kube-system` (which
// every cluster has) and every namespace an object names, in name order. The API server
// labels each namespace kubernetes.io/metadata.name=<name> (NamespaceDefaultLabelName), so
// that label is added where missing. kube-public and kube-node-lease are not implied.

import type { Namespace, ObjectMeta } from '../model/k8s';
import { byName, clone, namespaceOf } from './names';

const ALWAYS = ['default', 'kube-system'];
const NAME_LABEL = 'kubernetes.io/metadata.name';

function withNameLabel(ns: Namespace): Namespace {
  const copy = clone(ns);
  const name = copy.metadata.name ?? '';
  copy.metadata.labels = { ...copy.metadata.labels, [NAME_LABEL]: name };
  return copy;
}

/** The cluster's namespaces: given, always present, and referenced ones, each once. */
export function completeNamespaces(given: readonly Namespace[], referencing: readonly { metadata: ObjectMeta }[]): Namespace[] {
  const byNs = new Map<string, Namespace>();
  for (const ns of given) byNs.set(ns.metadata.name ?? '', withNameLabel(ns));
  const implied = [...ALWAYS, ...referencing.map((o) => namespaceOf(o.metadata))];
  for (const name of implied) {
    if (!byNs.has(name)) byNs.set(name, withNameLabel({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  }
  return [...byNs.values()].sort(byName);
}

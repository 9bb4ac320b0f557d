// Type checking before validation: the API server decodes a request body into the kind's Go
// type first, and a wrong JSON type refuses the object before any validation runs. One
// declarative schema per kind kubehops reads (see ./types for the vocabulary).

import { FieldPath, typeInvalid, type FieldError } from '../field-errors';
import { checkValue, type TypeCheck } from './check';
import { cluster, kubeProxyConfiguration } from './config';
import { namespace, node } from './node';
import { endpointSlice, endpoints, service } from './service';
import { daemonSet, deployment, pod, statefulSet } from './workloads';
import { any, arr, int64, obj, str, type Schema } from './types';

export type { Schema } from './types';

const SCHEMAS: Readonly<Record<string, Schema>> = {
  Namespace: namespace,
  Node: node,
  Pod: pod,
  Deployment: deployment,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Service: service,
  EndpointSlice: endpointSlice,
  Endpoints: endpoints,
  KubeProxyConfiguration: kubeProxyConfiguration,
  Cluster: cluster,
};

/** metav1.ListMeta and the envelope of `kubectl get -o yaml`; items are checked by their own kind. */
const list = obj({
  apiVersion: str, kind: str, items: arr(any),
  metadata: obj({ resourceVersion: str, continue: str, remainingItemCount: int64, selfLink: str }),
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkAt(kind: string, value: unknown, at: FieldPath, out: TypeCheck): void {
  if (!isObject(value)) {
    out.errors.push(typeInvalid(at, value, 'object'));
    return;
  }
  if (kind.endsWith('List') && !Object.hasOwn(SCHEMAS, kind)) {
    checkValue(list, value, at, out);
    const items = Array.isArray(value.items) ? (value.items as unknown[]) : [];
    items.forEach((item, i) => {
      const itemKind = isObject(item) && typeof item.kind === 'string' ? item.kind : '';
      checkAt(itemKind, item, at.child('items').index(i), out);
    });
    return;
  }
  const schema = Object.hasOwn(SCHEMAS, kind) ? SCHEMAS[kind] : undefined;
  if (schema) checkValue(schema, value, at, out);
}

/**
 * Decodes `obj` as the API server decodes a `kind` (and `kubectl get -o yaml` Lists, item by
 * item): wrong JSON types are `typeInvalid` errors with their field path, unknown fields are
 * warnings (`unknown field "spec.foo"`). Kinds without a schema pass unchecked.
 */
export function checkTypes(kind: string, obj: unknown): { errors: FieldError[]; warnings: string[] } {
  const out: TypeCheck = { errors: [], warnings: [] };
  checkAt(kind, obj, FieldPath.root(''), out);
  return out;
}

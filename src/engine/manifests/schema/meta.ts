// The parts every kind shares (k8s.io/apimachinery/pkg/apis/meta/v1 types.go): TypeMeta,
// ObjectMeta with everything `kubectl get -o yaml` prints (managedFields, resourceVersion,
// uid, creationTimestamp: null in templates), LabelSelector and ObjectReference.

import { any, arr, bool, int64, obj, str, strMap, strs, type Fields, type Schema } from './types';

const ownerReference = obj({
  apiVersion: str, kind: str, name: str, uid: str, controller: bool, blockOwnerDeletion: bool,
});

const managedFieldsEntry = obj({
  manager: str, operation: str, apiVersion: str, time: str, fieldsType: str, fieldsV1: any, subresource: str,
});

export const objectMeta = obj({
  name: str,
  generateName: str,
  namespace: str,
  selfLink: str,
  uid: str,
  resourceVersion: str,
  generation: int64,
  creationTimestamp: str,
  deletionTimestamp: str,
  deletionGracePeriodSeconds: int64,
  labels: strMap,
  annotations: strMap,
  ownerReferences: arr(ownerReference),
  finalizers: strs,
  managedFields: arr(managedFieldsEntry),
});

export const labelSelector = obj({
  matchLabels: strMap,
  matchExpressions: arr(obj({ key: str, operator: str, values: strs })),
});

/** core/v1 ObjectReference, as EndpointSlice and Endpoints `targetRef` use it. */
export const objectReference = obj({
  kind: str, namespace: str, name: str, uid: str, apiVersion: str, resourceVersion: str, fieldPath: str,
});

/** A top-level object: TypeMeta and ObjectMeta, then the kind's own fields. */
export const kind = (fields: Fields): Schema => obj({ apiVersion: str, kind: str, metadata: objectMeta, ...fields });

// Namespaces and Nodes (k8s.io/api core/v1), with the Node status the kubelet reports
// (addresses, conditions, capacity...), so `kubectl get nodes -o yaml` loads as it is.

import { kind } from './meta';
import { any, arr, bool, known, map, obj, str, strs } from './types';

export const namespace = kind({
  spec: obj({ finalizers: strs }),
  status: obj({ phase: str, conditions: arr(any) }),
});

const taint = obj({ key: str, value: str, effect: str, timeAdded: str });

const nodeCondition = obj({
  type: str, status: str, lastHeartbeatTime: str, lastTransitionTime: str, reason: str, message: str,
});

/** resource.Quantity decodes from a string or a number (`cpu: 4`, `memory: 16Gi`). */
const resourceList = map(any);

export const node = kind({
  spec: obj({
    podCIDR: str,
    podCIDRs: strs,
    providerID: str,
    unschedulable: bool,
    taints: arr(taint),
    externalID: str,
    ...known('configSource'),
  }),
  status: obj({
    addresses: arr(obj({ type: str, address: str })),
    conditions: arr(nodeCondition),
    capacity: resourceList,
    allocatable: resourceList,
    phase: str,
    ...known('daemonEndpoints', 'nodeInfo', 'images', 'volumesInUse', 'volumesAttached', 'config',
      'runtimeHandlers', 'features', 'declaredFeatures'),
  }),
});

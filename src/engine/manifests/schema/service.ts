// Services and their endpoints (k8s.io/api core/v1 Service and Endpoints, discovery/v1
// EndpointSlice), every field of the real types, status included.

import { kind, objectReference } from './meta';
import { any, arr, bool, int, intOrStr, obj, str, strMap, strs } from './types';

const servicePort = obj({
  name: str, protocol: str, appProtocol: str, port: int, targetPort: intOrStr, nodePort: int,
});

const serviceSpec = obj({
  type: str,
  selector: strMap,
  ports: arr(servicePort),
  clusterIP: str,
  clusterIPs: strs,
  ipFamilies: strs,
  ipFamilyPolicy: str,
  externalIPs: strs,
  externalName: str,
  sessionAffinity: str,
  sessionAffinityConfig: obj({ clientIP: obj({ timeoutSeconds: int }) }),
  externalTrafficPolicy: str,
  internalTrafficPolicy: str,
  healthCheckNodePort: int,
  loadBalancerIP: str,
  loadBalancerSourceRanges: strs,
  loadBalancerClass: str,
  allocateLoadBalancerNodePorts: bool,
  publishNotReadyAddresses: bool,
  trafficDistribution: str,
});

const loadBalancerIngress = obj({
  ip: str,
  hostname: str,
  ipMode: str,
  ports: arr(obj({ port: int, protocol: str, error: str })),
});

export const service = kind({
  spec: serviceSpec,
  status: obj({ loadBalancer: obj({ ingress: arr(loadBalancerIngress) }), conditions: arr(any) }),
});

const endpointAddress = obj({ ip: str, hostname: str, nodeName: str, targetRef: objectReference });

export const endpoints = kind({
  subsets: arr(obj({
    addresses: arr(endpointAddress),
    notReadyAddresses: arr(endpointAddress),
    ports: arr(obj({ name: str, port: int, protocol: str, appProtocol: str })),
  })),
});

const forName = arr(obj({ name: str }));

const endpoint = obj({
  addresses: strs,
  conditions: obj({ ready: bool, serving: bool, terminating: bool }),
  hostname: str,
  targetRef: objectReference,
  nodeName: str,
  zone: str,
  hints: obj({ forZones: forName, forNodes: forName }),
  deprecatedTopology: strMap,
});

export const endpointSlice = kind({
  addressType: str,
  endpoints: arr(endpoint),
  ports: arr(obj({ name: str, protocol: str, port: int, appProtocol: str })),
});

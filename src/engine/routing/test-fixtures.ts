// A two-node host-gw cluster for the routing tests: node-a 192.168.1.10 (pods 10.244.1.0/24),
// node-b 192.168.1.11 (10.244.2.0/24), a laptop outside, and an EndpointSlice naming pods
// that are not in the model (one on node-a, one on an unmodelled node); the same cluster
// under the vxlan model (withCni) and, with pod IPs from the node subnet, under vpc.

import { loadScenario } from '../manifests/load';
import type { IP } from '../net/ip';
import { buildNetwork } from './build';
import type { Network } from './types';

export const TWO_NODES = `
apiVersion: kubehops.dev/v1alpha1
kind: Cluster
metadata: { name: routing }
spec:
  podCIDRs: [10.244.0.0/16]
  clients: [{ name: laptop, ip: 203.0.113.10 }]
---
apiVersion: v1
kind: Node
metadata: { name: node-a }
spec: { podCIDR: 10.244.1.0/24 }
status: { addresses: [{ type: InternalIP, address: 192.168.1.10 }] }
---
apiVersion: v1
kind: Node
metadata: { name: node-b }
spec: { podCIDR: 10.244.2.0/24 }
status: { addresses: [{ type: InternalIP, address: 192.168.1.11 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: pod-a, namespace: default }
spec: { nodeName: node-a, containers: [{ name: c, image: nginx }] }
status: { podIP: 10.244.1.2, podIPs: [{ ip: 10.244.1.2 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: pod-a2, namespace: default }
spec: { nodeName: node-a, containers: [{ name: c, image: nginx }] }
status: { podIP: 10.244.1.3, podIPs: [{ ip: 10.244.1.3 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: pod-b, namespace: default }
spec: { nodeName: node-b, containers: [{ name: c, image: nginx }] }
status: { podIP: 10.244.2.2, podIPs: [{ ip: 10.244.2.2 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: agent, namespace: kube-system }
spec: { nodeName: node-b, hostNetwork: true, containers: [{ name: c, image: nginx }] }
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: ext-1, namespace: default, labels: { kubernetes.io/service-name: ext } }
addressType: IPv4
endpoints:
  - { addresses: [10.244.1.50], nodeName: node-a }
  - { addresses: [10.244.9.7], nodeName: node-z }
ports: [{ name: http, port: 8080, protocol: TCP }]
`;

/** TWO_NODES under another CNI model (`spec.cni.model`). */
export const withCni = (model: string, text = TWO_NODES): string =>
  text.replace('  podCIDRs: [10.244.0.0/16]\n', `  podCIDRs: [10.244.0.0/16]\n  cni: { model: ${model} }\n`);

/** Two nodes under the `vpc` model: pods hold addresses of the node subnet (.21 on node-a, .31 on node-b). */
export const VPC_NODES = withCni('vpc', TWO_NODES
  .replace('status: { podIP: 10.244.1.2, podIPs: [{ ip: 10.244.1.2 }] }', 'status: { podIP: 192.168.1.21 }')
  .replace('status: { podIP: 10.244.1.3, podIPs: [{ ip: 10.244.1.3 }] }', 'status: { podIP: 192.168.1.22 }')
  .replace('status: { podIP: 10.244.2.2, podIPs: [{ ip: 10.244.2.2 }] }', 'status: { podIP: 192.168.1.31 }')
  .replace(/---\napiVersion: discovery[\s\S]*$/, ''));

export const makeNetwork = (text = TWO_NODES): Network => {
  const { cluster, documents } = loadScenario([{ name: 'routing.yaml', text }]);
  const bad = documents.filter((d) => !d.valid);
  if (bad.length > 0) throw new Error(JSON.stringify(bad.map((d) => d.errors)));
  return buildNetwork(cluster);
};

export const ip = (text: string): IP => text as IP;

export const nodeA = 'node/node-a';
export const nodeB = 'node/node-b';
export const podA = 'pod/default/pod-a';
export const podA2 = 'pod/default/pod-a2';
export const podB = 'pod/default/pod-b';
export const laptop = 'client/laptop';
export const outside = 'outside';

export const nodeAIP = ip('192.168.1.10');
export const nodeBIP = ip('192.168.1.11');
export const gatewayIP = ip('192.168.1.1');
export const bridgeAIP = ip('10.244.1.1');
export const podAIP = ip('10.244.1.2');
export const podA2IP = ip('10.244.1.3');
export const podBIP = ip('10.244.2.2');
export const laptopIP = ip('203.0.113.10');
export const clusterIP = ip('10.96.0.10');
/** An endpoint on node-a the model has no pod for. */
export const strayPodIP = ip('10.244.1.50');
/** An endpoint on a node the model does not have. */
export const remotePodIP = ip('10.244.9.7');

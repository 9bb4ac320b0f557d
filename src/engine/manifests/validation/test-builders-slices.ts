// Test builders for the endpoint and workload kinds: each `makeX` returns a valid, defaulted
// object of the kind (what a user would apply, after API-server defaulting), and applies an
// optional mutator so a test states only what it changes.

import type {
  DaemonSet, Deployment, EndpointSlice, Endpoints, Namespace, Node, Pod, PodSpec, StatefulSet,
} from '../../model/k8s';

type Mutate<T> = (obj: T) => void;

const build = <T>(obj: T, mutate?: Mutate<T>): T => {
  mutate?.(obj);
  return obj;
};

/** A slice of the Service `web` with one ready IPv4 endpoint on node-a and one named TCP port. */
export const makeEndpointSlice = (ns: string, name: string, mutate?: Mutate<EndpointSlice>): EndpointSlice => build({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: {
    name, namespace: ns,
    labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
  },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'node-a', zone: 'zone-a' }],
  ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
}, mutate);

/** Endpoints of the Service `web`: one ready address on node-a, one named TCP port. */
export const makeEndpoints = (ns: string, name: string, mutate?: Mutate<Endpoints>): Endpoints => build({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name, namespace: ns },
  subsets: [{
    addresses: [{ ip: '10.244.1.5', nodeName: 'node-a', targetRef: { kind: 'Pod', namespace: ns, name: 'web-0' } }],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  }],
}, mutate);

/** The pod spec the builders share: one nginx container serving http on 8080/TCP. */
export const makePodSpec = (mutate?: Mutate<PodSpec>): PodSpec => build({
  dnsPolicy: 'ClusterFirst',
  containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }],
}, mutate);

/** A pod labelled app=web, scheduled on node-a, with a pod IP. */
export const makePod = (ns: string, name: string, mutate?: Mutate<Pod>): Pod => build({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels: { app: 'web' } },
  spec: makePodSpec((s) => { s.nodeName = 'node-a'; }),
  status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }] },
}, mutate);

/** A node with an IPv4 pod CIDR and an internal IP. */
export const makeNode = (name: string, mutate?: Mutate<Node>): Node => build({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
  status: { addresses: [{ type: 'InternalIP', address: '192.168.1.10' }, { type: 'Hostname', address: name }] },
}, mutate);

export const makeNamespace = (name: string, mutate?: Mutate<Namespace>): Namespace =>
  build({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, mutate);

const template = () => ({ metadata: { labels: { app: 'web' } }, spec: makePodSpec() });

/** A Deployment of three app=web pods. */
export const makeDeployment = (ns: string, name: string, mutate?: Mutate<Deployment>): Deployment => build({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template() },
}, mutate);

/** A StatefulSet of three app=web pods behind the headless Service `web`. */
export const makeStatefulSet = (ns: string, name: string, mutate?: Mutate<StatefulSet>): StatefulSet => build({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: ns },
  spec: { replicas: 3, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: template() },
}, mutate);

/** A DaemonSet of app=web pods. */
export const makeDaemonSet = (ns: string, name: string, mutate?: Mutate<DaemonSet>): DaemonSet => build({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: ns },
  spec: { selector: { matchLabels: { app: 'web' } }, template: template() },
}, mutate);

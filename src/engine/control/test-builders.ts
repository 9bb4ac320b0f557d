// Small builders for the controllers' tests: a kubeadm-default cluster spec and objects shaped
// the way they arrive from the loader (defaulted), each adjustable with a callback.

import type { CIDR, IP } from '../net/ip';
import type { ClusterSpec, ProxyConfig } from '../model/cluster';
import type {
  DaemonSet, Deployment, EndpointSlice, Endpoints, Node, Pod, PodTemplateSpec, Service, StatefulSet,
} from '../model/k8s';
import type { ControllerInput, Sourced } from './types';

type Adjust<T> = (object: T) => void;

export function makeSpec(adjust?: Adjust<ClusterSpec>): ClusterSpec {
  const spec: ClusterSpec = {
    serviceCIDRs: ['10.96.0.0/12' as CIDR],
    podCIDRs: ['10.244.0.0/16' as CIDR],
    serviceNodePortRange: { min: 30000, max: 32767 },
    cni: { model: 'direct' },
    cloud: { provider: 'none' },
    dns: { zones: ['cluster.local'], pods: 'insecure', ttl: 5, namespaces: [], ignoreEmptyService: false, endpointPodNames: false, fallthrough: false, upstream: [] },
    clients: [{ name: 'laptop', ip: '203.0.113.10' as IP }],
  };
  adjust?.(spec);
  return spec;
}

export function makeProxy(): ProxyConfig {
  return {
    mode: 'iptables', clusterCIDRs: ['10.244.0.0/16' as CIDR], detectLocalMode: 'ClusterCIDR', bridgeInterface: '',
    interfaceNamePrefix: '', masqueradeAll: false, masqueradeBit: 14, localhostNodePorts: true, nodePortAddresses: [], ipvsScheduler: '',
  };
}

export function makeNode(name: string, adjust?: Adjust<Node>): Node {
  const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {}, status: {} };
  adjust?.(node);
  return node;
}

export function makePod(namespace: string, name: string, adjust?: Adjust<Pod>): Pod {
  const pod: Pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels: { app: 'web' } },
    spec: { containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] },
  };
  adjust?.(pod);
  return pod;
}

/** A ClusterIP Service selecting app=web, port 80 -> targetPort 8080, defaulted as the API server defaults it. */
export function makeService(namespace: string, name: string, adjust?: Adjust<Service>): Service {
  const svc: Service = {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace },
    spec: {
      type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
      ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster',
    },
  };
  adjust?.(svc);
  return svc;
}

const template = (labels: Record<string, string>): PodTemplateSpec => ({
  metadata: { labels },
  spec: { containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] },
});

export function makeDeployment(namespace: string, name: string, replicas: number, adjust?: Adjust<Deployment>): Deployment {
  const d: Deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: template({ app: name }) },
  };
  adjust?.(d);
  return d;
}

export function makeStatefulSet(namespace: string, name: string, replicas: number, adjust?: Adjust<StatefulSet>): StatefulSet {
  const s: StatefulSet = {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace },
    spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: template({ app: name }) },
  };
  adjust?.(s);
  return s;
}

export function makeDaemonSet(namespace: string, name: string, adjust?: Adjust<DaemonSet>): DaemonSet {
  const ds: DaemonSet = {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace },
    spec: { selector: { matchLabels: { app: name } }, template: template({ app: name }) },
  };
  adjust?.(ds);
  return ds;
}

export function makeEndpoints(namespace: string, name: string, adjust?: Adjust<Endpoints>): Endpoints {
  const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace }, subsets: [] };
  adjust?.(ep);
  return ep;
}

export function makeSlice(namespace: string, name: string, service: string, adjust?: Adjust<EndpointSlice>): EndpointSlice {
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name, namespace, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4', endpoints: [], ports: [],
  };
  adjust?.(slice);
  return slice;
}

/** Tags objects with document numbers counting from `first`. */
export const sourced = <T>(objects: readonly T[], first = 0): Sourced<T>[] => objects.map((object, i) => ({ doc: first + i, object }));

/** A controller input with nothing in it but what `parts` gives. */
export function makeInput(parts: Partial<ControllerInput> = {}): ControllerInput {
  return {
    spec: makeSpec(), proxy: makeProxy(), seed: 1,
    namespaces: [], nodes: [], pods: [], deployments: [], statefulSets: [], daemonSets: [],
    services: [], endpointSlices: [], endpoints: [],
    ...parts,
  };
}

// API-server defaulting for the kinds around Service endpoints and their backends, as the
// versioned defaulters do it before validation: pkg/apis/discovery/v1/defaults.go
// (SetDefaults_EndpointPort), pkg/apis/core/v1/defaults.go (SetDefaults_Endpoints,
// SetDefaults_Pod, SetDefaults_PodSpec, the ContainerPort protocol default,
// SetDefaults_Namespace) and pkg/apis/apps/v1/defaults.go (replicas). Only the fields
// kubehops models are defaulted. Every function returns a new object and never throws.

import type {
  ContainerPort, DaemonSet, Deployment, EndpointPort, EndpointSlice, Endpoints, Namespace, Pod, PodSpec,
  PodTemplateSpec, StatefulSet,
} from '../../model/k8s';

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * SetDefaults_EndpointPort: name and protocol are pointers, defaulted only when absent
 * (null or missing); an explicit "" stays and is judged by validation.
 */
function defaultEndpointPort(port: EndpointPort): EndpointPort {
  if (!isObject(port)) return port;
  return { ...port, name: port.name ?? '', protocol: port.protocol ?? 'TCP' };
}

/** discovery/v1 defaults: every port gets name "" and protocol TCP when absent. */
export function defaultEndpointSlice(s: EndpointSlice): EndpointSlice {
  if (!isObject(s) || !Array.isArray(s.ports)) return s;
  return { ...s, ports: s.ports.map(defaultEndpointPort) };
}

/** SetDefaults_Endpoints: an empty port protocol becomes TCP. */
export function defaultEndpoints(e: Endpoints): Endpoints {
  if (!isObject(e) || !Array.isArray(e.subsets)) return e;
  const subsets = e.subsets.map((ss) => (isObject(ss) && Array.isArray(ss.ports)
    ? { ...ss, ports: ss.ports.map((p) => (isObject(p) ? { ...p, protocol: p.protocol || 'TCP' } : p)) }
    : ss));
  return { ...e, subsets };
}

/** The ContainerPort default (`+default="TCP"`), plus hostPort = containerPort on the host network. */
function defaultContainerPort(port: ContainerPort, hostNetwork: boolean): ContainerPort {
  if (!isObject(port)) return port;
  const out: ContainerPort = { ...port, protocol: port.protocol || 'TCP' };
  if (hostNetwork && !port.hostPort) out.hostPort = port.containerPort;
  return out;
}

/**
 * SetDefaults_PodSpec (dnsPolicy ClusterFirst) and the container port defaults. `isPod`:
 * SetDefaults_Pod also sets each hostPort to its containerPort when hostNetwork is on, a
 * default pod templates do not get.
 */
function defaultPodSpec(spec: PodSpec, isPod: boolean): PodSpec {
  if (!isObject(spec)) return spec;
  const hostNetwork = isPod && spec.hostNetwork === true;
  const containers = Array.isArray(spec.containers)
    ? spec.containers.map((c) => (isObject(c) && Array.isArray(c.ports)
      ? { ...c, ports: c.ports.map((p) => defaultContainerPort(p, hostNetwork)) }
      : c))
    : spec.containers;
  return { ...spec, dnsPolicy: spec.dnsPolicy || 'ClusterFirst', containers };
}

/** v1 Pod defaults for the modelled fields. */
export function defaultPod(p: Pod): Pod {
  if (!isObject(p) || !isObject(p.spec)) return p;
  return { ...p, spec: defaultPodSpec(p.spec, true) };
}

function defaultTemplate(t: PodTemplateSpec): PodTemplateSpec {
  if (!isObject(t) || !isObject(t.spec)) return t;
  return { ...t, spec: defaultPodSpec(t.spec, false) };
}

/**
 * apps/v1 defaults: Deployment and StatefulSet replicas default to 1 (a DaemonSet has no
 * replicas); the pod template gets the PodSpec defaults.
 */
export function defaultWorkload<T extends Deployment | StatefulSet | DaemonSet>(w: T): T {
  if (!isObject(w) || !isObject(w.spec)) return w;
  const spec: Record<string, unknown> = { ...w.spec, template: defaultTemplate(w.spec.template) };
  if (w.kind !== 'DaemonSet') spec.replicas = (w.spec as { replicas?: number }).replicas ?? 1;
  return { ...w, spec } as T;
}

/** SetDefaults_Namespace: a named namespace carries `kubernetes.io/metadata.name: <name>`. */
export function defaultNamespace(ns: Namespace): Namespace {
  if (!isObject(ns) || !isObject(ns.metadata)) return ns;
  const name = ns.metadata.name;
  if (typeof name !== 'string' || name.length === 0) return ns;
  const labels = { ...(isObject(ns.metadata.labels) ? ns.metadata.labels : {}), 'kubernetes.io/metadata.name': name };
  return { ...ns, metadata: { ...ns.metadata, labels } };
}

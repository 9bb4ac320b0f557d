// What the API server fills into a v1 Service on create, before validating it:
// SetDefaults_Service (pkg/apis/core/v1/defaults.go), then normalizeClusterIPs and
// initIPFamilyFields (pkg/registry/core/service/storage/storage.go and alloc.go).
// Addresses and node ports are left for the allocators (kubehops' control/ controllers).

import type { IPFamilyName, Service, ServicePort, ServiceSpec } from '../../model/k8s';
import { initIPFamilyFields } from './service-ip-families';

/** DefaultClientIPServiceAffinitySeconds: three hours. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

export interface ServiceCluster {
  /** The families of --service-cluster-ip-range, primary first. */
  serviceFamilies: IPFamilyName[];
}

/** A deep copy of plain manifest data, so defaulting never touches the caller's object. */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => clone(v) as unknown) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
  }
  return value;
}

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** service.ExternallyAccessible: node ports, a load balancer, or external IPs on a ClusterIP. */
const externallyAccessible = (spec: ServiceSpec): boolean =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' ||
  (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);

function defaultSessionAffinity(spec: ServiceSpec): void {
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && !isSet(spec.sessionAffinityConfig?.clientIP?.timeoutSeconds)) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
}

function defaultPort(sp: ServicePort): void {
  if (!sp.protocol) sp.protocol = 'TCP';
  // An unset targetPort is the int-or-string zero value, as is 0 or "": all mean "same as port".
  if (sp.targetPort === undefined || sp.targetPort === null || sp.targetPort === 0 || sp.targetPort === '') {
    sp.targetPort = sp.port;
  }
}

/** SetDefaults_Service, in its order. */
function setDefaultsService(svc: Service): void {
  const spec = svc.spec;
  defaultSessionAffinity(spec);
  if (!spec.type) spec.type = 'ClusterIP';
  if (Array.isArray(spec.ports)) {
    for (const sp of spec.ports) if (typeof sp === 'object' && sp !== null) defaultPort(sp);
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (!isSet(spec.internalTrafficPolicy) && (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    if (!isSet(spec.allocateLoadBalancerNodePorts)) spec.allocateLoadBalancerNodePorts = true;
    const ingresses: unknown = svc.status?.loadBalancer?.ingress;
    for (const ingress of Array.isArray(ingresses) ? ingresses : []) {
      if (typeof ingress === 'object' && ingress !== null && ingress.ip && !isSet(ingress.ipMode)) ingress.ipMode = 'VIP';
    }
  }
}

/** normalizeClusterIPs on create: an old client's clusterIP alone becomes clusterIPs. */
function normalizeClusterIPs(spec: ServiceSpec): void {
  const hasIPs = Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0;
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && !hasIPs) spec.clusterIPs = [spec.clusterIP];
}

/**
 * The Service as the API server would hold it after defaulting on create, as a new object.
 * Where the API server would refuse the IP families, they are left as given (with the
 * defaulted ipFamilyPolicy) for validateService to report.
 */
export function defaultService(svc: Service, cluster: ServiceCluster): Service {
  const out = clone(svc);
  if (typeof out.spec !== 'object' || out.spec === null) out.spec = {};
  setDefaultsService(out);
  normalizeClusterIPs(out.spec);
  out.spec = initIPFamilyFields(out.spec, cluster.serviceFamilies).spec;
  return out;
}

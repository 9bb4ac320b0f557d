// The API server's verdict on creating a v1 Service: ValidateServiceCreate / ValidateService
// in pkg/apis/core/validation/validation.go, run on the defaulted Service (defaultService).
// Before validation the API server settles IP families (initIPFamilyFields in
// pkg/registry/core/service/storage/alloc.go); when that refuses the Service, its errors are
// the whole answer and validation never runs, so the same happens here.
// Rules that need an allocator (address and node-port ranges, addresses in use) belong to
// the control/ controllers; healthCheckNodePort is allocated before validation, so an unset
// one is not reported.

import type { Service, ServiceSpec } from '../../model/k8s';
import { forbidden, invalid, notSupported, path, required, type FieldError } from '../field-errors';
import { initIPFamilyFields } from '../defaults/service-ip-families';
import type { ServiceCluster } from '../defaults/service';
import { validateLabels, validateObjectMeta } from './meta';
import { isDNS1035Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from './names';
import {
  isHeadlessService, validateExternalIPs, validateLoadBalancerSourceRanges, validateServiceClusterIPsRelatedFields,
} from './service-ips';
import {
  validateClusterIPNodePorts, validateDuplicateNodePorts, validateDuplicatePorts, validateServicePorts,
} from './service-ports';

export const SUPPORTED_SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
export const SUPPORTED_SESSION_AFFINITY = ['ClientIP', 'None'] as const;
export const SUPPORTED_TRAFFIC_POLICIES = ['Cluster', 'Local'] as const;
export const SUPPORTED_TRAFFIC_DISTRIBUTION = ['PreferClose'] as const;
/** MaxClientIPServiceAffinitySeconds: one day. */
export const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
export const ANNOTATION_TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
export const ANNOTATION_TOPOLOGY_AWARE_HINTS = 'service.kubernetes.io/topology-aware-hints';

const LB_ONLY = "may only be used when `type` is 'LoadBalancer'";
const has = (list: readonly string[], v: unknown): boolean => typeof v === 'string' && list.includes(v);
const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** The deprecated topology-aware-hints annotation and topology-mode must agree when both are set. */
function validateTopologyAnnotations(svc: Service): FieldError[] {
  const a = svc.metadata?.annotations;
  if (!a || typeof a !== 'object' || !(ANNOTATION_TOPOLOGY_MODE in a) || !(ANNOTATION_TOPOLOGY_AWARE_HINTS in a)) return [];
  if (a[ANNOTATION_TOPOLOGY_MODE] === a[ANNOTATION_TOPOLOGY_AWARE_HINTS]) return [];
  return [invalid(path('metadata', 'annotations').key(ANNOTATION_TOPOLOGY_MODE), a[ANNOTATION_TOPOLOGY_MODE],
    `must match annotations[${ANNOTATION_TOPOLOGY_AWARE_HINTS}] when both are specified`)];
}

/** Ports are required except on headless and ExternalName services; then the per-type rules. */
function validateTypeShape(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const headless = isHeadlessService(spec);
  const noPorts = !Array.isArray(spec.ports) || spec.ports.length === 0;
  if (noPorts && !headless && spec.type !== 'ExternalName') errs.push(required(path('spec', 'ports')));
  if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && headless) {
    errs.push(invalid(path('spec', 'clusterIPs').index(0), 'None', `may not be set to 'None' for ${spec.type} services`));
  }
  if (spec.type === 'ExternalName') errs.push(...validateExternalNameShape(spec));
  return errs;
}

/** ExternalName: no cluster addresses or families, and a DNS name (a trailing dot is allowed). */
function validateExternalNameShape(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const notForExternalName = 'may not be set for ExternalName services';
  if (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0) errs.push(forbidden(path('spec', 'clusterIPs'), notForExternalName));
  if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0) errs.push(forbidden(path('spec', 'ipFamilies'), notForExternalName));
  if (isSet(spec.ipFamilyPolicy)) errs.push(forbidden(path('spec', 'ipFamilyPolicy'), notForExternalName));
  const cname = (typeof spec.externalName === 'string' ? spec.externalName : '').replace(/\.$/, '');
  if (cname === '') errs.push(required(path('spec', 'externalName')));
  else errs.push(...isDNS1123Subdomain(cname).map((msg) => invalid(path('spec', 'externalName'), cname, msg)));
  return errs;
}

/** sessionAffinity None or ClientIP; ClientIP needs a timeout in (0, 86400]; None takes no config. */
function validateSessionAffinity(spec: ServiceSpec): FieldError[] {
  const at = path('spec', 'sessionAffinity');
  const configAt = path('spec', 'sessionAffinityConfig');
  const affinity = spec.sessionAffinity as unknown;
  if (!affinity) return [required(at)];
  if (!has(SUPPORTED_SESSION_AFFINITY, affinity)) return [notSupported(at, affinity, SUPPORTED_SESSION_AFFINITY)];
  if (affinity === 'None') return isSet(spec.sessionAffinityConfig) ? [forbidden(configAt, 'must not be set when session affinity is None')] : [];
  const when = 'when session affinity type is ClientIP';
  const config = spec.sessionAffinityConfig;
  if (!isSet(config)) return [required(configAt, when)];
  if (!isSet(config?.clientIP)) return [required(configAt.child('clientIP'), when)];
  const timeoutAt = configAt.child('clientIP').child('timeoutSeconds');
  const timeout = config?.clientIP?.timeoutSeconds as unknown;
  if (!isSet(timeout)) return [required(timeoutAt, when)];
  const t = typeof timeout === 'number' ? timeout : Number.NaN;
  return t > 0 && t <= MAX_CLIENT_IP_AFFINITY_SECONDS ? []
    : [invalid(timeoutAt, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
}

function validateType(spec: ServiceSpec): FieldError[] {
  const type = spec.type as unknown;
  if (!type) return [required(path('spec', 'type'))];
  return has(SUPPORTED_SERVICE_TYPES, type) ? [] : [notSupported(path('spec', 'type'), type, SUPPORTED_SERVICE_TYPES)];
}

/** allocateLoadBalancerNodePorts and loadBalancerClass belong to LoadBalancer services only. */
function validateLoadBalancerFields(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const isLB = spec.type === 'LoadBalancer';
  if (isSet(spec.allocateLoadBalancerNodePorts) && !isLB) errs.push(forbidden(path('spec', 'allocateLoadBalancerNodePorts'), LB_ONLY));
  // The API server writes this path without `spec.`.
  if (isLB && !isSet(spec.allocateLoadBalancerNodePorts)) errs.push(required(path('allocateLoadBalancerNodePorts')));
  const lbClass = spec.loadBalancerClass as unknown;
  if (isSet(lbClass) && !isLB) errs.push(forbidden(path('spec', 'loadBalancerClass'), LB_ONLY));
  if (isSet(lbClass) && isLB) {
    const value = typeof lbClass === 'string' ? lbClass : '';
    errs.push(...isQualifiedName(value).map((msg) => invalid(path('spec', 'loadBalancerClass'), value, msg)));
  }
  return errs;
}

/** externalTrafficPolicy only where traffic comes from outside; healthCheckNodePort only for LoadBalancer + Local. */
function validateExternalTrafficPolicy(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const at = path('spec', 'externalTrafficPolicy');
  const policy = spec.externalTrafficPolicy as unknown;
  const external = spec.type === 'LoadBalancer' || spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (!external && policy) errs.push(invalid(at, policy, 'may only be set for externally-accessible services'));
  if (external && !policy) errs.push(required(at));
  if (external && policy && !has(SUPPORTED_TRAFFIC_POLICIES, policy)) errs.push(notSupported(at, policy, SUPPORTED_TRAFFIC_POLICIES));

  const hcAt = path('spec', 'healthCheckNodePort');
  const hc = spec.healthCheckNodePort as unknown;
  const needsHealthCheck = spec.type === 'LoadBalancer' && policy === 'Local';
  if (!needsHealthCheck && isSet(hc) && hc !== 0) {
    errs.push(invalid(hcAt, hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  if (needsHealthCheck && isSet(hc) && hc !== 0) {
    errs.push(...isValidPortNum(typeof hc === 'number' ? hc : Number.NaN).map((msg) => invalid(hcAt, hc, msg)));
  }
  return errs;
}

/** internalTrafficPolicy is required (defaulted) on the types that have a cluster IP. */
function validateInternalTrafficPolicy(spec: ServiceSpec): FieldError[] {
  const at = path('spec', 'internalTrafficPolicy');
  const policy = spec.internalTrafficPolicy as unknown;
  if (!isSet(policy)) {
    return spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? [required(at)] : [];
  }
  return has(SUPPORTED_TRAFFIC_POLICIES, policy) ? [] : [notSupported(at, policy, SUPPORTED_TRAFFIC_POLICIES)];
}

function validateTrafficDistribution(spec: ServiceSpec): FieldError[] {
  const value = spec.trafficDistribution as unknown;
  if (!isSet(value) || has(SUPPORTED_TRAFFIC_DISTRIBUTION, value)) return [];
  return [notSupported(path('spec', 'trafficDistribution'), value, SUPPORTED_TRAFFIC_DISTRIBUTION)];
}

/** ValidateService, rule by rule in the API server's order. */
function validateServiceSpec(svc: Service): FieldError[] {
  const spec = svc.spec;
  return [
    ...validateTopologyAnnotations(svc),
    ...validateTypeShape(spec),
    ...validateServicePorts(spec),
    ...(isSet(spec.selector) ? validateLabels(spec.selector, path('spec', 'selector')) : []),
    ...validateSessionAffinity(spec),
    ...validateServiceClusterIPsRelatedFields(spec),
    ...validateExternalIPs(spec),
    ...validateType(spec),
    ...validateClusterIPNodePorts(spec),
    ...validateDuplicateNodePorts(spec),
    ...validateDuplicatePorts(spec),
    ...validateLoadBalancerSourceRanges(svc),
    ...validateLoadBalancerFields(spec),
    ...validateExternalTrafficPolicy(spec),
    ...validateInternalTrafficPolicy(spec),
    ...validateTrafficDistribution(spec),
  ];
}

/**
 * The API server's field errors for creating this Service, which must already be defaulted
 * (defaultService) for the same cluster. Empty means the Service is accepted.
 */
export function validateService(svc: Service, cluster: ServiceCluster): FieldError[] {
  const safe: Service = { ...svc, spec: typeof svc.spec === 'object' && svc.spec !== null ? svc.spec : {} };
  const refused = initIPFamilyFields(safe.spec, cluster.serviceFamilies).errors;
  if (refused.length > 0) return refused;
  return [
    ...validateObjectMeta(safe.metadata, { namespaced: true, validateName: isDNS1035Label }),
    ...validateServiceSpec(safe),
  ];
}

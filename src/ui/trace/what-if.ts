// What-if edits: the loaded cluster with some of a Service's policies changed, as if the
// Service had been updated with them through the API server (the YAML text stays as it is).
// Kept as plain data, keyed by `ns/name`, so the URL and the store can hold them.
// The update does what the API server's would (kubernetes pkg/apis/core/v1/defaults.go
// SetDefaults_Service; pkg/registry/core/service/strategy.go dropTypeDependentFields;
// storage/alloc.go updateHealthCheckNodePort):
// - sessionAffinity ClientIP without a timeout gets the default three hours; None drops the config;
// - a LoadBalancer turning externalTrafficPolicy Local gets a healthCheckNodePort from the
//   cluster's NodePort range, taken by the engine's own allocator from the ports no Service
//   holds; turning back to Cluster releases it and clears the field;
// - internalTrafficPolicy has no side effects (it is already defaulted on every Service it applies to);
// - a policy the Service cannot have (the API server would refuse the update) is not applied.

import {
  allocateNodePorts, createPortPool, DEFAULT_CLIENT_IP_AFFINITY_SECONDS, needsHealthCheck, reserveNodePorts, type ClusterModel, type PortPool, type Service,
} from '../../engine';

export const TOGGLES = {
  externalTrafficPolicy: ['Cluster', 'Local'],
  internalTrafficPolicy: ['Cluster', 'Local'],
  sessionAffinity: ['None', 'ClientIP'],
} as const;

export type ToggleName = keyof typeof TOGGLES;
export type ToggleValue<T extends ToggleName = ToggleName> = (typeof TOGGLES)[T][number];
export const TOGGLE_NAMES = Object.keys(TOGGLES) as ToggleName[];

export type ServiceOverrides = { [T in ToggleName]?: ToggleValue<T> };
/** `ns/name` -> the policies changed on that Service. */
export type WhatIf = Record<string, ServiceOverrides>;

/** The value in force: the what-if's, else the Service's own, else the API server's default. */
export function effectiveToggle<T extends ToggleName>(svc: Service, name: T): ToggleValue<T> {
  return (svc.spec[name] ?? TOGGLES[name][0]) as ToggleValue<T>;
}

/** externalTrafficPolicy only exists on Services reachable from outside (the API server clears it otherwise). */
export function toggleApplies(svc: Service, name: ToggleName): boolean {
  if (name !== 'externalTrafficPolicy') return svc.spec.type !== 'ExternalName' && svc.spec.clusterIP !== 'None';
  return svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer' || (svc.spec.externalIPs?.length ?? 0) > 0;
}

/** The node port allocator as the loaded cluster left it: every nodePort and healthCheckNodePort held. */
function portPoolOf(c: ClusterModel): PortPool {
  const pool = createPortPool(c.spec.serviceNodePortRange);
  for (const s of c.services) reserveNodePorts(s, pool);
  return pool;
}

/** The Service after the update, or the Service as it was when the API server would refuse it. */
function applyTo(svc: Service, o: ServiceOverrides, pool: () => PortPool): Service {
  const applicable = Object.fromEntries(Object.entries(o).filter(([name]) => toggleApplies(svc, name as ToggleName)));
  if (Object.keys(applicable).length === 0) return svc;
  const spec = { ...svc.spec, ...applicable };
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  const updated = { ...svc, spec };
  if (!needsHealthCheck(updated)) {
    delete spec.healthCheckNodePort;
    return updated;
  }
  if (needsHealthCheck(svc)) return updated;
  const allocated = allocateNodePorts(updated, pool());
  return allocated.errors.length > 0 ? svc : allocated.service;
}

/** The cluster with the what-if applied; the same object when nothing changes. */
export function applyWhatIf(c: ClusterModel, whatIf: WhatIf): ClusterModel {
  const keys = Object.keys(whatIf).filter((k) => Object.keys(whatIf[k] ?? {}).length > 0);
  if (keys.length === 0) return c;
  let pool: PortPool | undefined;
  const poolOnce = () => (pool ??= portPoolOf(c));
  const services = c.services.map((s) => {
    const o = whatIf[`${s.metadata.namespace ?? 'default'}/${s.metadata.name ?? ''}`];
    return o && Object.keys(o).length > 0 ? applyTo(s, o, poolOnce) : s;
  });
  return services.every((s, i) => s === c.services[i]) ? c : { ...c, services };
}

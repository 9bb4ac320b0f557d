// What-if edits: the loaded cluster with some of a Service's policies changed, as if the
// Service had been applied with them (the YAML text stays as it is). Kept as plain data,
// keyed by `ns/name`, so the URL and the store can hold them.

import type { ClusterModel, Service } from '../../engine';

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

function applyTo(svc: Service, o: ServiceOverrides): Service {
  const spec = { ...svc.spec, ...o };
  // The API server defaults the affinity timeout when ClientIP is set (3 hours).
  if (o.sessionAffinity === 'ClientIP' && !spec.sessionAffinityConfig) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  if (o.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  return { ...svc, spec };
}

/** The cluster with the what-if applied; the same object when nothing changes. */
export function applyWhatIf(c: ClusterModel, whatIf: WhatIf): ClusterModel {
  const keys = Object.keys(whatIf).filter((k) => Object.keys(whatIf[k] ?? {}).length > 0);
  if (keys.length === 0) return c;
  const services = c.services.map((s) => {
    const o = whatIf[`${s.metadata.namespace ?? 'default'}/${s.metadata.name ?? ''}`];
    return o && Object.keys(o).length > 0 ? applyTo(s, o) : s;
  });
  return { ...c, services };
}

// The IP-family defaulting the API server does when a Service is created, before validation
// runs: initIPFamilyFields in pkg/registry/core/service/storage/alloc.go (create path, so
// there is no old object). It picks ipFamilyPolicy, infers ipFamilies from the clusterIPs
// given, fills the cluster's families, and refuses families the cluster lacks. It does not
// allocate addresses: the IPAM controller does that.
//
// On refusal the API server answers with these errors alone; `spec` then carries only the
// defaulted ipFamilyPolicy, so running this again on it gives the same errors.

import type { IPFamilyName, IPFamilyPolicy, ServiceSpec } from '../../model/k8s';
import { invalid, path, type FieldError } from '../field-errors';
import { familyName } from '../validation/ip-syntax';
import { validateServiceClusterIPsRelatedFields } from '../validation/service-ips';

export interface IPFamilyInit {
  readonly spec: ServiceSpec;
  readonly errors: FieldError[];
}

const other = (f: IPFamilyName): IPFamilyName => (f === 'IPv4' ? 'IPv6' : 'IPv4');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const hasSelector = (spec: ServiceSpec): boolean =>
  typeof spec.selector === 'object' && spec.selector !== null && Object.keys(spec.selector).length > 0;
const isHeadlessSelectorless = (spec: ServiceSpec): boolean => spec.clusterIP === 'None' && !hasSelector(spec);

/** Create without a policy: headless and selectorless asks for dual-stack, anything else single-stack. */
function defaultPolicy(spec: ServiceSpec): IPFamilyPolicy {
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) return spec.ipFamilyPolicy;
  return isHeadlessSelectorless(spec) ? 'RequireDualStack' : 'SingleStack';
}

/** SingleStack with two IPs or two families is a contradiction; then infer families from the IPs given. */
function inferFamilies(spec: ServiceSpec, configured: Set<string>): { families: IPFamilyName[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const policyAt = path('spec', 'ipFamilyPolicy');
  const clusterIPs = strings(spec.clusterIPs);
  const families = [...strings(spec.ipFamilies)] as IPFamilyName[];
  if (spec.ipFamilyPolicy === 'SingleStack') {
    if (clusterIPs.length === 2) {
      errors.push(invalid(policyAt, spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if (families.length === 2) {
      errors.push(invalid(policyAt, spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  for (const [i, ip] of clusterIPs.entries()) {
    if (ip === 'None') break;
    const family = familyName(ip) ?? 'IPv6';
    if (i < families.length) continue;
    if (configured.has(family)) families.push(family);
    else errors.push(invalid(path('spec', 'clusterIPs').index(i), clusterIPs, `${family} is not configured on this cluster`));
  }
  return { families, errors };
}

/** Families the cluster cannot serve, and dual-stack demanded of a single-stack cluster. */
function unconfiguredFamilies(spec: ServiceSpec, families: IPFamilyName[], configured: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (spec.ipFamilyPolicy === 'RequireDualStack' && configured.size < 2) {
    errors.push(invalid(path('spec', 'ipFamilyPolicy'), spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
  }
  families.forEach((family, i) => {
    if (!configured.has(family)) errors.push(invalid(path('spec', 'ipFamilies').index(i), family, 'not configured on this cluster'));
  });
  return errors;
}

/** initIPFamilyFields for a create, on a cluster serving `serviceFamilies` (the first is the primary). */
export function initIPFamilyFields(spec: ServiceSpec, serviceFamilies: readonly IPFamilyName[]): IPFamilyInit {
  if (spec.type === 'ExternalName') return { spec, errors: [] };
  const withPolicy: ServiceSpec = { ...spec, ipFamilyPolicy: defaultPolicy(spec) };
  const refused = (errors: FieldError[]): IPFamilyInit => ({ spec: withPolicy, errors });

  const loose = validateServiceClusterIPsRelatedFields(withPolicy);
  if (loose.length > 0) return refused(loose);
  const configured = new Set<string>(serviceFamilies);
  const primary: IPFamilyName = serviceFamilies[0] ?? 'IPv4';
  const inferred = inferFamilies(withPolicy, configured);
  if (inferred.errors.length > 0) return refused(inferred.errors);
  let families = inferred.families;
  const wantsDual = withPolicy.ipFamilyPolicy !== 'SingleStack';

  // Headless and selectorless may hold families the cluster lacks: there is nothing to allocate.
  if (isHeadlessSelectorless(withPolicy)) {
    if (families.length === 0) families = [primary];
    if (families.length < 2 && wantsDual) families = [families[0]!, other(families[0]!)];
    return { spec: { ...withPolicy, ipFamilies: families }, errors: [] };
  }

  const missing = unconfiguredFamilies(withPolicy, families, configured);
  if (missing.length > 0) return refused(missing);
  if (families.length === 0) families = [primary];
  if (wantsDual && families.length === 1 && configured.size === 2) families = [families[0]!, other(families[0]!)];
  return { spec: { ...withPolicy, ipFamilies: families }, errors: [] };
}

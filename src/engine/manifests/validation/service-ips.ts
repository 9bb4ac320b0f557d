// The address fields of a Service as the API server validates them: clusterIP, clusterIPs,
// ipFamilies and ipFamilyPolicy (ValidateServiceClusterIPsRelatedFields), externalIPs and
// loadBalancerSourceRanges, from pkg/apis/core/validation/validation.go (ValidateService).

import type { Service, ServiceSpec } from '../../model/k8s';
import {
  duplicate, forbidden, invalid, notSupported, path, required, type FieldError,
} from '../field-errors';
import { familyName, isValidCIDR, isValidIP, validateNonSpecialIP } from './ip-syntax';

export const SUPPORTED_IP_FAMILIES = ['IPv4', 'IPv6'] as const;
export const SUPPORTED_IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'] as const;
export const ANNOTATION_LB_SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const LB_ONLY = "may only be used when `type` is 'LoadBalancer'";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(x))) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** isHeadlessService: clusterIPs is exactly ["None"]. */
export function isHeadlessService(spec: ServiceSpec): boolean {
  const ips = strings(spec.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
}

function validateClusterIPSync(spec: ServiceSpec): FieldError[] {
  const at = path('spec', 'clusterIPs');
  const clusterIPs = strings(spec.clusterIPs);
  if (str(spec.clusterIP) !== '') {
    if (clusterIPs.length === 0) return [required(at)];
    if (clusterIPs[0] !== spec.clusterIP) return [invalid(at, clusterIPs, 'first value must match `clusterIP`')];
    return [];
  }
  return clusterIPs.length === 0 ? [] : [invalid(at, clusterIPs, 'must be empty when `clusterIP` is not specified')];
}

function validateIPFamiliesAndPolicy(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  strings(spec.ipFamilies).forEach((family, i) => {
    const at = path('spec', 'ipFamilies').index(i);
    if (!(SUPPORTED_IP_FAMILIES as readonly string[]).includes(family)) errs.push(notSupported(at, family, SUPPORTED_IP_FAMILIES));
    if (seen.has(family)) errs.push(duplicate(at, family));
    seen.add(family);
  });
  const policy = spec.ipFamilyPolicy as unknown;
  if (policy !== undefined && policy !== null && !(SUPPORTED_IP_FAMILY_POLICIES as readonly unknown[]).includes(policy)) {
    errs.push(notSupported(path('spec', 'ipFamilyPolicy'), policy, SUPPORTED_IP_FAMILY_POLICIES));
  }
  return errs;
}

/** Each clusterIP is a valid address, or "None" alone; reports whether any was invalid. */
function validateClusterIPValues(clusterIPs: string[]): { errs: FieldError[]; hasInvalidIPs: boolean } {
  const at = path('spec', 'clusterIPs');
  const errs: FieldError[] = [];
  let hasInvalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        hasInvalidIPs = true;
        errs.push(invalid(at, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = isValidIP(at.index(i), ip);
    hasInvalidIPs ||= ipErrs.length > 0;
    errs.push(...ipErrs);
  });
  if (clusterIPs.length > 2) errs.push(invalid(at, clusterIPs, 'may only hold up to 2 values'));
  return { errs, hasInvalidIPs };
}

/** Each clusterIP is of the family at the same index of ipFamilies. */
function validateClusterIPFamilies(spec: ServiceSpec, clusterIPs: string[]): FieldError[] {
  const families = strings(spec.ipFamilies);
  if (isHeadlessService(spec) || clusterIPs.length === 0 || families.length === 0) return [];
  const errs: FieldError[] = [];
  clusterIPs.slice(0, families.length).forEach((ip, i) => {
    const isV6 = familyName(ip) === 'IPv6';
    if (families[i] === 'IPv4' && isV6) {
      errs.push(invalid(path('spec', 'clusterIPs').index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
    }
    if (families[i] === 'IPv6' && !isV6) {
      errs.push(invalid(path('spec', 'clusterIPs').index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    }
  });
  return errs;
}

/** ValidateServiceClusterIPsRelatedFields: the dual-stack fields agree with one another. */
export function validateServiceClusterIPsRelatedFields(spec: ServiceSpec): FieldError[] {
  // ExternalName services are checked elsewhere: all of these must be unset.
  if (spec.type === 'ExternalName') return [];
  const clusterIPs = strings(spec.clusterIPs);
  const values = validateClusterIPValues(clusterIPs);
  const errs = [...validateClusterIPSync(spec), ...validateIPFamiliesAndPolicy(spec), ...values.errs];
  // A bad address would skew the checks below (wrong index, wrong family), so stop here.
  if (values.hasInvalidIPs) return errs;
  if (clusterIPs.length > 1) {
    const families = new Set(clusterIPs.map(familyName));
    if (!(families.has('IPv4') && families.has('IPv6'))) {
      errs.push(invalid(path('spec', 'clusterIPs'), clusterIPs, 'may specify no more than one IP for each IP family'));
    }
  }
  return [...errs, ...validateClusterIPFamilies(spec, clusterIPs)];
}

/** externalIPs: valid addresses that are not unspecified, loopback or link-local. */
export function validateExternalIPs(spec: ServiceSpec): FieldError[] {
  return strings(spec.externalIPs).flatMap((ip, i) => {
    const at = path('spec', 'externalIPs').index(i);
    const errs = isValidIP(at, ip);
    return errs.length > 0 ? errs : validateNonSpecialIP(ip, at);
  });
}

/**
 * loadBalancerSourceRanges, or the older annotation when the field is empty. Values may be
 * space-padded (a historical accident the API server tolerates). The field's path is written
 * `spec.LoadBalancerSourceRanges`, capital L, exactly as the API server writes it.
 */
export function validateLoadBalancerSourceRanges(svc: Service): FieldError[] {
  const spec = svc.spec;
  const ranges = strings(spec.loadBalancerSourceRanges);
  const isLB = spec.type === 'LoadBalancer';
  if (ranges.length > 0) {
    const at = path('spec', 'LoadBalancerSourceRanges');
    const errs = isLB ? [] : [forbidden(at, LB_ONLY)];
    return [...errs, ...ranges.flatMap((r, i) => isValidCIDR(at.index(i), r.trim()))];
  }
  const annotations = svc.metadata?.annotations;
  if (!annotations || typeof annotations !== 'object' || !(ANNOTATION_LB_SOURCE_RANGES in annotations)) return [];
  const at = path('metadata', 'annotations').key(ANNOTATION_LB_SOURCE_RANGES);
  const errs = isLB ? [] : [forbidden(at, LB_ONLY)];
  const value = str(annotations[ANNOTATION_LB_SOURCE_RANGES]).trim();
  if (value === '') return errs;
  return [...errs, ...value.split(',').flatMap((r) => isValidCIDR(at, r.trim()))];
}

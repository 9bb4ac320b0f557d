// Create-time validation of Nodes and Namespaces, for the fields kubehops models (name,
// taints, pod CIDRs, addresses). Follows pkg/apis/core/validation/validation.go
// (ValidateNode, ValidateNamespace; node addresses with the duplicate check of ValidateNodeUpdate).

import type { Namespace, Node } from '../../model/k8s';
import { FieldPath, duplicate, invalid, notSupported, path, required, type FieldError } from '../field-errors';
import { validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names';
import { isDualStack, isValidCIDR, parseCIDRSloppy } from './ip-syntax';
import { list, str } from './pod';

type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];
const TAINT_EFFECTS: readonly string[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateNodeTaints; the API server reports them under `metadata.taints`, verbatim. */
function validateNodeTaints(taints: Taint[], at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Set<string>();
  taints.forEach((taint, i) => {
    const p = at.index(i);
    const key = str(taint?.key);
    const value = str(taint?.value);
    const effect = str(taint?.effect);
    isQualifiedName(key).forEach((m) => errs.push(invalid(p.child('key'), key, m)));
    const valueErrs = isValidLabelValue(value);
    if (valueErrs.length > 0) errs.push(invalid(p.child('value'), value, valueErrs.join(';')));
    if (effect === '') errs.push(required(p.child('effect')));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(p.child('effect'), effect, TAINT_EFFECTS));
    const id = JSON.stringify([effect, key]);
    if (unique.has(id)) errs.push({ ...duplicate(p, taint), message: 'taints must be unique by key and effect pair' });
    else unique.add(id);
  });
  return errs;
}

/** The v1 -> internal conversion of podCIDR/podCIDRs, as for pod IPs. */
function effectivePodCIDRs(spec: Node['spec']): string[] {
  const cidrs = list(spec?.podCIDRs).map(str);
  const cidr = str(spec?.podCIDR);
  if (cidr !== '' && (cidrs.length === 0 || cidrs[0] !== cidr)) return [cidr];
  return cidrs;
}

function validatePodCIDRs(cidrs: string[]): FieldError[] {
  const at = path('spec', 'podCIDRs');
  const errs = cidrs.flatMap((c, i) => isValidCIDR(at.index(i), c));
  if (cidrs.length <= 1) return errs;
  if (!isDualStack(cidrs, parseCIDRSloppy) || cidrs.length > 2) {
    errs.push(invalid(at, cidrs, 'may specify no more than one CIDR for each IP family'));
  }
  const seen = new Set<string>();
  cidrs.forEach((c, i) => {
    if (seen.has(c)) errs.push(duplicate(at.index(i), c));
    seen.add(c);
  });
  return errs;
}

/** ValidateNodeUpdate's rule for kubelet-written addresses: no address listed twice. */
function validateNodeAddresses(addresses: NonNullable<Node['status']>['addresses']): FieldError[] {
  const at = path('status', 'addresses');
  const seen = new Set<string>();
  return list(addresses).flatMap((a, i) => {
    const id = JSON.stringify([str(a?.type), str(a?.address)]);
    if (seen.has(id)) return [duplicate(at.index(i), a)];
    seen.add(id);
    return [];
  });
}

/** ValidateNode (create) for the modelled fields, plus the address rule of status updates. */
export function validateNode(n: Node): FieldError[] {
  return [
    ...validateObjectMeta(n?.metadata, { namespaced: false, validateName: isDNS1123Subdomain }),
    ...validateNodeTaints(list(n?.spec?.taints), path('metadata', 'taints')),
    ...validatePodCIDRs(effectivePodCIDRs(n?.spec)),
    ...validateNodeAddresses(n?.status?.addresses),
  ];
}

/** ValidateNamespace: metadata, the name a DNS-1123 label. */
export function validateNamespace(ns: Namespace): FieldError[] {
  return validateObjectMeta(ns?.metadata, { namespaced: false, validateName: isDNS1123Label });
}


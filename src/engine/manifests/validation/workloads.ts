// Create-time validation of Deployments, StatefulSets and DaemonSets, for the fields kubehops
// models (name, replicas, selector, template). Follows pkg/apis/apps/validation/validation.go
// and ValidatePodTemplateSpec in pkg/apis/core/validation/validation.go.

import type { DaemonSet, Deployment, PodTemplateSpec, StatefulSet } from '../../model/k8s';
import { FieldPath, invalid, path, type FieldError } from '../field-errors';
import { validateLabels, validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain } from './names';
import { labelSelectorAsSelector, selectorMismatch, selectorTerms, validateLabelSelector, validateWorkloadSelector } from './selector';

import { isObject, nonNegative, validatePodSpec } from './pod';
// ---- Workloads --------------------------------------------------------------------------

const SPEC = path('spec');
const template = (t: PodTemplateSpec | undefined): PodTemplateSpec => (t && isObject(t) ? t : { spec: { containers: [] } });
const LABELS_PATH = SPEC.child('template').child('metadata').child('labels');

/** ValidatePodTemplateSpec: template labels (reported at `template.labels`, verbatim) and the pod spec. */
const validatePodTemplateSpec = (t: PodTemplateSpec, at: FieldPath): FieldError[] => [
  ...validateLabels(t.metadata?.labels, at.child('labels')),
  ...validatePodSpec(t.spec && isObject(t.spec) ? t.spec : { containers: [] }, at.child('spec'), false),
];

/** ValidateDeployment for the modelled fields. */
export function validateDeployment(d: Deployment): FieldError[] {
  const t = template(d?.spec?.template);
  const selector = labelSelectorAsSelector(d?.spec?.selector);
  return [
    ...validateObjectMeta(d?.metadata, { namespaced: true, validateName: isDNS1123Subdomain }),
    ...nonNegative(d?.spec?.replicas ?? 1, SPEC.child('replicas')),
    ...validateWorkloadSelector(d?.spec?.selector, t.metadata?.labels, 'deployment', 'invalid label selector'),
    ...(selector.valid ? validatePodTemplateSpec(t, SPEC.child('template')) : []),
  ];
}

/** ValidateStatefulSet for the modelled fields; the API server does not validate its pod spec. */
export function validateStatefulSet(s: StatefulSet): FieldError[] {
  const t = template(s?.spec?.template);
  const selector = labelSelectorAsSelector(s?.spec?.selector);
  return [
    ...validateObjectMeta(s?.metadata, { namespaced: true, validateName: isDNS1123Label }),
    ...nonNegative(s?.spec?.replicas ?? 1, SPEC.child('replicas')),
    ...validateWorkloadSelector(s?.spec?.selector, t.metadata?.labels, 'statefulset', ''),
    ...(selector.valid ? validateLabels(t.metadata?.labels, SPEC.child('template').child('labels')) : []),
  ];
}

/** ValidateDaemonSet for the modelled fields; a missing selector matches no labels. */
export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const sel = ds?.spec?.selector;
  const t = template(ds?.spec?.template);
  const selector = labelSelectorAsSelector(sel);
  const errs = [
    ...validateObjectMeta(ds?.metadata, { namespaced: true, validateName: isDNS1123Subdomain }),
    ...validateLabelSelector(sel, SPEC.child('selector')),
  ];
  if (selector.valid && !selector.matches(t.metadata?.labels)) errs.push(selectorMismatch(t.metadata?.labels, LABELS_PATH));
  if (isObject(sel) && selectorTerms(sel) === 0) errs.push(invalid(SPEC.child('selector'), sel, 'empty selector is invalid for daemonset'));
  return [...errs, ...validatePodTemplateSpec(t, SPEC.child('template'))];
}

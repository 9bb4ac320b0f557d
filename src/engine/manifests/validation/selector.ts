// Label selectors as the API server checks and reads them:
// ValidateLabelSelector / ValidateLabelSelectorRequirement in
// staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (strict: selector
// values must be label values, as the apps kinds ask), and LabelSelectorAsSelector in
// staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go, which the workload
// validators use to check a selector against its template's labels.

import type { LabelSelector, LabelSelectorRequirement } from '../../model/k8s';
import { FieldPath, forbidden, invalid, path, required, type FieldError } from '../field-errors';
import { validateLabels } from './meta';
import { isQualifiedName, isValidLabelValue } from './names';

function validateRequirement(req: LabelSelectorRequirement, at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = Array.isArray(req?.values) ? req.values : [];
  const operator: unknown = req?.operator;
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length === 0) errs.push(required(at.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (values.length > 0) {
      errs.push(forbidden(at.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
  } else {
    errs.push(invalid(at.child('operator'), operator, 'not a valid selector operator'));
  }
  const key = typeof req?.key === 'string' ? req.key : '';
  for (const msg of isQualifiedName(key)) errs.push(invalid(at.child('key'), key, msg));
  values.forEach((v, i) => {
    for (const msg of isValidLabelValue(String(v))) errs.push(invalid(at.child('values').index(i), v, msg));
  });
  return errs;
}

/** ValidateLabelSelector with AllowInvalidLabelValueInSelector off; a missing selector is valid here. */
export function validateLabelSelector(sel: LabelSelector | undefined, at: FieldPath): FieldError[] {
  if (sel === undefined || sel === null) return [];
  const errs = validateLabels(sel.matchLabels, at.child('matchLabels'));
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
  exprs.forEach((req, i) => errs.push(...validateRequirement(req, at.child('matchExpressions').index(i))));
  return errs;
}

/** What LabelSelectorAsSelector makes of a selector. */
export type Selector =
  | { readonly valid: false }
  | { readonly valid: true; readonly empty: boolean; readonly matches: (labels: Record<string, string> | undefined) => boolean };

/** The number of terms in a selector (matchLabels entries plus matchExpressions). */
export const selectorTerms = (sel: LabelSelector): number =>
  Object.keys(sel.matchLabels ?? {}).length + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0);

function requirementMatches(req: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In': return has && values.includes(labels[req.key]!);
    case 'NotIn': return !has || !values.includes(labels[req.key]!);
    case 'Exists': return has;
    default: return !has;
  }
}

/**
 * LabelSelectorAsSelector: no selector selects nothing, an empty one everything; one that
 * does not parse (any rule of validateLabelSelector broken) gives no selector at all.
 */
export function labelSelectorAsSelector(sel: LabelSelector | undefined): Selector {
  if (sel === undefined || sel === null) return { valid: true, empty: false, matches: () => false };
  if (selectorTerms(sel) === 0) return { valid: true, empty: true, matches: () => true };
  if (validateLabelSelector(sel, FieldPath.root('')).length > 0) return { valid: false };
  const matchLabels = Object.entries(sel.matchLabels ?? {});
  const exprs = sel.matchExpressions ?? [];
  return {
    valid: true,
    empty: false,
    matches: (labels) => {
      const set = labels ?? {};
      return matchLabels.every(([k, v]) => Object.prototype.hasOwnProperty.call(set, k) && set[k] === v)
        && exprs.every((req) => requirementMatches(req, set));
    },
  };
}

/** The rule every workload words the same way: the selector must select the template's labels. */
export const selectorMismatch = (labels: Record<string, string> | undefined, at: FieldPath): FieldError =>
  invalid(at, labels ?? null, '`selector` does not match template `labels`');

/**
 * The selector rules of Deployment and StatefulSet (apps validation): required, valid,
 * non-empty, parsable (else Invalid with `unparsable`), and selecting the template's labels.
 */
export function validateWorkloadSelector(
  sel: LabelSelector | undefined, templateLabels: Record<string, string> | undefined, kind: string, unparsable: string,
): FieldError[] {
  const at = path('spec', 'selector');
  const errs: FieldError[] = [];
  if (sel === undefined || sel === null) errs.push(required(at));
  else {
    errs.push(...validateLabelSelector(sel, at));
    if (selectorTerms(sel) === 0) errs.push(invalid(at, sel, `empty selector is invalid for ${kind}`));
  }
  const selector = labelSelectorAsSelector(sel);
  if (!selector.valid) errs.push(invalid(at, sel, unparsable));
  else if (!selector.empty && !selector.matches(templateLabels)) {
    errs.push(selectorMismatch(templateLabels, path('spec', 'template', 'metadata', 'labels')));
  }
  return errs;
}

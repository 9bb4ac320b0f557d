// ObjectMeta validation on create, as the API server runs it for every kind:
// ValidateObjectMetaAccessor in k8s.io/apimachinery/pkg/api/validation/objectmeta.go and
// ValidateLabels in k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go.
// Go walks label and annotation maps in random order; kubehops walks them sorted so the
// same input always reports the same list.

import type { ObjectMeta } from '../../model/k8s';
import { FieldPath, forbidden, invalid, path, required, tooLong, type FieldError } from '../field-errors';
import { byteLength, isDNS1123Label, isQualifiedName, isValidLabelValue } from './names';

/** TotalAnnotationSizeLimitB: keys plus values, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export interface ObjectMetaOptions {
  /** Whether the kind lives in a namespace (Service, Pod) or not (Node, Namespace). */
  namespaced: boolean;
  /** The kind's name rule, e.g. `isDNS1035Label` for a Service; returns the API server's messages. */
  validateName: (name: string) => string[];
}

const sortedKeys = (m: Record<string, string>): string[] => Object.keys(m).sort();
const isMap = (m: unknown): m is Record<string, string> => typeof m === 'object' && m !== null && !Array.isArray(m);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * maskTrailingDash: a generateName is checked as a prefix, so a trailing dash (to be
 * followed by random characters) is allowed.
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** ValidateLabels: every key a qualified name, every value a label value; errors on `at` itself. */
export function validateLabels(labels: Record<string, string> | undefined, at: FieldPath): FieldError[] {
  if (!isMap(labels)) return [];
  const errs: FieldError[] = [];
  for (const key of sortedKeys(labels)) {
    for (const msg of isQualifiedName(key)) errs.push(invalid(at, key, msg));
    const value = text(labels[key]);
    for (const msg of isValidLabelValue(value)) errs.push(invalid(at, value, msg));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (case-insensitively), total size at most 256 KiB. */
function validateAnnotations(annotations: Record<string, string> | undefined, at: FieldPath): FieldError[] {
  if (!isMap(annotations)) return [];
  const errs: FieldError[] = [];
  let total = 0;
  for (const key of sortedKeys(annotations)) {
    for (const msg of isQualifiedName(key.toLowerCase())) errs.push(invalid(at, key, msg));
    total += byteLength(key) + byteLength(text(annotations[key]));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    // A Too long error never echoes the value.
    const { value: _omitted, ...withoutValue } = tooLong(at, '', TOTAL_ANNOTATION_SIZE_LIMIT);
    errs.push(withoutValue);
  }
  return errs;
}

/** schema.FromAPIVersionAndKind: `v1` is the core group, `apps/v1` a named one, anything else no version. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  return { group: '', version: '' };
}

type OwnerReference = NonNullable<ObjectMeta['ownerReferences']>[number];

function validateOwnerReference(ref: OwnerReference, at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = text(ref.apiVersion);
  const kind = text(ref.kind);
  const gv = parseGroupVersion(apiVersion);
  if (gv.version === '') errs.push(invalid(at.child('apiVersion'), apiVersion, 'version must not be empty'));
  if (kind === '') errs.push(invalid(at.child('kind'), kind, 'must not be empty'));
  if (text(ref.name) === '') errs.push(invalid(at.child('name'), text(ref.name), 'must not be empty'));
  if (text(ref.uid) === '') errs.push(invalid(at.child('uid'), text(ref.uid), 'must not be empty'));
  if (gv.group === '' && gv.version === 'v1' && kind === 'Event') {
    errs.push(invalid(at, ref, `${gv.group}/${gv.version}, Kind=${kind} is disallowed from being an owner`));
  }
  return errs;
}

/** ValidateOwnerReferences: each reference complete, at most one controller. */
function validateOwnerReferences(refs: ObjectMeta['ownerReferences'], at: FieldPath): FieldError[] {
  if (!Array.isArray(refs)) return [];
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs) {
    if (typeof ref !== 'object' || ref === null) continue;
    errs.push(...validateOwnerReference(ref, at));
    if (ref.controller !== true) continue;
    const current = `${text(ref.kind)}/${text(ref.name)}`;
    if (firstController === '') firstController = current;
    else {
      errs.push(invalid(at, refs,
        `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
    }
  }
  return errs;
}

function validateNameFields(meta: ObjectMeta, opts: ObjectMetaOptions, at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const generateName = text(meta.generateName);
  const name = text(meta.name);
  if (generateName !== '') {
    for (const msg of opts.validateName(maskTrailingDash(generateName))) errs.push(invalid(at.child('generateName'), generateName, msg));
  }
  // The API server generates a name from generateName before validating; kubehops does not
  // generate one, so a generateName stands in for the name.
  if (name === '') {
    if (generateName === '') errs.push(required(at.child('name'), 'name or generateName is required'));
  } else {
    for (const msg of opts.validateName(name)) errs.push(invalid(at.child('name'), name, msg));
  }
  return errs;
}

function validateNamespaceField(meta: ObjectMeta, namespaced: boolean, at: FieldPath): FieldError[] {
  const namespace = text(meta.namespace);
  if (!namespaced) return namespace === '' ? [] : [forbidden(at, 'not allowed on this type')];
  if (namespace === '') return [required(at)];
  return isDNS1123Label(namespace).map((msg) => invalid(at, namespace, msg));
}

/** ValidateObjectMeta on create; every path starts with `metadata.`. */
export function validateObjectMeta(meta: ObjectMeta | undefined, opts: ObjectMetaOptions): FieldError[] {
  const at = path('metadata');
  const m: ObjectMeta = typeof meta === 'object' && meta !== null ? meta : {};
  return [
    ...validateNameFields(m, opts, at),
    ...validateNamespaceField(m, opts.namespaced, at.child('namespace')),
    ...validateLabels(m.labels, at.child('labels')),
    ...validateAnnotations(m.annotations, at.child('annotations')),
    ...validateOwnerReferences(m.ownerReferences, at.child('ownerReferences')),
  ];
}

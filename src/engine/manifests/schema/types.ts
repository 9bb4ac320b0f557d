// The shape of an API type as the API server's JSON decoder sees it: which JSON type each
// field must have (k8s.io/apimachinery's strict decoding, sigs.k8s.io/json). A schema only
// answers "does this decode?"; what the values mean is validation's business.

export type Schema =
  | { readonly type: 'string' | 'boolean' | 'number' | 'int-or-string' | 'any' }
  | { readonly type: 'integer'; readonly bits: 32 | 64 }
  | { readonly type: 'object'; readonly fields: Fields }
  | { readonly type: 'array'; readonly items: Schema }
  | { readonly type: 'map'; readonly values: Schema };

export type Fields = Readonly<Record<string, Schema>>;

export const str: Schema = { type: 'string' };
export const bool: Schema = { type: 'boolean' };
/** A float (resource.Quantity is not one of these: it is `any`). */
export const num: Schema = { type: 'number' };
/** Go int32, the type of every port and most counts. */
export const int: Schema = { type: 'integer', bits: 32 };
export const int64: Schema = { type: 'integer', bits: 64 };
/** intstr.IntOrString: an int32 or a string (`targetPort: 8080` or `targetPort: http`). */
export const intOrStr: Schema = { type: 'int-or-string' };
/** Accepted as it is, unchecked. */
export const any: Schema = { type: 'any' };

export const obj = (fields: Fields): Schema => ({ type: 'object', fields });
export const arr = (items: Schema): Schema => ({ type: 'array', items });
export const map = (values: Schema): Schema => ({ type: 'map', values });
export const strs = arr(str);
export const strMap = map(str);

/**
 * Fields the real API defines but kubehops does not model (volumes, probes, resources...):
 * accepted without a check or a warning, so real manifests load as they are.
 */
export const known = (...names: string[]): Fields => Object.fromEntries(names.map((n) => [n, any]));

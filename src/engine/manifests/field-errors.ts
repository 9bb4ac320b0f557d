// The one catalogue of input errors, worded as the API server words them
// (k8s.io/apimachinery/pkg/util/validation/field: errors.go). A field path is written the
// way field.Path.String() writes it: `spec.ports[1].name`, `metadata.labels[app]`.

export const ERROR_TYPES = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Duplicate: 'Duplicate value',
  Forbidden: 'Forbidden',
  TooMany: 'Too many',
  TooLong: 'Too long',
  NotFound: 'Not found',
} as const;
export type ErrorType = keyof typeof ERROR_TYPES;

export interface FieldError {
  /** Path relative to the object, as the API server reports it. */
  readonly field: string;
  readonly type: ErrorType;
  /** The detail after the value, e.g. `must be between 1 and 65535, inclusive`. */
  readonly message: string;
  /** The offending value, when the error type reports one. */
  readonly value?: unknown;
}

/** A field path under construction: `path('spec').child('ports').index(1).child('name')`. */
export class FieldPath {
  private constructor(private readonly text: string) {}
  static root(name: string): FieldPath {
    return new FieldPath(name);
  }
  child(name: string): FieldPath {
    return new FieldPath(this.text === '' ? name : `${this.text}.${name}`);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }
  toString(): string {
    return this.text;
  }
}

export const path = (first: string, ...rest: string[]): FieldPath =>
  rest.reduce((p, name) => p.child(name), FieldPath.root(first));

type At = FieldPath | string;
const s = (at: At): string => at.toString();

export const required = (at: At, message = ''): FieldError => ({ field: s(at), type: 'Required', message });
export const invalid = (at: At, value: unknown, message: string): FieldError => ({ field: s(at), type: 'Invalid', value, message });
export const forbidden = (at: At, message: string): FieldError => ({ field: s(at), type: 'Forbidden', message });
export const duplicate = (at: At, value: unknown): FieldError => ({ field: s(at), type: 'Duplicate', value, message: '' });
export const notFound = (at: At, value: unknown): FieldError => ({ field: s(at), type: 'NotFound', value, message: '' });
export const tooLong = (at: At, value: unknown, max: number): FieldError =>
  ({ field: s(at), type: 'TooLong', value, message: `may not be more than ${max} bytes` });
export const tooMany = (at: At, actual: number, max: number): FieldError =>
  ({ field: s(at), type: 'TooMany', value: actual, message: `must have at most ${max} items` });
export const notSupported = (at: At, value: unknown, valid: readonly string[]): FieldError => ({
  field: s(at), type: 'NotSupported', value,
  message: valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : '',
});
/** A value of the wrong JSON type (the API server refuses it while decoding). */
export const typeInvalid = (at: At, value: unknown, expected: string): FieldError =>
  ({ field: s(at), type: 'Invalid', value, message: `must be of type ${expected}` });

/** Formats the value the way field.Error does: strings quoted, numbers and booleans bare. */
function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The API server's one-line text for an error: `spec.ports[0].port: Invalid value: 0: must be ...`. */
export function renderFieldError(e: FieldError): string {
  if (e.field === '') return e.message;
  const parts = [`${e.field}: ${ERROR_TYPES[e.type]}`];
  // field.Error.ErrorBody: these types never print the value.
  const showsValue = e.type !== 'Required' && e.type !== 'Forbidden' && e.type !== 'TooLong' && 'value' in e;
  if (showsValue) parts.push(formatValue(e.value));
  if (e.message) parts.push(e.message);
  return parts.join(': ');
}

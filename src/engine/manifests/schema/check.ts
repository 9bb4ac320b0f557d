// Decoding a document against its kind's schema, as the API server's strict JSON decoder
// does before any validation: a value of the wrong JSON type refuses the object (`json:
// cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`,
// reported here as a typeInvalid field error), an unknown field is a warning, worded as
// strict field validation words it for kubectl (`unknown field "spec.foo"`).
//
// Go's decoder reads a JSON null as "not set" for any field, which is how kubectl's own
// `creationTimestamp: null` loads; a null inside a list would decode as an empty element that
// validation then refuses, and is refused here directly.

import { FieldPath, typeInvalid, type FieldError } from '../field-errors';
import type { Schema } from './types';

export interface TypeCheck {
  errors: FieldError[];
  warnings: string[];
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** The type named in the error, as the OpenAPI schema of the field would name it. */
function typeName(schema: Schema): string {
  switch (schema.type) {
    case 'map': return 'object';
    case 'int-or-string': return 'integer or string';
    default: return schema.type;
  }
}

function isInteger(value: unknown, bits: 32 | 64): boolean {
  if (typeof value !== 'number' || !Number.isInteger(value)) return false;
  return bits === 64 || (value >= INT32_MIN && value <= INT32_MAX);
}

/** Checks a scalar; true when it decodes. */
function scalarOK(schema: Schema, value: unknown): boolean {
  switch (schema.type) {
    // YAML 1.1 reads an unquoted timestamp as a date; go-yaml hands it on as a string.
    case 'string': return typeof value === 'string' || value instanceof Date;
    case 'boolean': return typeof value === 'boolean';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return isInteger(value, schema.bits);
    case 'int-or-string': return typeof value === 'string' || isInteger(value, 32);
    default: return true;
  }
}

/** Checks `value` against `schema`, reporting paths from `at` (the object root when empty). */
export function checkValue(schema: Schema, value: unknown, at: FieldPath, out: TypeCheck): void {
  if (value === null || value === undefined || schema.type === 'any') return;
  switch (schema.type) {
    case 'object':
      if (!isObject(value)) return void out.errors.push(typeInvalid(at, value, 'object'));
      for (const [key, child] of Object.entries(value)) {
        const field = Object.hasOwn(schema.fields, key) ? schema.fields[key] : undefined;
        if (field) checkValue(field, child, at.child(key), out);
        else out.warnings.push(`unknown field "${at.child(key).toString()}"`);
      }
      return;
    case 'map':
      if (!isObject(value)) return void out.errors.push(typeInvalid(at, value, 'object'));
      for (const [key, child] of Object.entries(value)) checkValue(schema.values, child, at.key(key), out);
      return;
    case 'array':
      if (!Array.isArray(value)) return void out.errors.push(typeInvalid(at, value, 'array'));
      value.forEach((item: unknown, i) => {
        if (item === null && schema.items.type !== 'any') out.errors.push(typeInvalid(at.index(i), item, typeName(schema.items)));
        else checkValue(schema.items, item, at.index(i), out);
      });
      return;
    default:
      if (!scalarOK(schema, value)) {
        const outOfRange = schema.type === 'integer' && isInteger(value, 64);
        out.errors.push(typeInvalid(at, value, outOfRange ? 'int32' : typeName(schema)));
      }
  }
}

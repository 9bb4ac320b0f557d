// Shared helpers for the controllers: generated names (the apiserver's generateName and the
// controllers' hash suffixes), object keys and sort orders, and plain-data copies.
// Generated names follow k8s.io/apiserver/pkg/storage/names (SimpleNameGenerator: a base
// cut to 58 characters plus 5 characters of k8s.io/apimachinery/pkg/util/rand.String's
// alphabet). The characters come from a generator seeded by the scenario seed and the
// object's identity, so a name never shifts because an unrelated object was added.

import { createRandom, type Random } from '../random';
import type { ObjectMeta } from '../model/k8s';

/** The alphabet of rand.String / rand.SafeEncodeString: no vowels, no confusable digits. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;
const MAX_GENERATED_BASE = MAX_NAME_LENGTH - RANDOM_LENGTH;

/** FNV-1a (32 bit) of a string: turns an identity into a generator seed. */
import { fnv1a32 } from '../net/hash';
export { fnv1a32 };

/** A generator for one object's random choices: same seed and identity, same stream. */
export function randomFor(seed: number, identity: string): Random {
  return createRandom(fnv1a32(`${seed >>> 0}|${identity}`));
}

/** `n` characters from the rand.String alphabet. */
export function randomString(random: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += NAME_ALPHABET[random.int(NAME_ALPHABET.length)];
  return out;
}

/** The apiserver's generateName: base (cut to 58 characters) plus 5 random characters. */
export function generateName(random: Random, base: string): string {
  return base.slice(0, MAX_GENERATED_BASE) + randomString(random, RANDOM_LENGTH);
}

/** generateName retried until the name is free, as a create retries on AlreadyExists. */
export function generateFreeName(random: Random, base: string, taken: Set<string>): string {
  for (;;) {
    const name = generateName(random, base);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export const namespaceOf = (meta: ObjectMeta): string => meta.namespace ?? 'default';
export const nameOf = (meta: ObjectMeta): string => meta.name ?? '';
/** `namespace/name`, the key informers and listers use. */
export const keyOf = (meta: ObjectMeta): string => `${namespaceOf(meta)}/${nameOf(meta)}`;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Namespace, then name: the order every list of the cluster model is kept in. */
export function byNamespaceName(a: { metadata: ObjectMeta }, b: { metadata: ObjectMeta }): number {
  return compareText(namespaceOf(a.metadata), namespaceOf(b.metadata)) || compareText(nameOf(a.metadata), nameOf(b.metadata));
}

export function byName(a: { metadata: ObjectMeta }, b: { metadata: ObjectMeta }): number {
  return compareText(nameOf(a.metadata), nameOf(b.metadata));
}

/** Sorts a copy of `items` by the given order applied to each item's `object`. */
export function sortSourced<T extends { object: { metadata: ObjectMeta } }>(
  items: readonly T[], order: (a: { metadata: ObjectMeta }, b: { metadata: ObjectMeta }) => number = byNamespaceName,
): T[] {
  return [...items].sort((a, b) => order(a.object, b.object));
}

/** A deep copy of plain API data (objects arrive read-only; controllers write copies). */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Does a map selector (Service.spec.selector, nodeSelector, matchLabels) match labels? */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

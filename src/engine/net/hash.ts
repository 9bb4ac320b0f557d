// FNV-1a, 32 bits: the engine's one stable, non-cryptographic hash (generator seeds from
// identities, veth names, MACs, VXLAN source ports).

/** The hash of `text`; given the hash of a prefix as `from`, the hash of that prefix + `text`. */
export function fnv1a32(text: string, from = 0x811c9dc5): number {
  let hash = from;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

// FNV-1a, 32 bits: the engine's one stable, non-cryptographic hash (generator seeds from
// identities, veth names, MACs, VXLAN source ports).

export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

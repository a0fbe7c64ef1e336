// FNV-1a (32-bit) over strings: stable, dependency-free hashing for pod-template hashes, store
// digests and cache keys. Not cryptographic; it only has to be deterministic.

/** FNV-1a 32-bit hash of `text`, continuing from `seed` (the FNV offset basis by default). Pure. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// Deterministic ids such as `req-42` (Ctx.nextId). The same ids come back in every run (a warm
// server runs many), and an id soon becomes a key of some record (in-flight requests, etcd calls).
// V8 must "internalize" a string the first time it is used as a property key, which means a lookup
// in its global string table, about 0.2 µs for a fresh string. Handing out one string object per
// id, kept from run to run, makes that a one-time cost. A pure memo: the text is the same either way.

/** Ids at or above this number are built each time rather than kept (bounds the memo's memory). */
const KEPT_MAX = 1 << 16;

const KEPT = new Map<string, string[]>();

/** The id string `${prefix}-${n}`. Pure. */
export function idString(prefix: string, n: number): string {
  if (!(n >= 0 && n < KEPT_MAX && Number.isInteger(n))) return `${prefix}-${n}`;
  let byNumber = KEPT.get(prefix);
  if (byNumber === undefined) {
    byNumber = [];
    KEPT.set(prefix, byNumber);
  }
  return (byNumber[n] ??= `${prefix}-${n}`);
}

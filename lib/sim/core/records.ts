// Copy-on-write helpers for the small string-keyed records held in component state. `without`
// builds a fresh object instead of copying and then `delete`-ing (which drops V8's fast properties
// and slows every later copy of the record).

/** A copy of `record` without `key` (the same object when the key is absent). Pure. */
export function without<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  if (!(key in record)) return record as Record<string, V>;
  const out: Record<string, V> = {};
  for (const k in record) if (k !== key) out[k] = record[k]!;
  return out;
}

/** A copy of `record` keeping only the entries for which `keep` holds. Pure. */
export function filterRecord<V>(record: Readonly<Record<string, V>>, keep: (value: V, key: string) => boolean): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k in record) if (keep(record[k]!, k)) out[k] = record[k]!;
  return out;
}

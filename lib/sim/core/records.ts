// Copy-on-write helpers for the string-keyed records held in component state.
//
// Records keyed by ever-new ids (request ids, watch ids, pod names) are built as null-prototype
// objects, which V8 keeps in dictionary mode. A copy of an ordinary ("fast") object that gains a key
// it has never had makes V8 create a new hidden class, so with fresh ids every copy paid for a new
// class and the class tree grew without bound: measured 4-6x slower than copying a dictionary. The
// objects are still plain data: JSON.stringify, structural equality and iteration order (insertion
// order) are unchanged. Records with a fixed key set (members, resources) stay ordinary objects.

function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** An empty record for ever-new keys. */
export function emptyRecord<V>(): Record<string, V> {
  return dict<V>();
}

/** A copy of `record` that the caller may edit (set or delete keys) before publishing it. Pure. */
export function copyRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  // Object.keys then an indexed loop: the same order as for-in (records have no inherited keys),
  // and about a third faster on the small dictionary-mode objects these records are.
  const out = dict<V>();
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) out[keys[i]!] = record[keys[i]!]!;
  return out;
}

/** A copy of `record` with `key` set to `value`. Pure. */
export function withEntry<V>(record: Readonly<Record<string, V>>, key: string, value: V): Record<string, V> {
  const out = copyRecord(record);
  out[key] = value;
  return out;
}

/** A copy of `record` without `key` (the same object when the key is absent). Pure. */
export function without<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  if (!(key in record)) return record as Record<string, V>;
  const out = dict<V>();
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) if (keys[i] !== key) out[keys[i]!] = record[keys[i]!]!;
  return out;
}

/** A copy of `record` keeping only the entries for which `keep` holds. Pure. */
export function filterRecord<V>(
  record: Readonly<Record<string, V>>,
  keep: (value: V, key: string) => boolean,
): Record<string, V> {
  const out = dict<V>();
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (keep(record[k]!, k)) out[k] = record[k]!;
  }
  return out;
}

// Sorted keys are computed once per record object. Records are replaced rather than edited once
// published, so a record's keys never change and the memo is a pure cache (weakly held: it goes
// with the record). Never use it on a record that is edited in place.
const SORTED_KEYS = new WeakMap<object, readonly string[]>();

/** The keys of a published record in sorted order, e.g. to fan out in a deterministic order. */
export function sortedKeys(record: Readonly<Record<string, unknown>>): readonly string[] {
  let keys = SORTED_KEYS.get(record);
  if (keys === undefined) {
    keys = Object.keys(record).sort();
    SORTED_KEYS.set(record, keys);
  }
  return keys;
}

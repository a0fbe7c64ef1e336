// The first level of a two-level memo (a Map or a WeakMap of Maps), for the module-level memos that
// key derived data by an object's identity or by text.

type MapOf<K, V> = { get(key: K): V | undefined; set(key: K, value: V): unknown };

/** The map `memo` holds for `key`, added empty the first time it is asked for. */
export function innerMap<K, K2, V>(memo: MapOf<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = memo.get(key);
  if (inner === undefined) {
    inner = new Map();
    memo.set(key, inner);
  }
  return inner;
}

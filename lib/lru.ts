/**
 * A bounded least-recently-used cache: `getOrCompute` returns a hit (moving it to the back) or
 * computes and stores a miss, evicting from the front past `max`; `delete` drops a key. Map keeps
 * insertion order, which is all the bookkeeping an LRU needs.
 */
export function createLru<V>(max: number) {
  const entries = new Map<string, V>();
  return {
    getOrCompute(key: string, compute: () => V): V {
      if (entries.has(key)) {
        const hit = entries.get(key)!;
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const value = compute();
      entries.set(key, value);
      while (entries.size > max) entries.delete(entries.keys().next().value!);
      return value;
    },
    delete(key: string): void {
      entries.delete(key);
    },
  };
}

/**
 * A bounded least-recently-used cache: `get` moves a hit to the back, `getOrCompute` fills a
 * miss, and inserting past `max` evicts from the front. Map keeps insertion order, which is all
 * the bookkeeping an LRU needs.
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

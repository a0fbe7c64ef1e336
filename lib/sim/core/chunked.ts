// An append-mostly persistent list for long logs (the Raft log, etcd's watch history). Worlds are
// immutable between steps, so appending to a plain array would mean copying it on every write
// (quadratic over an hour of writes). Here the list is an array of fixed-size chunks: appending
// copies only the last chunk and the (short) outer array, and old worlds keep their own view.
// Every chunk but the last is full; `base` is the logical index of the first element.

const CHUNK = 64;

export type Chunked<T> = { readonly base: number; readonly len: number; readonly chunks: readonly (readonly T[])[] };

/** An empty list whose first element will have logical index `base`. Pure. */
export function chunkedEmpty<T>(base = 0): Chunked<T> {
  return { base, len: 0, chunks: [] };
}

/** The element at logical index `i`, or undefined outside [base, base + len). Pure. */
export function chunkedAt<T>(list: Chunked<T>, i: number): T | undefined {
  const k = i - list.base;
  if (k < 0 || k >= list.len) return undefined;
  return list.chunks[Math.floor(k / CHUNK)]?.[k % CHUNK];
}

/** A new list with `items` appended. Pure: `list` is not modified. */
export function chunkedAppend<T>(list: Chunked<T>, items: readonly T[]): Chunked<T> {
  if (items.length === 0) return list;
  const chunks = list.chunks.slice();
  let len = list.len;
  let last = len % CHUNK === 0 ? [] : (chunks.pop() ?? []).slice();
  for (const item of items) {
    last.push(item);
    len++;
    if (last.length === CHUNK) {
      chunks.push(last);
      last = [];
    }
  }
  if (last.length > 0) chunks.push(last);
  return { base: list.base, len, chunks };
}

/** A new list holding only the first `n` elements. Pure. */
export function chunkedTruncate<T>(list: Chunked<T>, n: number): Chunked<T> {
  if (n >= list.len) return list;
  const full = Math.floor(n / CHUNK);
  const chunks = list.chunks.slice(0, full);
  const rest = n % CHUNK;
  if (rest > 0) chunks.push((list.chunks[full] ?? []).slice(0, rest));
  return { base: list.base, len: n, chunks };
}

/** A new list without the elements before logical index `from` (rounded down to a chunk). Pure. */
export function chunkedDropBefore<T>(list: Chunked<T>, from: number): Chunked<T> {
  const whole = Math.floor((from - list.base) / CHUNK);
  if (whole <= 0) return list;
  const dropped = Math.min(whole, Math.floor(list.len / CHUNK));
  return { base: list.base + dropped * CHUNK, len: list.len - dropped * CHUNK, chunks: list.chunks.slice(dropped) };
}

/** Elements with logical indexes in [from, to), in order. Pure. */
export function chunkedSlice<T>(list: Chunked<T>, from: number, to: number): T[] {
  const out: T[] = [];
  const lo = Math.max(from, list.base);
  const hi = Math.min(to, list.base + list.len);
  for (let i = lo; i < hi; i++) out.push(chunkedAt(list, i) as T);
  return out;
}

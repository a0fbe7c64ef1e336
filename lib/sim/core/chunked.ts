// A persistent vector for long append-mostly lists (the Raft log, etcd's watch history). Worlds are
// immutable between steps, so appending to a plain array would copy it on every write. This is the
// structure of Clojure's PersistentVector: full 32-element leaves live in a 32-ary trie and the last
// partial leaf in a `tail`; appending copies the tail, and once per 32 appends one path of the trie
// (O(log32 n)). Earlier versions keep their own view. Everything is plain arrays and numbers, so it
// serialises to JSON. `base` is the logical index of the first element.

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

type Node<T> = readonly (T | Node<T>)[];

export type Chunked<T> = {
  readonly base: number;
  readonly len: number;
  /** Depth of the trie in bits: leaves are at shift 0. */
  readonly shift: number;
  readonly root: Node<T>;
  readonly tail: readonly T[];
};

/** An empty list whose first element will have logical index `base`. Pure. */
export function chunkedEmpty<T>(base = 0): Chunked<T> {
  return { base, len: 0, shift: BITS, root: [], tail: [] };
}

function tailOffset(len: number): number {
  return len < WIDTH ? 0 : ((len - 1) >>> BITS) << BITS;
}

/** The element at logical index `i`, or undefined outside [base, base + len). Pure. */
export function chunkedAt<T>(list: Chunked<T>, i: number): T | undefined {
  const k = i - list.base;
  if (k < 0 || k >= list.len) return undefined;
  const off = tailOffset(list.len);
  if (k >= off) return list.tail[k - off];
  let node: Node<T> = list.root;
  for (let level = list.shift; level > 0; level -= BITS) node = node[(k >>> level) & MASK] as Node<T>;
  return node[k & MASK] as T;
}

function newPath<T>(level: number, leaf: Node<T>): Node<T> {
  return level === 0 ? leaf : [newPath(level - BITS, leaf)];
}

function pushLeaf<T>(level: number, parent: Node<T>, len: number, leaf: Node<T>): Node<T> {
  const sub = ((len - 1) >>> level) & MASK;
  const copy = parent.slice();
  if (level === BITS) copy[sub] = leaf;
  else {
    const child = parent[sub] as Node<T> | undefined;
    copy[sub] = child === undefined ? newPath(level - BITS, leaf) : pushLeaf(level - BITS, child, len, leaf);
  }
  return copy;
}

/** Moves a full tail into the trie (growing a level when the root is full). */
function pushTail<T>(list: Chunked<T>, full: readonly T[], tail: T[]): Chunked<T> {
  let root: Node<T>;
  let shift = list.shift;
  if (list.len >>> BITS > 1 << list.shift) {
    root = [list.root, newPath(list.shift, full)];
    shift += BITS;
  } else {
    root = pushLeaf(list.shift, list.root, list.len, full);
  }
  return { base: list.base, len: list.len + tail.length, shift, root, tail };
}

/** A new list with `items` appended. Pure: `list` is not modified. Copies the tail once per 32 items. */
export function chunkedAppend<T>(list: Chunked<T>, items: readonly T[]): Chunked<T> {
  let out = list;
  let i = 0;
  while (i < items.length) {
    if (out.tail.length === WIDTH) {
      const tail: T[] = [items[i++]!];
      out = pushTail(out, out.tail, tail);
      continue;
    }
    // slice + push rather than a spread: V8 copies a short array far faster this way.
    const tail = out.tail.slice();
    const take = Math.min(WIDTH - tail.length, items.length - i);
    for (let k = 0; k < take; k++) tail.push(items[i++]!);
    out = { base: out.base, len: out.len + take, shift: out.shift, root: out.root, tail };
  }
  return out;
}

/** Elements with logical indexes in [from, to), in order. Pure. */
export function chunkedSlice<T>(list: Chunked<T>, from: number, to: number): T[] {
  const out: T[] = [];
  const lo = Math.max(from, list.base);
  const hi = Math.min(to, list.base + list.len);
  for (let i = lo; i < hi; i++) out.push(chunkedAt(list, i) as T);
  return out;
}

/** A new list holding only the first `n` elements (a rebuild: Raft truncates its log rarely). Pure. */
export function chunkedTruncate<T>(list: Chunked<T>, n: number): Chunked<T> {
  if (n >= list.len) return list;
  return chunkedAppend(chunkedEmpty<T>(list.base), chunkedSlice(list, list.base, list.base + n));
}

/** A new list without the elements before logical index `from` (a rebuild; callers amortize it). Pure. */
export function chunkedDropBefore<T>(list: Chunked<T>, from: number): Chunked<T> {
  if (from <= list.base) return list;
  const start = Math.min(from, list.base + list.len);
  return chunkedAppend(chunkedEmpty<T>(start), chunkedSlice(list, start, list.base + list.len));
}

// In-place appends, for a list its owner may edit (a state the run owns, see core/draft.ts). Only
// the list object and its tail array are ever written: a full tail moves into the trie and is never
// touched again, and trie paths are copied as in chunkedAppend, so a copy made by chunkedCopy stays
// valid however the original grows afterwards.

type MutableChunked<T> = { base: number; len: number; shift: number; root: Node<T>; tail: T[] };

/** A copy of `list` that may be appended to in place without affecting `list` (copies the tail). */
export function chunkedCopy<T>(list: Chunked<T>): Chunked<T> {
  return { base: list.base, len: list.len, shift: list.shift, root: list.root, tail: list.tail.slice() };
}

/**
 * Appends `items` to `list` itself. The caller must own `list` and its tail array: nothing else may
 * hold them (chunkedEmpty, chunkedCopy, chunkedAppend and the rebuilds all return fresh ones).
 */
export function chunkedPush<T>(list: Chunked<T>, items: readonly T[]): void {
  const m = list as MutableChunked<T>;
  for (let i = 0; i < items.length; i++) {
    if (m.tail.length === WIDTH) {
      const next = pushTail(m, m.tail, []);
      m.root = next.root;
      m.shift = next.shift;
      m.tail = [];
    }
    m.tail.push(items[i]!);
    m.len++;
  }
}

// The event queue (STYLE G18): a binary min-heap ordered by (t, seq). `seq` is a monotonically
// increasing insertion counter, so two items due at the same millisecond pop in the order they were
// scheduled: ties never depend on the heap's internal layout. The queue is owned and mutated only by
// the run loop (the imperative shell around the pure step function).

export type Queued<E> = { t: number; seq: number; ev: E };

function before<E>(x: Queued<E>, y: Queued<E>): boolean {
  return x.t < y.t || (x.t === y.t && x.seq < y.seq);
}

// Both operations move a "hole" along one path and write the moving item once at the end, rather
// than swapping pairs: half the array writes on the run loop's hottest path.

/** Adds an item. Mutates `heap`. */
export function queuePush<E>(heap: Queued<E>[], item: Queued<E>): void {
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (!before(item, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = item;
}

/** Removes and returns the earliest item, or undefined when empty. Mutates `heap`. */
export function queuePop<E>(heap: Queued<E>[]): Queued<E> | undefined {
  const top = heap[0];
  const last = heap.pop();
  const n = heap.length;
  if (top === undefined || last === undefined || n === 0) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const m = r < n && before(heap[r]!, heap[l]!) ? r : l;
    const child = heap[m]!;
    if (!before(child, last)) break;
    heap[i] = child;
    i = m;
  }
  heap[i] = last;
  return top;
}

/** The earliest item without removing it. */
export function queuePeek<E>(heap: readonly Queued<E>[]): Queued<E> | undefined {
  return heap[0];
}

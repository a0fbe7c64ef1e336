// The event queue (STYLE G18): a binary min-heap ordered by (t, seq). `seq` is a monotonically
// increasing insertion counter, so two items due at the same millisecond pop in the order they were
// scheduled: ties never depend on the heap's internal layout. The queue is owned and mutated only by
// the run loop (the imperative shell around the pure step function).

export type Queued<E> = { t: number; seq: number; ev: E };

function before<E>(x: Queued<E>, y: Queued<E>): boolean {
  return x.t < y.t || (x.t === y.t && x.seq < y.seq);
}

/** Adds an item. Mutates `heap`. */
export function queuePush<E>(heap: Queued<E>[], item: Queued<E>): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    const c = heap[i]!;
    if (!before(c, p)) break;
    heap[parent] = c;
    heap[i] = p;
    i = parent;
  }
}

/** Removes and returns the earliest item, or undefined when empty. Mutates `heap`. */
export function queuePop<E>(heap: Queued<E>[]): Queued<E> | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
    if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
    if (m === i) break;
    const tmp = heap[i]!;
    heap[i] = heap[m]!;
    heap[m] = tmp;
    i = m;
  }
  return top;
}

/** The earliest item without removing it. */
export function queuePeek<E>(heap: readonly Queued<E>[]): Queued<E> | undefined {
  return heap[0];
}

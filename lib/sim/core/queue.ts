// The event queue (STYLE G18): a binary min-heap ordered by (t, seq). `seq` is a monotonically
// increasing insertion counter, so two items due at the same millisecond pop in the order they were
// scheduled: ties never depend on the heap's internal layout. The queue is owned and mutated only by
// the run loop (the imperative shell around the pure step function).
//
// The heap is three parallel arrays (times, sequence numbers, events) rather than an array of item
// objects: no allocation per scheduled event, and the comparisons read packed numbers instead of
// chasing a pointer per item. Both operations move a "hole" along one path and write the moving item
// once at the end.

/** One queued item, as tests and debugging tools list them (queueItems). */
export type Queued<E> = { t: number; seq: number; ev: E };

export type EventQueue<E> = { t: number[]; seq: number[]; ev: E[]; size: number; nextSeq: number };

export function createQueue<E>(): EventQueue<E> {
  return { t: [], seq: [], ev: [], size: 0, nextSeq: 0 };
}

/** Adds `ev` due at `t`, after every item already queued for `t`. Mutates `q`. */
export function queuePush<E>(q: EventQueue<E>, t: number, ev: E): void {
  const T = q.t;
  const S = q.seq;
  const E = q.ev;
  const seq = q.nextSeq++;
  let i = q.size++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pt = T[parent]!;
    if (pt < t || (pt === t && S[parent]! < seq)) break;
    T[i] = pt;
    S[i] = S[parent]!;
    E[i] = E[parent]!;
    i = parent;
  }
  T[i] = t;
  S[i] = seq;
  E[i] = ev;
}

/** The due time of the earliest item, or undefined when the queue is empty. */
export function queueNextTime<E>(q: EventQueue<E>): number | undefined {
  return q.size === 0 ? undefined : q.t[0];
}

/** Removes the earliest item and returns its event. The queue must not be empty. Mutates `q`. */
export function queueTake<E>(q: EventQueue<E>): E {
  if (q.size === 0) throw new RangeError("queueTake on an empty queue");
  const T = q.t;
  const S = q.seq;
  const E = q.ev;
  const top = E[0]!;
  const n = --q.size;
  const lt = T[n]!;
  const ls = S[n]!;
  const le = E[n]!;
  E[n] = undefined as E; // let the event be collected once it has run
  if (n === 0) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const m = r < n && (T[r]! < T[l]! || (T[r] === T[l] && S[r]! < S[l]!)) ? r : l;
    const mt = T[m]!;
    if (mt > lt || (mt === lt && S[m]! > ls)) break;
    T[i] = mt;
    S[i] = S[m]!;
    E[i] = E[m]!;
    i = m;
  }
  T[i] = lt;
  S[i] = ls;
  E[i] = le;
  return top;
}

/** Every queued item in pop order (tests and debugging; allocates). */
export function queueItems<E>(q: EventQueue<E>): Queued<E>[] {
  const out: Queued<E>[] = [];
  for (let i = 0; i < q.size; i++) out.push({ t: q.t[i]!, seq: q.seq[i]!, ev: q.ev[i]! });
  return out.sort((x, y) => x.t - y.t || x.seq - y.seq);
}

// The event queue (STYLE G18): items pop in (t, seq) order, where `seq` is a monotonically increasing
// insertion counter, so two items due at the same millisecond pop in the order they were scheduled:
// ties never depend on the queue's internal layout. The queue is owned and mutated only by the run
// loop (the imperative shell around the pure step function).
//
// Two levels, because nearly every item a run schedules is due within a few milliseconds (loopback
// 0 ms, network latency, 100 ms Raft ticks):
//  - the near ring: one FIFO bucket per millisecond for the RING_MS milliseconds from `cursor` (the
//    time of the last item taken), with a bitmap of the non-empty buckets. Pushing appends to a bucket
//    and taking reads its head, in constant time.
//  - a binary min-heap, as three parallel arrays (times, sequence numbers, events: no allocation per
//    item), for the items due later than that, and for items pushed with a time before `cursor`.
// Equal times across the two levels: a heap item was pushed when its time was at least RING_MS away
// and a ring item when it was nearer; the cursor only moves forward, so the heap item was pushed
// first and pops first. Within a bucket, items keep their insertion order. Times are whole
// milliseconds (run.ts refuses any other), so one bucket holds one time.

/** One queued item, as tests and debugging tools list them (queueItems). */
export type Queued<E> = { t: number; seq: number; ev: E };

const RING_MS = 256; // a power of two: a time's bucket is t & RING_MASK
const RING_MASK = RING_MS - 1;

export type EventQueue<E> = {
  t: number[];
  seq: number[];
  ev: E[];
  /** Items in the heap. */
  heapSize: number;
  /**
   * Per bucket: the events and their sequence numbers in slots [head, tail). A bucket's arrays are
   * kept when it empties (head and tail go back to 0), so a run stops allocating them once warm.
   */
  ringEv: E[][];
  ringSeq: number[][];
  ringHead: number[];
  ringTail: number[];
  /** Bit b of word b >> 5 is set while bucket b holds items. */
  ringBits: Int32Array;
  /** Items in the ring, and the earliest time among them (meaningless while there are none). */
  ringSize: number;
  ringNext: number;
  cursor: number;
  /** Items in both levels. */
  size: number;
  nextSeq: number;
};

export function createQueue<E>(): EventQueue<E> {
  const ringEv: E[][] = [];
  const ringSeq: number[][] = [];
  for (let b = 0; b < RING_MS; b++) {
    ringEv.push([]);
    ringSeq.push([]);
  }
  const ringHead = new Array<number>(RING_MS).fill(0);
  const ringTail = new Array<number>(RING_MS).fill(0);
  return {
    t: [],
    seq: [],
    ev: [],
    heapSize: 0,
    ringEv,
    ringSeq,
    ringHead,
    ringTail,
    ringBits: new Int32Array(RING_MS >> 5),
    ringSize: 0,
    ringNext: 0,
    cursor: 0,
    size: 0,
    nextSeq: 0,
  };
}

/** Adds `ev` due at `t`, after every item already queued for `t`. Mutates `q`. */
export function queuePush<E>(q: EventQueue<E>, time: number, ev: E): void {
  // An integral time is stored as a 32-bit integer (a V8 small integer) even when it arrives boxed as
  // a double: one boxed time in the queue makes every time it hands out, and so the world's clock and
  // each message's sentAt, a heap-allocated double for the rest of the process.
  const t = (time | 0) === time ? time | 0 : time;
  const seq = q.nextSeq++;
  q.size++;
  if (t < q.cursor || t - q.cursor >= RING_MS) {
    heapPush(q, t, seq, ev);
    return;
  }
  const b = t & RING_MASK;
  const at = q.ringTail[b]!;
  q.ringEv[b]![at] = ev;
  q.ringSeq[b]![at] = seq;
  q.ringTail[b] = at + 1;
  q.ringBits[b >> 5]! |= 1 << (b & 31);
  if (q.ringSize === 0 || t < q.ringNext) q.ringNext = t;
  q.ringSize++;
}

/** The due time of the earliest item, or undefined when the queue is empty. */
export function queueNextTime<E>(q: EventQueue<E>): number | undefined {
  if (q.ringSize === 0) return q.heapSize === 0 ? undefined : q.t[0];
  return q.heapSize > 0 && q.t[0]! <= q.ringNext ? q.t[0] : q.ringNext;
}

/** Removes the earliest item and returns its event. The queue must not be empty. Mutates `q`. */
export function queueTake<E>(q: EventQueue<E>): E {
  if (q.size === 0) throw new RangeError("queueTake on an empty queue");
  q.size--;
  if (q.ringSize === 0 || (q.heapSize > 0 && q.t[0]! <= q.ringNext)) {
    if (q.t[0]! > q.cursor) q.cursor = q.t[0]!;
    return heapTake(q);
  }
  const t = q.ringNext;
  q.cursor = t;
  q.ringSize--;
  const b = t & RING_MASK;
  const evs = q.ringEv[b]!;
  const head = q.ringHead[b]!;
  const ev = evs[head]!;
  evs[head] = undefined as E; // let the event be collected once it has run
  if (head + 1 < q.ringTail[b]!) {
    q.ringHead[b] = head + 1;
    return ev;
  }
  q.ringHead[b] = 0;
  q.ringTail[b] = 0;
  q.ringBits[b >> 5]! &= ~(1 << (b & 31));
  if (q.ringSize > 0) q.ringNext = nextRingTime(q, t);
  return ev;
}

/** The earliest time in the (non-empty) ring after `t`'s bucket was emptied: the next set bit, circularly. */
function nextRingTime<E>(q: EventQueue<E>, t: number): number {
  const start = t & RING_MASK;
  for (let i = 0; i <= RING_MS >> 5; i++) {
    const w = ((start >> 5) + i) & ((RING_MS >> 5) - 1);
    let bits = q.ringBits[w]!;
    // The first word is read from the start bit up; coming back to it, below the start bit.
    if (i === 0) bits &= -1 << (start & 31);
    else if (i === RING_MS >> 5) bits &= ~(-1 << (start & 31));
    if (bits === 0) continue;
    const b = (w << 5) | (31 - Math.clz32(bits & -bits));
    return t + ((b - start) & RING_MASK);
  }
  throw new Error("queue: the ring's count and bitmap disagree");
}

function heapPush<E>(q: EventQueue<E>, t: number, seq: number, ev: E): void {
  const T = q.t;
  const S = q.seq;
  const E = q.ev;
  let i = q.heapSize++;
  // Move a "hole" up from the end and write the item once where it belongs.
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pt = T[parent]!;
    if (pt < t || (pt === t && S[parent]! < seq)) break;
    T[i] = pt;
    S[i] = S[parent]!;
    E[i] = E[parent]!;
    i = parent;
  }
  heapSet(q, i, t, seq, ev);
}

/** Writes an item into heap slot `i`: the sifts move a hole and fill it once, here. */
function heapSet<E>(q: EventQueue<E>, i: number, t: number, seq: number, ev: E): void {
  q.t[i] = t;
  q.seq[i] = seq;
  q.ev[i] = ev;
}

function heapTake<E>(q: EventQueue<E>): E {
  const T = q.t;
  const S = q.seq;
  const E = q.ev;
  const top = E[0]!;
  const n = --q.heapSize;
  const lt = T[n]!;
  const ls = S[n]!;
  const le = E[n]!;
  E[n] = undefined as E; // let the event be collected once it has run
  if (n === 0) return top;
  // Move the hole down from the root and write the last item once where it belongs.
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
  heapSet(q, i, lt, ls, le);
  return top;
}

/** Every queued item in pop order (tests and debugging; allocates). */
export function queueItems<E>(q: EventQueue<E>): Queued<E>[] {
  const out: Queued<E>[] = [];
  for (let i = 0; i < q.heapSize; i++) out.push({ t: q.t[i]!, seq: q.seq[i]!, ev: q.ev[i]! });
  for (let b = 0; b < RING_MS; b++) {
    const t = q.cursor + ((b - (q.cursor & RING_MASK)) & RING_MASK);
    for (let i = q.ringHead[b]!; i < q.ringTail[b]!; i++) out.push({ t, seq: q.ringSeq[b]![i]!, ev: q.ringEv[b]![i]! });
  }
  return out.sort((x, y) => x.t - y.t || x.seq - y.seq);
}

/**
 * An independent copy of `q` that pops the same items in the same order: the same layout, so the same
 * sequence numbers and times. Events are shared (the engine never changes a queued event). Pure.
 */
export function cloneQueue<E>(q: EventQueue<E>): EventQueue<E> {
  return {
    t: q.t.slice(0, q.heapSize),
    seq: q.seq.slice(0, q.heapSize),
    ev: q.ev.slice(0, q.heapSize),
    heapSize: q.heapSize,
    ringEv: q.ringEv.map((bucket, b) => bucket.slice(0, q.ringTail[b])),
    ringSeq: q.ringSeq.map((bucket, b) => bucket.slice(0, q.ringTail[b])),
    ringHead: q.ringHead.slice(),
    ringTail: q.ringTail.slice(),
    ringBits: q.ringBits.slice(),
    ringSize: q.ringSize,
    ringNext: q.ringNext,
    cursor: q.cursor,
    size: q.size,
    nextSeq: q.nextSeq,
  };
}

// etcd's MVCC key-value store, as far as Kubernetes needs it: a global revision bumped by every
// write, per-key create/mod revisions and versions, and an event history for watches that resume
// from a past revision. Keys are spread over fixed buckets, each a small array sorted by key, so that
// a write copies one short array rather than the whole keyspace (the World is immutable between
// steps) and lookups stay monomorphic.
import {
  chunkedAppend,
  chunkedCopy,
  chunkedDropBefore,
  chunkedEmpty,
  chunkedPush,
  chunkedSlice,
  type Chunked,
} from "../core/chunked";
import { fnv1a } from "../core/hash";
import type { EtcdOp, KeyValue, MvccStore, RevEvent, TxnResult } from "./protocol";

const BUCKETS = 16;
/** Events kept for watch resumption; kube-apiserver compacts etcd every 5 minutes, far above our needs. */
const HISTORY_MAX = 10_000;

export function emptyStore(): MvccStore {
  return { rev: 1, buckets: Array.from({ length: BUCKETS }, () => []), history: chunkedEmpty<RevEvent>(2), digest: 0 };
}

function bucketOf(key: string): number {
  return fnv1a(key) % BUCKETS;
}

/** Where `key` is, or would be inserted, in a bucket sorted by key. */
function search(bucket: readonly KeyValue[], key: string): number {
  let lo = 0;
  let hi = bucket.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bucket[mid]!.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lookup(store: MvccStore, b: number, key: string): KeyValue | undefined {
  const bucket = store.buckets[b]!;
  const kv = bucket[search(bucket, key)];
  return kv !== undefined && kv.key === key ? kv : undefined;
}

export function getKey(store: MvccStore, key: string): KeyValue | undefined {
  return lookup(store, bucketOf(key), key);
}

/** All keys with `prefix`, in key order (etcd ranges are sorted). */
export function rangePrefix(store: MvccStore, prefix: string): KeyValue[] {
  const out: KeyValue[] = [];
  for (const b of store.buckets) for (const kv of b) if (kv.key.startsWith(prefix)) out.push(kv);
  return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** Events with revision >= fromRev, or null if that history was already dropped (compacted). */
export function eventsSince(store: MvccStore, fromRev: number): RevEvent[] | null {
  if (fromRev < store.history.base) return null;
  return chunkedSlice(store.history, fromRev, store.history.base + store.history.len);
}

/** Puts (or with kv null, deletes) `key` in bucket `b` and records `ev` as revision store.rev + 1. */
function write(
  store: MvccStore,
  b: number,
  key: string,
  kv: KeyValue | null,
  ev: RevEvent,
  inPlace: boolean,
): MvccStore {
  const bucket = inPlace ? (store.buckets[b] as KeyValue[]) : store.buckets[b]!.slice();
  const at = search(bucket, key);
  const present = bucket[at]?.key === key;
  if (kv === null) bucket.splice(at, 1);
  else if (present) bucket[at] = kv;
  else bucket.splice(at, 0, kv);
  // Order-sensitive: the revision and the kind of write are mixed into the hash before the key.
  const mixed = Math.imul(store.digest ^ ev.rev, 0x01000193) ^ (ev.type === "PUT" ? 1 : 2);
  const digest = fnv1a(key, mixed);
  if (inPlace) {
    const m = store as Mutable;
    chunkedPush(m.history, [ev]);
    m.history = trimHistory(m.history);
    m.rev = ev.rev;
    m.digest = digest;
    return store;
  }
  const buckets = store.buckets.slice();
  buckets[b] = bucket;
  return { rev: ev.rev, buckets, history: trimHistory(chunkedAppend(store.history, [ev])), digest };
}

/** Trims the history back to HISTORY_MAX only when twice over, so the rebuild is amortized over many writes. */
function trimHistory(history: Chunked<RevEvent>): Chunked<RevEvent> {
  return history.len > 2 * HISTORY_MAX ? chunkedDropBefore(history, history.base + history.len - HISTORY_MAX) : history;
}

type Mutable = { rev: number; buckets: KeyValue[][]; history: Chunked<RevEvent>; digest: number };

/**
 * A copy of `store` that applyOp may then edit in place (inPlace = true) without affecting `store`:
 * the bucket arrays and the history's tail are copied; keys and values are immutable and shared.
 */
export function thawStore(store: MvccStore): MvccStore {
  return {
    rev: store.rev,
    buckets: store.buckets.map((b) => b.slice()),
    history: chunkedCopy(store.history),
    digest: store.digest,
  };
}

/** The Txn compare that fails for `op` given the current key, or null when the write goes ahead. */
function compareFails(op: EtcdOp, cur: KeyValue | null): "exists" | "conflict" | "not-found" | null {
  switch (op.op) {
    case "create":
      return cur !== null ? "exists" : null;
    case "update":
      return cur === null ? "not-found" : cur.modRev !== op.expectRev ? "conflict" : null;
    case "delete":
      return cur === null ? "not-found" : op.expectRev !== null && cur.modRev !== op.expectRev ? "conflict" : null;
    case "put":
      return null;
  }
}

/**
 * Applies one committed transaction deterministically. Pure by default; with `inPlace` it writes into
 * `store` itself, which the caller must own (a thawStore copy or one it built, see EtcdState).
 */
export function applyOp(
  store: MvccStore,
  op: EtcdOp,
  inPlace = false,
): { store: MvccStore; result: TxnResult; events: RevEvent[] } {
  const b = bucketOf(op.key);
  const cur = lookup(store, b, op.key) ?? null;
  const refused = compareFails(op, cur);
  if (refused !== null)
    return { store, result: { ok: false, reason: refused, rev: store.rev, current: cur }, events: [] };
  const rev = store.rev + 1;
  if (op.op === "delete") {
    const ev: RevEvent = { type: "DELETE", kv: { ...cur!, modRev: rev }, prev: cur, rev };
    return { store: write(store, b, op.key, null, ev, inPlace), result: { ok: true, rev, kv: null }, events: [ev] };
  }
  const kv: KeyValue = {
    key: op.key,
    value: op.value,
    createRev: cur?.createRev ?? rev,
    modRev: rev,
    version: (cur?.version ?? 0) + 1,
  };
  const ev: RevEvent = { type: "PUT", kv, prev: cur, rev };
  return { store: write(store, b, op.key, kv, ev, inPlace), result: { ok: true, rev, kv }, events: [ev] };
}

/**
 * The backend `etcdutl snapshot restore` leaves in the new data dir (etcdutl/snapshot/v3_snapshot.go):
 * the snapshot's keys unchanged (their create and mod revisions too) and, with `--bump-revision N
 * --mark-compacted` (etcdutl takes neither without the other), the latest revision raised by N
 * (unsafeBumpBucketsRevision) and every revision up to it marked compacted
 * (unsafeMarkRevisionCompacted): a watch from any older revision fails with "mvcc: required revision
 * has been compacted". The history keeps the invariant that its next index is the next revision. Pure.
 */
export function restoredStore(db: MvccStore, bump: number): MvccStore {
  const rev = db.rev + bump;
  const history = bump > 0 ? chunkedEmpty<RevEvent>(rev + 1) : chunkedCopy(db.history);
  return { rev, buckets: db.buckets.map((b) => b.slice()), history, digest: db.digest };
}

/** How many keys the store holds (what `etcdutl snapshot status` counts, less etcd's own buckets). */
export function keyCount(store: MvccStore): number {
  return store.buckets.reduce((n, b) => n + b.length, 0);
}

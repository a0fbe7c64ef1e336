// etcd's MVCC key-value store, as far as Kubernetes needs it: a global revision bumped by every
// write, per-key create/mod revisions and versions, and an event history for watches that resume
// from a past revision. Keys are spread over fixed buckets so that a write copies one bucket rather
// than the whole keyspace (the World is immutable between steps).
import { chunkedAppend, chunkedDropBefore, chunkedEmpty, chunkedSlice, type Chunked } from "../core/chunked";
import { fnv1a } from "../core/hash";
import { without } from "../core/records";
import type { EtcdOp, KeyValue, TxnResult, WatchEvent } from "./protocol";

const BUCKETS = 16;
/** Events kept for watch resumption; kube-apiserver compacts etcd every 5 minutes, far above our needs. */
const HISTORY_MAX = 10_000;

export type RevEvent = WatchEvent & { rev: number };

export type MvccStore = {
  rev: number;
  buckets: readonly Readonly<Record<string, KeyValue>>[];
  history: Chunked<RevEvent>;
  /** Order-sensitive digest of every applied write: equal digests mean equal histories. */
  digest: number;
};

export function emptyStore(): MvccStore {
  return { rev: 1, buckets: Array.from({ length: BUCKETS }, () => ({})), history: chunkedEmpty<RevEvent>(2), digest: 0 };
}

function bucketOf(key: string): number {
  return fnv1a(key) % BUCKETS;
}

export function getKey(store: MvccStore, key: string): KeyValue | undefined {
  return store.buckets[bucketOf(key)]?.[key];
}

/** All keys with `prefix`, in key order (etcd ranges are sorted). */
export function rangePrefix(store: MvccStore, prefix: string): KeyValue[] {
  const out: KeyValue[] = [];
  for (const b of store.buckets) for (const k in b) if (k.startsWith(prefix)) out.push(b[k]!);
  return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** Events with revision >= fromRev, or null if that history was already dropped (compacted). */
export function eventsSince(store: MvccStore, fromRev: number): RevEvent[] | null {
  if (fromRev < store.history.base) return null;
  return chunkedSlice(store.history, fromRev, store.history.base + store.history.len);
}

function write(store: MvccStore, key: string, kv: KeyValue | null, ev: WatchEvent): MvccStore {
  const i = bucketOf(key);
  const old = store.buckets[i] ?? {};
  const bucket = kv === null ? without(old, key) : { ...old, [key]: kv };
  const buckets = store.buckets.slice();
  buckets[i] = bucket;
  const rev = store.rev + 1;
  let history = chunkedAppend(store.history, [{ ...ev, rev }]);
  // Trim back to HISTORY_MAX only when twice over, so the rebuild is amortized over many writes.
  if (history.len > 2 * HISTORY_MAX) history = chunkedDropBefore(history, history.base + history.len - HISTORY_MAX);
  return { rev, buckets, history, digest: fnv1a(`${rev}|${ev.type}|${key}`, store.digest) };
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

/** Applies one committed transaction deterministically. Pure. */
export function applyOp(store: MvccStore, op: EtcdOp): { store: MvccStore; result: TxnResult; events: RevEvent[] } {
  const cur = getKey(store, op.key) ?? null;
  const refused = compareFails(op, cur);
  if (refused !== null) return { store, result: { ok: false, reason: refused, rev: store.rev, current: cur }, events: [] };
  const rev = store.rev + 1;
  if (op.op === "delete") {
    const next = write(store, op.key, null, { type: "DELETE", kv: { ...cur!, modRev: rev }, prev: cur });
    return { store: next, result: { ok: true, rev, kv: null }, events: [{ type: "DELETE", kv: { ...cur!, modRev: rev }, prev: cur, rev }] };
  }
  const kv: KeyValue = { key: op.key, value: op.value, createRev: cur?.createRev ?? rev, modRev: rev, version: (cur?.version ?? 0) + 1 };
  const next = write(store, op.key, kv, { type: "PUT", kv, prev: cur });
  return { store: next, result: { ok: true, rev, kv }, events: [{ type: "PUT", kv, prev: cur, rev }] };
}

// The storage layers below the scenarios: etcd's MVCC store (revisions, Txn compares, sorted
// ranges, watch history) and the API server's watch-cache history window (resume or 410 Gone).
import { describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/sim/core/component";
import { applyOp, emptyStore, eventsSince, getKey, rangePrefix, thawStore } from "@/lib/sim/etcd/mvcc";
import type { MvccStore } from "@/lib/sim/etcd/protocol";
import { emptyCacher, eventsAfter, onCacheEvents } from "@/lib/sim/apiserver/cacher";
import type { ApiServerState } from "@/lib/sim/apiserver/state";
import type { EtcdOp, WatchEvent } from "@/lib/sim/etcd/protocol";

function apply(store: MvccStore, ...ops: EtcdOp[]): MvccStore {
  let s = store;
  for (const op of ops) s = applyOp(s, op).store;
  return s;
}

describe("MVCC store", () => {
  it("bumps the revision per write and tracks create/mod revisions and versions", () => {
    const s = apply(
      emptyStore(),
      { op: "create", key: "/a", value: 1 },
      { op: "put", key: "/b", value: 2 },
      { op: "update", key: "/a", value: 3, expectRev: 2 },
    );
    expect(s.rev).toBe(4);
    expect(getKey(s, "/a")).toEqual({ key: "/a", value: 3, createRev: 2, modRev: 4, version: 2 });
    expect(getKey(s, "/missing")).toBeUndefined();
  });

  it("refuses a create of an existing key and an update or delete at a stale revision", () => {
    const s = apply(emptyStore(), { op: "create", key: "/a", value: 1 });
    expect(applyOp(s, { op: "create", key: "/a", value: 2 }).result).toMatchObject({ ok: false, reason: "exists" });
    expect(applyOp(s, { op: "update", key: "/a", value: 2, expectRev: 1 }).result).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    expect(applyOp(s, { op: "delete", key: "/a", expectRev: 1 }).result).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    expect(applyOp(s, { op: "update", key: "/b", value: 2, expectRev: 1 }).result).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    expect(applyOp(s, { op: "create", key: "/a", value: 2 }).store).toBe(s); // a refused Txn writes nothing
  });

  it("ranges over a prefix in key order and forgets deleted keys", () => {
    const keys = ["/registry/pods/b", "/registry/pods/a", "/registry/nodes/x", "/registry/pods/c"];
    let s = apply(emptyStore(), ...keys.map((key): EtcdOp => ({ op: "put", key, value: key })));
    s = apply(s, { op: "delete", key: "/registry/pods/c", expectRev: null });
    expect(rangePrefix(s, "/registry/pods/").map((kv) => kv.key)).toEqual(["/registry/pods/a", "/registry/pods/b"]);
    expect(getKey(s, "/registry/pods/c")).toBeUndefined();
  });

  it("keeps the event history a watch resumes from, and gives the same digest for the same writes", () => {
    const ops: EtcdOp[] = Array.from({ length: 50 }, (_, i) => ({ op: "put", key: `/k${i % 7}`, value: i }));
    const a = apply(emptyStore(), ...ops);
    expect(eventsSince(a, 40)!.map((e) => e.rev)).toEqual(Array.from({ length: 12 }, (_, i) => 40 + i));
    expect(apply(emptyStore(), ...ops).digest).toBe(a.digest);
    expect(apply(emptyStore(), ...ops.slice().reverse()).digest).not.toBe(a.digest); // order matters
  });

  it("writes in place into a thawed copy exactly what the pure path writes, leaving the original alone", () => {
    const ops: EtcdOp[] = Array.from({ length: 300 }, (_, i): EtcdOp =>
      i % 11 === 5
        ? { op: "delete", key: `/k${i % 13}`, expectRev: null }
        : { op: "put", key: `/k${i % 13}`, value: i },
    );
    const base = apply(emptyStore(), ...ops.slice(0, 100));
    const before = JSON.stringify(base);
    const pure = apply(base, ...ops.slice(100));
    const owned = thawStore(base);
    for (const op of ops.slice(100)) expect(applyOp(owned, op, true).store).toBe(owned);
    expect(JSON.stringify(owned)).toBe(JSON.stringify(pure));
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe("watch cache history", () => {
  const ctx = { send: () => undefined, trace: () => undefined } as unknown as Ctx;
  const pod = (n: number) => ({ kind: "Pod", metadata: { name: `p${n % 10}`, namespace: "default" } });
  const event = (rev: number): WatchEvent => ({
    type: "PUT",
    kv: { key: `/registry/pods/default/p${rev % 10}`, value: pod(rev), createRev: 1, modRev: rev, version: 1 },
    prev: null,
  });

  it("resumes watches from the last 500 events and answers older resourceVersions with null (410 Gone)", () => {
    // The cacher edits the API server state it is handed (owned by the handler call, see apiserver.ts).
    const s = {
      caches: { pods: { ...emptyCacher(), ready: true, rv: 1, historyFrom: 1 } },
      watchers: {},
    } as unknown as ApiServerState;
    for (let rev = 2; rev <= 1201; rev++) onCacheEvents(s, "pods", [event(rev)], ctx);
    const c = s.caches.pods;
    expect(c.rv).toBe(1201);
    expect(eventsAfter(c, 700)).toBeNull();
    expect(eventsAfter(c, 701)!.map((e) => e.rv)).toEqual(Array.from({ length: 500 }, (_, i) => 702 + i));
    expect(eventsAfter(c, 1200)!.map((e) => e.rv)).toEqual([1201]);
    expect(eventsAfter(c, 1201)).toEqual([]);
    expect(c.history.len).toBeLessThanOrEqual(1000); // older events are really dropped, not just hidden
  });
});

// etcd's linearizable read loop (read-loop.ts) in a bare 3-member cluster: reads are batched into
// ReadIndex rounds, a round retries every 500 ms and fails after the 7 s request timeout, and a new
// leader aborts an unconfirmed round with "leader changed". Reads are injected as if sent by the
// cluster's (idle) client process, whose replies are collected from the deliveries it receives.
import { describe, expect, it } from "vitest";
import { scheduleAt } from "@/lib/sim/core/run";
import type { SimEvent } from "@/lib/sim/core/types";
import type { EtcdRpc } from "@/lib/sim/etcd/protocol";
import { etcdCluster, type Harness } from "./harness";

type Reply = { t: number; id: string; kind: string; message: string | null };

function setup(seed: number): { h: Harness; replies: Reply[]; readIndexes: number[]; retries: number[] } {
  // 0.001 writes/s: the client process exists (replies go somewhere) but never writes in these tests.
  const h = etcdCluster({ members: 3, writesPerSec: 0.001 }, seed)
    .runUntil((x) => x.leader() !== null, 5000)
    .runFor(1000);
  const replies: Reply[] = [];
  const readIndexes: number[] = [];
  const retries: number[] = [];
  h.listeners.push((w, ev: SimEvent) => {
    if (ev.kind === "timer" && (ev.timer as { t?: string }).t === "read-retry") retries.push(w.now);
    if (ev.kind !== "deliver") return;
    const b = ev.body;
    if (b.p === "raft" && b.type === "MsgReadIndex") readIndexes.push(w.now);
    if (ev.to === "etcd-load" && b.p === "etcd" && (b.kind === "range-resp" || b.kind === "error")) {
      replies.push({ t: w.now, id: b.id, kind: b.kind, message: b.kind === "error" ? b.message : null });
    }
  });
  return { h, replies, readIndexes, retries };
}

function read(h: Harness, to: string, id: string, at = h.now): void {
  const body: EtcdRpc = {
    p: "etcd",
    kind: "range",
    id,
    key: "/registry/pods/default/web",
    prefix: false,
    serializable: false,
  };
  scheduleAt(h.sim, at, { kind: "deliver", from: "etcd-load", to, sentAt: at, body });
}

const members = ["etcd-1", "etcd-2", "etcd-3"];

describe("linearizable reads (etcd's linearizableReadLoop)", () => {
  it("batches reads that arrive while a round is in flight into the next round", () => {
    const { h, replies, readIndexes } = setup(1);
    const follower = members.find((m) => m !== h.leader())!;
    for (const id of ["a", "b", "c"]) read(h, follower, id);
    h.runFor(100);
    // "a" starts a round at once; "b" and "c" arrive while it is in flight and share the next one.
    expect(readIndexes).toHaveLength(2);
    expect(replies.map((r) => `${r.id}:${r.kind}`).sort()).toEqual(["a:range-resp", "b:range-resp", "c:range-resp"]);
  });

  it("without quorum, retries ReadIndex every 500 ms per round (not per read) and fails the round after 7 s", () => {
    const { h, replies, retries } = setup(2);
    const lonely = members.find((m) => m !== h.leader())!;
    for (const m of members) if (m !== lonely) h.stop(m);
    h.runFor(3000);
    const t0 = h.now;
    read(h, lonely, "first");
    for (let i = 1; i <= 5; i++) read(h, lonely, `later-${i}`, t0 + 100 * i);
    h.runFor(7001); // the error reaches the client 1 ms (the link latency) after the timeout
    // One round: 13 resends at 500 ms steps, then the 14th firing at 7 s fails it.
    expect(retries.filter((t) => t > t0 && t <= t0 + 7000)).toEqual(
      Array.from({ length: 14 }, (_, i) => t0 + 500 * (i + 1)),
    );
    expect(replies).toEqual([
      { t: t0 + 7000 + 1, id: "first", kind: "error", message: "etcdserver: request timed out" },
    ]);
    // The reads that arrived during the first round form the second, which fails 7 s after it began.
    h.runFor(7000);
    const second = replies.filter((r) => r.id.startsWith("later-"));
    expect(second).toHaveLength(5);
    for (const r of second)
      expect(r).toMatchObject({ t: t0 + 14_000 + 1, kind: "error", message: "etcdserver: request timed out" });
  });

  it("fails an unconfirmed round with 'leader changed' when a new leader appears", () => {
    const { h, replies } = setup(3);
    const lonely = members.find((m) => m !== h.leader())!;
    const stopped = members.filter((m) => m !== lonely);
    for (const m of stopped) h.stop(m);
    h.runFor(3000);
    const t0 = h.now;
    read(h, lonely, "r");
    h.runFor(1000);
    for (const m of stopped) h.start(m);
    h.runUntil((x) => x.leader() !== null, 6000);
    h.runFor(200);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ id: "r", kind: "error", message: "etcdserver: leader changed" });
    expect(replies[0]!.t).toBeLessThan(t0 + 7000);
  });

  it("serves a read at a member that only just learned the new leader, once the leader commits in its term", () => {
    const { h, replies } = setup(4);
    const leader = h.leader()!;
    h.stop(leader).runUntil((x) => x.leader() !== null && x.leader() !== leader, 5000);
    const follower = members.find((m) => m !== leader && m !== h.leader())!;
    read(h, follower, "fresh");
    h.runFor(50);
    expect(replies).toEqual([expect.objectContaining({ id: "fresh", kind: "range-resp" })]);
  });
});

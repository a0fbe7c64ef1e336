// What a Txn gets back from an etcd member that cannot commit it, per server/etcdserver/v3_server.go
// processInternalRaftRequestOnce: Propose itself waits while raft.node has no leader (etcd-io/raft
// node.go run sets propc = nil on "lost leader"), so a proposal that never entered Raft ends with
// the request context's own error, which togRPCError (server/etcdserver/api/v3rpc/util.go) leaves to
// gRPC as code DeadlineExceeded; a proposal Raft took but could not commit gets parseProposeCtxErr's
// "etcdserver: request timed out". Txns are injected as if sent by the cluster's idle client.
import { describe, expect, it } from "vitest";
import { scheduleAt } from "@/lib/sim/core/run";
import type { SimEvent } from "@/lib/sim/core/types";
import type { EtcdRpc } from "@/lib/sim/etcd/protocol";
import { etcdCluster, type Harness } from "./harness";

type Reply = { t: number; id: string; code: string; message: string };

const members = ["etcd-1", "etcd-2", "etcd-3"];

function setup(seed: number): { h: Harness; replies: Reply[] } {
  const h = etcdCluster({ members: 3, writesPerSec: 0.001 }, seed)
    .runUntil((x) => x.leader() !== null, 5000)
    .runFor(1000);
  const replies: Reply[] = [];
  h.listeners.push((w, ev: SimEvent) => {
    if (ev.kind !== "deliver" || ev.to !== "etcd-load") return;
    const b = ev.body;
    if (b.p === "etcd" && b.kind === "error") replies.push({ t: w.now, id: b.id, code: b.code, message: b.message });
  });
  return { h, replies };
}

function put(h: Harness, to: string, id: string): void {
  const body: EtcdRpc = {
    p: "etcd",
    kind: "txn",
    id,
    op: { op: "put", key: "/registry/leases/kube-node-lease/node-1", value: { renewed: h.now } },
    quiet: true,
    summary: "renew",
  };
  scheduleAt(h.sim, h.now, { kind: "deliver", from: "etcd-load", to, sentAt: h.now, body });
}

describe("a Txn that cannot commit", () => {
  it(
    "at a member without a leader, fails after the 7 s request timeout with DeadlineExceeded 'context " +
      "deadline exceeded', not 'request timed out' (v3_server.go processInternalRaftRequestOnce)",
    () => {
      const { h, replies } = setup(5);
      const lonely = members.find((m) => m !== h.leader())!;
      for (const m of members) if (m !== lonely) h.stop(m);
      h.runFor(3000); // the survivor has become a pre-candidate: raft.lead is None
      const t0 = h.now;
      put(h, lonely, "w");
      h.runFor(7001);
      expect(replies).toEqual([
        { t: t0 + 7000 + 1, id: "w", code: "DeadlineExceeded", message: "context deadline exceeded" },
      ]);
    },
  );

  it(
    "proposed to a leader that then loses its quorum, fails with parseProposeCtxErr's " +
      "'request timed out' flavour (v3_server.go parseProposeCtxErr)",
    () => {
      const { h, replies } = setup(6);
      const leader = h.leader()!;
      for (const m of members) if (m !== leader) h.stop(m);
      put(h, leader, "w"); // Raft takes it at once: the leader has not noticed yet that its followers are gone
      h.runFor(7001);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({ id: "w", code: "Unavailable" });
      expect(replies[0]!.message).toMatch(/^etcdserver: request timed out/);
    },
  );
});

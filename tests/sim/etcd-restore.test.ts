// etcd snapshot save and restore: etcdctl's Maintenance.Snapshot from one member, etcdutl's offline
// restore into a new data dir for a new cluster (revision bump, compaction mark, fresh Raft history),
// and the engine actions around them. Expectations cite the upstream code they model.
import { describe, expect, it } from "vitest";
import { DEFAULT_TUNING } from "@/lib/sim/cluster/defaults";
import type { EtcdctlState } from "@/lib/sim/cluster-components/etcdctl";
import type { EtcdConfig, EtcdPersisted } from "@/lib/sim/etcd/member-types";
import { applyOp, emptyStore, eventsSince, getKey, restoredStore } from "@/lib/sim/etcd/mvcc";
import type { MvccStore } from "@/lib/sim/etcd/protocol";
import { clusterId, DEFAULT_CLUSTER_TOKEN, restoredDataDir } from "@/lib/sim/etcd/restore";
import { lastIndex } from "@/lib/sim/raft/log";
import { NONE } from "@/lib/sim/raft/types";
import { k8sCluster } from "./harness";

function storeWith(n: number): MvccStore {
  let store = emptyStore();
  for (let i = 0; i < n; i++)
    store = applyOp(store, { op: "put", key: `/registry/pods/default/p${i}`, value: { i } }).store;
  return store;
}

describe("etcdutl snapshot restore: the restored backend", () => {
  it("raises the latest revision by --bump-revision and keeps every key's own revisions", () => {
    // etcdutl/snapshot/v3_snapshot.go unsafeBumpBucketsRevision: latest.Main += amount; keys are untouched.
    const db = storeWith(5);
    const restored = restoredStore(db, 1_000_000_000);
    expect(restored.rev).toBe(db.rev + 1_000_000_000);
    expect(getKey(restored, "/registry/pods/default/p0")).toEqual(getKey(db, "/registry/pods/default/p0"));
    expect(getKey(restored, "/registry/pods/default/p4")!.modRev).toBe(db.rev);
  });

  it("marks every revision up to the bumped one compacted, so old watches fail and new ones work", () => {
    // etcdutl/snapshot/v3_snapshot.go unsafeMarkRevisionCompacted(tx, latest): a watch from a revision
    // at or below it gets mvcc.ErrCompacted ("required revision has been compacted").
    const db = storeWith(5);
    const restored = restoredStore(db, 1000);
    expect(eventsSince(restored, 2)).toBeNull();
    expect(eventsSince(restored, restored.rev)).toBeNull();
    expect(eventsSince(restored, restored.rev + 1)).toEqual([]);
    const next = applyOp(restored, { op: "put", key: "/registry/pods/default/new", value: {} });
    expect(next.result).toMatchObject({ ok: true, rev: db.rev + 1001 });
    expect(eventsSince(next.store, restored.rev + 1)!.map((e) => e.rev)).toEqual([db.rev + 1001]);
  });

  it("without a bump keeps the snapshot's revision and history", () => {
    const db = storeWith(3);
    const restored = restoredStore(db, 0);
    expect(restored.rev).toBe(db.rev);
    expect(eventsSince(restored, 2)!.length).toBe(3);
  });

  it("writes a WAL whose Raft history starts again at term 1 with nothing applied", () => {
    // etcdutl/snapshot/v3_snapshot.go saveWALAndSnap: HardState{Term: 1, ...} over the new member list.
    const dir: EtcdPersisted = restoredDataDir({ store: storeWith(2) }, 10);
    expect(dir).toMatchObject({ term: 1, vote: NONE, commit: 0, applied: 0 });
    expect(lastIndex(dir.log)).toBe(0);
  });

  it("derives the cluster ID from the token and the member list", () => {
    // server/etcdserver/api/membership/cluster.go NewClusterFromURLsMap: member IDs hash the peer URLs
    // with the token, the cluster ID hashes the member IDs.
    const members = ["etcd-1", "etcd-2", "etcd-3"];
    expect(clusterId("etcd-cluster-restored", members)).toBe(
      clusterId("etcd-cluster-restored", [...members].reverse()),
    );
    expect(clusterId("etcd-cluster-restored", members)).not.toBe(clusterId(DEFAULT_CLUSTER_TOKEN, members));
    expect(clusterId(DEFAULT_CLUSTER_TOKEN, members)).not.toBe(clusterId(DEFAULT_CLUSTER_TOKEN, members.slice(0, 2)));
  });
});

function cluster() {
  return k8sCluster({
    etcdMembers: 3,
    etcdTopology: "external",
    controlPlanes: 1,
    workers: 1,
    webTraffic: false,
    tuning: DEFAULT_TUNING,
    etcdctl: true,
  });
}

const save = {
  type: "command",
  target: "etcdctl",
  command: { name: "snapshot-save", args: { endpoint: "etcd-2" } },
} as const;

describe("etcdctl snapshot save", () => {
  it("takes one member's backend at its current revision", () => {
    // client/v3/snapshot/v3_snapshot.go SaveWithVersion: exactly one endpoint; the file is that member's state.
    const h = cluster().runFor(10_000);
    const rev = h.etcd("etcd-2").store.rev;
    h.act(save).runFor(100);
    const saved = h.events("etcd.snapshot-saved");
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ member: "etcd-2", revision: rev });
    expect((h.world.procs.etcdctl!.state as EtcdctlState).file!.rev).toBe(rev);
  });

  it("works on a member without a leader: Maintenance.Snapshot needs no Raft round", () => {
    // server/etcdserver/api/v3rpc/maintenance.go Snapshot reads the local backend; no quorum involved.
    const h = cluster().runFor(10_000);
    h.stop("etcd-1").stop("etcd-3").runFor(5000);
    expect(h.etcd("etcd-2").raft.lead).toBe(NONE);
    h.act(save).runFor(100);
    expect(h.events("etcd.snapshot-saved")).toHaveLength(1);
  });

  it("fails with connection refused when the member is down", () => {
    const h = cluster().runFor(10_000);
    h.stop("etcd-2").act(save).runFor(100);
    expect(h.events("etcd.snapshot-saved")).toHaveLength(0);
    expect(h.events("etcdctl.error")[0]!.message).toContain("connection refused");
  });
});

describe("the etcd-restore and wipe-disk actions", () => {
  it("gives every stopped member a new data dir and cluster token, and refuses a running one", () => {
    const h = cluster().runFor(10_000);
    h.act(save).runFor(100);
    const rev = h.events("etcd.snapshot-saved")[0]!.revision as number;
    h.stop("etcd-1").stop("etcd-2");
    h.act({
      type: "etcd-restore",
      file: "etcdctl",
      members: ["etcd-1", "etcd-2", "etcd-3"],
      token: "new",
      bumpRevision: 100,
    });
    const restored = h.events("etcd.snapshot-restored");
    expect(restored.map((e) => e.component)).toEqual(["etcd-1", "etcd-2"]);
    expect(
      restored.every(
        (e) => e.revision === rev + 100 && e.clusterId === clusterId("new", ["etcd-1", "etcd-2", "etcd-3"]),
      ),
    ).toBe(true);
    expect(h.events("etcd.restore-failed").map((e) => e.component)).toEqual(["etcd-3"]);
    const p = h.world.procs["etcd-1"]!;
    expect((p.config as EtcdConfig).cluster).toBe("new");
    expect((p.persisted as EtcdPersisted).store.rev).toBe(rev + 100);
  });

  it("restored members elect a leader in their new history and serve the snapshot's keys", () => {
    const h = cluster().runFor(10_000);
    h.act(save).runFor(100);
    const members = ["etcd-1", "etcd-2", "etcd-3"];
    for (const m of members) h.act({ type: "power-off", host: m }).act({ type: "wipe-disk", host: m });
    expect(members.every((m) => h.world.procs[m]!.persisted === undefined)).toBe(true);
    for (const m of members) h.stop(m).act({ type: "power-on", host: m });
    h.act({ type: "etcd-restore", file: "etcdctl", members, token: "new", bumpRevision: 1_000_000_000 });
    for (const m of members) h.start(m);
    h.runUntil((x) => x.leader() !== null, 5000);
    const leader = h.leader()!;
    expect(h.etcd(leader).raft.term).toBeLessThanOrEqual(3);
    expect(h.etcd(leader).store.rev).toBeGreaterThan(1_000_000_000);
  });
});

describe("a snapshot restored onto one member of a running cluster", () => {
  it("is refused by its peers for a cluster ID mismatch and never gets a leader", () => {
    // server/etcdserver/api/rafthttp/http.go checkClusterCompatibilityFromHeader: a peer request whose
    // X-Etcd-Cluster-ID differs is refused ("request cluster ID mismatch") before it reaches Raft.
    const h = cluster().runFor(10_000);
    h.act(save).runFor(100);
    const leaderBefore = h.leader();
    const lone = ["etcd-1", "etcd-2", "etcd-3"].find((m) => m !== leaderBefore)!;
    h.stop(lone);
    h.act({
      type: "etcd-restore",
      file: "etcdctl",
      members: [lone],
      initialCluster: ["etcd-1", "etcd-2", "etcd-3"],
      token: "new",
      bumpRevision: 1000,
    });
    h.start(lone).runFor(10_000);
    const refused = h.events("etcd.cluster-id-mismatch");
    expect(
      refused
        .filter((e) => e.peer === lone)
        .map((e) => e.component)
        .sort(),
    ).toEqual(["etcd-1", "etcd-2", "etcd-3"].filter((m) => m !== lone));
    expect(h.etcd(lone).raft.lead).toBe(NONE);
    expect(h.leader()).toBe(leaderBefore);
    expect(h.events("raft.became-leader").filter((e) => e.t > 10_100)).toHaveLength(0);
  });
});

// `etcdutl snapshot restore`, an offline tool that works on files (etcdutl/snapshot/v3_snapshot.go
// Restore): for each member it writes a new data dir from one snapshot file, with a new cluster built
// from --initial-cluster and --initial-cluster-token (membership.NewClusterFromURLsMap: new member IDs
// and cluster ID), a fresh WAL whose Raft history starts again at term 1 (saveWALAndSnap), and the
// snapshot's backend, its revision raised by --bump-revision and marked compacted (mvcc.ts
// restoredStore). The member must be stopped; it is then started on the new data dir. Also the disk
// loss that makes a restore necessary. Both are engine actions: they change what is on a host's disk,
// which no running process does.
import { putProc, type Draft } from "../core/draft";
import { traceFrom, type Outbox } from "../core/outbox";
import { procWith } from "../core/proc";
import type { Action, HostId, ProcId } from "../core/types";
import { emptyLog } from "../raft/log";
import { NONE } from "../raft/types";
import type { EtcdctlState, SnapshotFile } from "../cluster-components/etcdctl";
import type { EtcdConfig, EtcdPersisted } from "./member-types";
import { keyCount, restoredStore } from "./mvcc";
import { clusterId, clusterIdOf, DEFAULT_CLUSTER_TOKEN } from "./cluster-id";

export { clusterId, DEFAULT_CLUSTER_TOKEN };

type RestoreAction = Extract<Action, { type: "etcd-restore" }>;

/** The data dir etcdutl writes for one member from `db`. Pure. */
export function restoredDataDir(db: Pick<SnapshotFile, "store">, bumpRevision: number): EtcdPersisted {
  // saveWALAndSnap: HardState{Term: 1, Commit: <members>} over the ConfChange entries that add the
  // members; the simulated Raft has no membership entries, so the log starts empty at term 1.
  return { term: 1, vote: NONE, commit: 0, log: emptyLog(), store: restoredStore(db.store, bumpRevision), applied: 0 };
}

function snapshotFile(d: Draft, file: ProcId): SnapshotFile | null {
  const p = d.world.procs[file];
  if (p === undefined) return null;
  const f = p.up ? (p.state as EtcdctlState).file : ((p.persisted as EtcdctlState["file"] | undefined) ?? null);
  return f ?? null;
}

/** The command line etcdutl is run with on a member's host, for the trace. */
function etcdutlLine(path: string, member: string, members: readonly string[], token: string, bump: number): string {
  const cluster = members.map((m) => `${m}=https://${m}:2380`).join(",");
  const flags = bump > 0 ? ` --bump-revision ${bump} --mark-compacted` : "";
  return (
    `etcdutl snapshot restore ${path} --name ${member} --initial-cluster ${cluster} --initial-cluster-token ` +
    `${token} --initial-advertise-peer-urls https://${member}:2380 --data-dir /var/lib/etcd-restored${flags}`
  );
}

/** Runs etcdutl snapshot restore for every listed member (each must be stopped). */
export function applyRestore(d: Draft, action: RestoreAction, out: Outbox): void {
  const db = snapshotFile(d, action.file);
  const members = [...(action.initialCluster ?? action.members)].sort();
  const id = clusterId(action.token, members);
  for (const member of [...action.members].sort()) {
    const proc = d.world.procs[member];
    if (proc === undefined || proc.kind !== "etcd") {
      traceFrom(out, member, "etcd.restore-failed", `etcdutl: ${member} is not an etcd member.`, { member });
      continue;
    }
    const line = etcdutlLine(db?.path ?? "snapshot.db", member, members, action.token, action.bumpRevision);
    if (db === null) {
      traceFrom(out, member, "etcd.restore-failed", `$ ${line}\nError: open snapshot.db: no such file or directory`, {
        member,
        command: line,
      });
      continue;
    }
    if (proc.up) {
      traceFrom(
        out,
        member,
        "etcd.restore-failed",
        `$ ${line}\n${member} is still running: stop it before restoring its data.`,
        { member, command: line },
      );
      continue;
    }
    const cfg = proc.config as EtcdConfig;
    const before = clusterIdOf(cfg);
    const persisted = restoredDataDir(db, action.bumpRevision);
    putProc(d, procWith(proc, { persisted, config: { ...cfg, cluster: action.token } }));
    traceFrom(
      out,
      member,
      "etcd.snapshot-restored",
      `$ ${line}\n${member} gets a new data dir: cluster ID ${id} (was ${before}), ` +
        `Raft history from term 1, ${keyCount(db.store)} keys at revision ${db.rev}` +
        (action.bumpRevision > 0
          ? `, the revision bumped to ${persisted.store.rev} and everything up to it marked compacted.`
          : "."),
      {
        member,
        clusterId: id,
        previousClusterId: before,
        snapshotRevision: db.rev,
        revision: persisted.store.rev,
        command: line,
      },
    );
  }
}

/** The host's disk is gone: every process on it (all down) loses what it kept there. */
export function applyDiskLoss(d: Draft, host: HostId, out: Outbox): void {
  const ids = Object.keys(d.world.procs)
    .filter((id) => d.world.procs[id]!.host === host)
    .sort();
  const lost: string[] = [];
  for (const id of ids) {
    const p = d.world.procs[id]!;
    if (p.up || p.persisted === undefined) continue;
    putProc(d, procWith(p, { persisted: undefined }));
    lost.push(id);
  }
  traceFrom(
    out,
    host,
    "host.disk-lost",
    `${host}'s disk is lost${lost.length > 0 ? `: the data of ${lost.join(", ")} (WAL and backend) is gone` : ""}.`,
    { host, procs: lost },
  );
}

// etcdctl on the admin's machine, for `etcdctl snapshot save` (etcdctl/ctlv3/command/snapshot_command.go,
// client/v3/snapshot/v3_snapshot.go SaveWithVersion): it asks exactly one endpoint for its backend
// through the Maintenance.Snapshot stream and writes the file. The member answers from its own
// backend without a Raft round, so the file is that member's state at its current revision. The file
// stays in this process's state, off the etcd hosts: what a disaster there cannot touch, and what
// `etcdutl snapshot restore` reads (etcd/restore.ts).
import { defineComponent, type Ctx } from "../core/component";
import type { Command, Envelope, Ms, ProcId } from "../core/types";
import { keyCount, rangePrefix } from "../etcd/mvcc";
import type { SnapshotDb } from "../etcd/protocol";

export type EtcdctlConfig = {
  /** Where the file is written, for the trace. */
  path: string;
  /** etcdctl's --command-timeout default (5 s) bounds the whole save. */
  commandTimeoutMs: Ms;
};

export type EtcdctlState = {
  pending: { id: string; endpoint: ProcId } | null;
  /** The saved snapshot file, if any. */
  file: SnapshotFile | null;
};

/** The file on disk: the member's backend plus where and when it was saved. */
export type SnapshotFile = SnapshotDb & { path: string; savedAt: Ms };

type EtcdctlTimer = { t: "timeout"; id: string };

/** The command line a learner would type, for the trace. */
function etcdctlLine(endpoint: string, path: string): string {
  return `etcdctl --endpoints=https://${endpoint}:2379 --cacert=… --cert=… --key=… snapshot save ${path}`;
}

function onCommand(s: EtcdctlState, c: Command, ctx: Ctx, cfg: EtcdctlConfig): EtcdctlState {
  const endpoint = String(c.args.endpoint);
  ctx.trace("etcdctl.command", `$ ${etcdctlLine(endpoint, cfg.path)}`, {
    command: etcdctlLine(endpoint, cfg.path),
    endpoint,
  });
  if (c.name !== "snapshot-save") {
    ctx.trace("etcdctl.error", `Error: unknown command "${c.name}" for "etcdctl"`, { command: c.name });
    return s;
  }
  const id = ctx.nextId("snap");
  ctx.send(endpoint, { p: "etcd", kind: "snapshot", id });
  ctx.after(cfg.commandTimeoutMs, { t: "timeout", id });
  return { ...s, pending: { id, endpoint } };
}

function failed(s: EtcdctlState, reason: string, ctx: Ctx): EtcdctlState {
  ctx.trace("etcdctl.error", `Error: ${reason}`, { error: reason });
  return { ...s, pending: null };
}

function onMessage(s: EtcdctlState, env: Envelope, ctx: Ctx, cfg: EtcdctlConfig): EtcdctlState {
  const body = env.body;
  if (s.pending === null) return s;
  if (body.p === "net" && body.kind === "refused" && env.from === s.pending.endpoint)
    return failed(s, `dial tcp ${s.pending.endpoint}:2379: connect: connection refused`, ctx);
  if (body.p !== "etcd" || body.kind !== "snapshot-resp" || body.id !== s.pending.id) return s;
  const db = body.db;
  const keys = keyCount(db.store);
  const pods = rangePrefix(db.store, "/registry/pods/").map((kv) => kv.key.split("/").at(-1)!);
  ctx.trace(
    "etcd.snapshot-saved",
    `Snapshot saved at ${cfg.path}: ${db.member}'s backend at revision ${db.rev}, ${keys} ` +
      `keys. It holds every write ${db.member} had applied by now, and nothing after.`,
    { member: db.member, revision: db.rev, keys, path: cfg.path, pods },
  );
  return { pending: null, file: { ...db, path: cfg.path, savedAt: ctx.now } };
}

function onTimer(s: EtcdctlState, timer: EtcdctlTimer, ctx: Ctx): EtcdctlState {
  if (s.pending?.id !== timer.id) return s;
  return failed(s, "context deadline exceeded", ctx);
}

export const etcdctl = defineComponent<EtcdctlConfig, EtcdctlState, EtcdctlTimer>({
  kind: "etcdctl",
  // The file is on the admin machine's disk: it outlives the etcdctl process.
  boot: (_cfg, persisted) => ({ pending: null, file: (persisted as EtcdctlState["file"] | undefined) ?? null }),
  onMessage,
  onTimer: (s, timer, ctx) => onTimer(s, timer, ctx),
  onCommand,
  onCrash: (s) => ({ persisted: s.file ?? undefined, peers: [] }),
});

// The etcd v3 client API as the simulation speaks it (a subset of etcdserverpb: Range, Txn, Watch),
// plus the peer dial handshake rafthttp performs. Error texts are etcd's own strings (rpctypes).
import type { RaftMsg } from "../raft/types";
import type { Chunked } from "../core/chunked";

export type KeyValue = { key: string; value: unknown; createRev: number; modRev: number; version: number };

/**
 * The transactions kube-apiserver issues (storage/etcd3/store.go): create is Txn(If
 * CreateRevision==0).Then(Put); update and delete compare ModRevision first (optimistic concurrency).
 */
export type EtcdOp =
  | { op: "create"; key: string; value: unknown }
  | { op: "update"; key: string; value: unknown; expectRev: number }
  | { op: "delete"; key: string; expectRev: number | null }
  | { op: "put"; key: string; value: unknown };

export type TxnResult =
  | { ok: true; rev: number; kv: KeyValue | null }
  | { ok: false; reason: "exists" | "conflict" | "not-found"; rev: number; current: KeyValue | null };

export type WatchEvent = { type: "PUT" | "DELETE"; kv: KeyValue; prev: KeyValue | null };

export type RevEvent = WatchEvent & { rev: number };

/** The MVCC store (etcd/mvcc.ts), as a snapshot file carries it. */
export type MvccStore = {
  rev: number;
  buckets: readonly (readonly KeyValue[])[];
  history: Chunked<RevEvent>;
  /** Order-sensitive digest of every applied write: equal digests mean equal histories. */
  digest: number;
};

/** gRPC status codes that matter to clientv3's retry policy. */
export type GrpcCode = "Unavailable" | "DeadlineExceeded" | "OutOfRange" | "Canceled";

export const ETCD_ERR = {
  timeout: "etcdserver: request timed out",
  timeoutLeaderFail: "etcdserver: request timed out, possibly due to previous leader failure",
  timeoutConnectionLost: "etcdserver: request timed out, possibly due to connection lost",
  leaderChanged: "etcdserver: leader changed",
  noLeader: "etcdserver: no leader",
  compacted: "mvcc: required revision has been compacted",
  connectionLost: "rpc error: code = Unavailable desc = error reading from server: EOF",
  /**
   * A Txn whose proposal never entered Raft: raft.node accepts no proposal while it has no leader
   * (etcd-io/raft node.go run: `propc = nil` on "lost leader"), so Propose waits until the request
   * timeout's context ends and processInternalRaftRequestOnce returns ctx.Err() itself, not
   * parseProposeCtxErr (server/etcdserver/v3_server.go). togRPCError (api/v3rpc/util.go) leaves a
   * context error to gRPC, which sends it as code DeadlineExceeded.
   */
  proposeDeadline: "context deadline exceeded",
} as const;

export type EtcdRpc =
  | { p: "etcd"; kind: "connect" }
  | { p: "etcd"; kind: "connected" }
  | { p: "etcd"; kind: "peer-dial" }
  | { p: "etcd"; kind: "peer-ack" }
  | { p: "etcd"; kind: "range"; id: string; key: string; prefix: boolean; serializable: boolean }
  | { p: "etcd"; kind: "range-resp"; id: string; kvs: KeyValue[]; rev: number }
  /** `quiet` entries (Lease renewals) are not reported as raft.committed trace events. */
  | { p: "etcd"; kind: "txn"; id: string; op: EtcdOp; quiet: boolean; summary: string }
  | { p: "etcd"; kind: "txn-resp"; id: string; result: TxnResult }
  | { p: "etcd"; kind: "error"; id: string; code: GrpcCode; message: string }
  | { p: "etcd"; kind: "watch"; id: string; prefix: string; fromRev: number; requireLeader: boolean }
  | { p: "etcd"; kind: "watch-created"; id: string }
  | { p: "etcd"; kind: "watch-events"; id: string; events: WatchEvent[] }
  | { p: "etcd"; kind: "watch-cancelled"; id: string; reason: string }
  | { p: "etcd"; kind: "watch-close"; id: string }
  /** WatchRequest's ProgressRequest: the member answers with a progress notification at its current revision. */
  | { p: "etcd"; kind: "watch-progress"; id: string }
  /** A progress notification: every event of the watch up to `rev` has been sent. */
  | { p: "etcd"; kind: "watch-progress-notify"; id: string; rev: number }
  /** Maintenance.Snapshot: the member streams its backend as it is now (no consensus, no Raft round). */
  | { p: "etcd"; kind: "snapshot"; id: string }
  /** A Raft message from a member of a restored cluster, with rafthttp's X-Etcd-Cluster-ID header. */
  | { p: "etcd"; kind: "peer-msg"; cluster: string; msg: RaftMsg }
  | { p: "etcd"; kind: "snapshot-resp"; id: string; db: SnapshotDb };

/**
 * What `etcdctl snapshot save` writes: one member's backend (bbolt) at its current revision, with the
 * member it came from. The store is a private copy: the member keeps writing to its own.
 */
export type SnapshotDb = { member: string; rev: number; store: MvccStore };

/** The payload of a Raft entry: one client transaction, tagged with the member that will answer. */
export type EntryData = { id: string; origin: number; op: EtcdOp; quiet: boolean; summary: string };

export function isEntryData(d: unknown): d is EntryData {
  return typeof d === "object" && d !== null && "op" in d && "id" in d;
}

/** Client RPCs and Raft peer traffic (etcd's rafthttp streams) cross the simulated network (core/messages.ts). */
declare module "../core/messages" {
  interface MessageProtocols {
    etcd: EtcdRpc;
    raft: RaftMsg;
  }
}

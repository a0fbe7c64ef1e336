// Which etcd cluster a member belongs to. Upstream every member ID hashes the member's peer URLs with
// --initial-cluster-token, and the cluster ID hashes the sorted member IDs
// (server/etcdserver/api/membership/cluster.go NewClusterFromURLsMap); rafthttp stamps every peer
// request with X-Etcd-Cluster-ID and the receiver refuses another cluster's (http.go
// checkClusterCompatibilityFromHeader). Here member names stand for their peer URLs.
import type { Ctx } from "../core/component";
import { fnv1a } from "../core/hash";
import type { ProcId } from "../core/types";
import type { RaftMsg } from "../raft/types";
import type { EtcdConfig } from "./member-types";

/** etcd's default --initial-cluster-token: the token of every cluster built without one. */
export const DEFAULT_CLUSTER_TOKEN = "etcd-cluster";

/** The cluster ID a token and member list give: the same list with another token is another cluster. */
export function clusterId(token: string, members: readonly string[]): string {
  return fnv1a(`${token}|${[...members].sort().join(",")}`)
    .toString(16)
    .padStart(8, "0");
}

// Configs are immutable: memoize each one's ID (not world state).
const ids = new WeakMap<EtcdConfig, string>();

/** This member's cluster ID. */
export function clusterIdOf(cfg: EtcdConfig): string {
  let id = ids.get(cfg);
  if (id === undefined) ids.set(cfg, (id = clusterId(cfg.cluster ?? DEFAULT_CLUSTER_TOKEN, Object.values(cfg.peers))));
  return id;
}

/**
 * Sends a Raft message to a peer. A member of a cluster built with the default token sends it bare,
 * as every cluster did before restores existed; a member of a restored cluster sends it with its
 * cluster ID, which the receiver checks (member.ts).
 */
export function peerSend(ctx: Ctx, cfg: EtcdConfig, to: ProcId, m: RaftMsg): void {
  if (cfg.cluster === undefined) ctx.send(to, m);
  else ctx.send(to, { p: "etcd", kind: "peer-msg", cluster: clusterIdOf(cfg), msg: m });
}

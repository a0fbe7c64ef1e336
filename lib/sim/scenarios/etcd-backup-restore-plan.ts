// The etcd-backup-restore scenario's plan: its moments (T), the snapshot, the later writes, the loss of
// every member's disk and the restore, or, in the oneMember variant, the restore of one member alone.
import { SMALL_SPEC, type ClusterSpec } from "../cluster/spec";
import type { Action } from "../core/types";
import type { Params } from "../trace/types";
import { kubectlAt } from "./manifests";
import { boolParam, intParam, type Plan, type ScriptItem } from "./types";

/** The Kubernetes docs' example bump: far above any resourceVersion a client can have seen. */
export const BUMP_REVISION = 1_000_000_000;
const NEW_TOKEN = "etcd-cluster-restored";
/** The member restored alone in the oneMember variant. */
export const ONE = "etcd-3";

export const T = {
  apply: 2500,
  snapshot: 25_000,
  scale: 30_000,
  create: 31_000,
  loss: 50_000,
  stopApi: 65_000,
  restore: 70_000,
  startEtcd: 72_000,
  startApi: 80_000,
  check: 170_000,
} as const;

export function members(p: Params): string[] {
  return Array.from({ length: intParam(p, "members") }, (_, i) => `etcd-${i + 1}`);
}

const act = (t: number, action: Action) => ({ at: t, action });

/** etcd on its own hosts, and an etcdctl on the admin's laptop to save the snapshot. */
function clusterOf(p: Params, etcdMembers: number): ClusterSpec {
  return {
    ...SMALL_SPEC,
    etcdMembers,
    etcdTopology: "external",
    workers: intParam(p, "workers"),
    etcdctl: true,
  };
}

/** Both variants up to the loss: web applied, the snapshot saved, then writes the snapshot does not hold. */
function beforeLoss(p: Params): ScriptItem[] {
  const replicas = intParam(p, "replicas");
  return [
    kubectlAt(T.apply, "apply", { name: "web", replicas }),
    act(T.snapshot, {
      type: "command",
      target: "etcdctl",
      command: { name: "snapshot-save", args: { endpoint: "etcd-1" } },
    }),
    kubectlAt(T.scale, "scale", { name: "web", replicas: replicas + intParam(p, "extra") }),
    kubectlAt(T.create, "create", { name: "api", replicas: 1 }),
  ];
}

/**
 * The mistake: one member's disk fails in a healthy 3-member cluster, and the snapshot is restored onto
 * that member alone (with the restore procedure's new token and the full member list) while the
 * other two keep running.
 */
function planOne(p: Params): Plan {
  const etcd = ["etcd-1", "etcd-2", "etcd-3"];
  return {
    cluster: clusterOf(p, etcd.length),
    script: [
      ...beforeLoss(p),
      act(T.loss, { type: "power-off", host: ONE }),
      act(T.loss, { type: "wipe-disk", host: ONE }),
      act(T.stopApi + 1000, { type: "stop", target: ONE }),
      act(T.stopApi + 2000, { type: "power-on", host: ONE }),
      act(T.restore, {
        type: "etcd-restore",
        file: "etcdctl",
        members: [ONE],
        initialCluster: etcd,
        token: NEW_TOKEN,
        bumpRevision: BUMP_REVISION,
      }),
      act(T.startEtcd, { type: "start", target: ONE }),
      kubectlAt(T.check, "get", { resource: "deployments", name: "api" }),
    ],
    durationMs: T.check + 65_000,
    marks: { snapshot: T.snapshot, loss: T.loss, restore: T.restore },
  };
}

export function plan(p: Params): Plan {
  if (boolParam(p, "oneMember")) return planOne(p);
  const etcd = members(p);
  return {
    cluster: { ...clusterOf(p, etcd.length), traceWatchExpiry: true },
    script: [
      ...beforeLoss(p),
      // The disaster: every etcd host goes down and its disk with it.
      ...etcd.map((m) => act(T.loss, { type: "power-off", host: m })),
      ...etcd.map((m) => act(T.loss, { type: "wipe-disk", host: m })),
      // The restore, in the order of the Kubernetes docs: API server stopped (its manifest moved
      // away), etcd kept stopped on the replacement hosts, etcdutl on each, etcd started, then the API server.
      act(T.stopApi, { type: "stop", target: "kube-apiserver-1" }),
      ...etcd.map((m) => act(T.stopApi + 1000, { type: "stop", target: m })),
      ...etcd.map((m) => act(T.stopApi + 2000, { type: "power-on", host: m })),
      act(T.restore, {
        type: "etcd-restore",
        file: "etcdctl",
        members: etcd,
        token: NEW_TOKEN,
        bumpRevision: BUMP_REVISION,
      }),
      ...etcd.map((m) => act(T.startEtcd, { type: "start", target: m })),
      act(T.startApi, { type: "start", target: "kube-apiserver-1" }),
      kubectlAt(T.check, "get", { resource: "deployments", name: "api" }),
      kubectlAt(T.check + 100, "get", { resource: "pods" }),
    ],
    durationMs: T.check + 5000,
    marks: { snapshot: T.snapshot, loss: T.loss, restore: T.restore, apiStart: T.startApi },
  };
}

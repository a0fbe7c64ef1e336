// Scenario: back up etcd with `etcdctl snapshot save` on a live cluster, keep writing (a scale-up, a
// new Deployment), lose every etcd member's disk, and restore: the API server is stopped first,
// `etcdutl snapshot restore` writes each member a new data dir for a new cluster ID with the
// revision bumped by 1,000,000,000 and marked compacted (what the Kubernetes docs recommend,
// configure-upgrade-etcd), etcd starts on it, then the API server. What the snapshot held comes
// back; what was written after it is gone. The kubelets, whose informers still hold resourceVersions
// from before the loss, resume their watches from them, get 410 Gone (older than the restored
// revision) and re-list; the re-list no longer shows the pods created after the snapshot, so the
// kubelets stop those containers, while the controllers find nothing to do: the Deployment is back
// at its snapshot replicas and its snapshot pods still run.
import { DEFAULT_TUNING } from "../cluster/defaults";
import type { Action } from "../core/types";
import { ETCD_ERR } from "../etcd/protocol";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, end, first, responses, s, select } from "./claims";
import { kubectlAt } from "./manifests";
import { boolParam, intParam, type Plan, type ScenarioDef } from "./types";

/** The Kubernetes docs' example bump: far above any resourceVersion a client can have seen. */
const BUMP_REVISION = 1_000_000_000;
const NEW_TOKEN = "etcd-cluster-restored";
/** The member restored alone in the oneMember variant. */
const ONE = "etcd-3";

const T = {
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

function members(p: Params): string[] {
  return Array.from({ length: intParam(p, "members") }, (_, i) => `etcd-${i + 1}`);
}

const act = (t: number, action: Action) => ({ at: t, action });

/**
 * The mistake: one member's disk fails in a healthy 3-member cluster, and the snapshot is restored onto
 * that member alone (with the restore procedure's new token and the full member list) while the
 * other two keep running.
 */
function planOne(p: Params): Plan {
  const replicas = intParam(p, "replicas");
  const etcd = ["etcd-1", "etcd-2", "etcd-3"];
  return {
    cluster: {
      etcdMembers: 3,
      etcdTopology: "external",
      controlPlanes: 1,
      workers: intParam(p, "workers"),
      zones: 1,
      webTraffic: false,
      tuning: DEFAULT_TUNING,
      etcdctl: true,
    },
    script: [
      kubectlAt(T.apply, "apply", { name: "web", replicas }),
      act(T.snapshot, {
        type: "command",
        target: "etcdctl",
        command: { name: "snapshot-save", args: { endpoint: "etcd-1" } },
      }),
      kubectlAt(T.scale, "scale", { name: "web", replicas: replicas + intParam(p, "extra") }),
      kubectlAt(T.create, "create", { name: "api", replicas: 1 }),
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

function plan(p: Params): Plan {
  if (boolParam(p, "oneMember")) return planOne(p);
  const replicas = intParam(p, "replicas");
  const extra = intParam(p, "extra");
  const etcd = members(p);
  return {
    cluster: {
      etcdMembers: etcd.length,
      etcdTopology: "external",
      controlPlanes: 1,
      workers: intParam(p, "workers"),
      zones: 1,
      webTraffic: false,
      tuning: DEFAULT_TUNING,
      etcdctl: true,
      traceWatchExpiry: true,
    },
    script: [
      kubectlAt(T.apply, "apply", { name: "web", replicas }),
      act(T.snapshot, {
        type: "command",
        target: "etcdctl",
        command: { name: "snapshot-save", args: { endpoint: "etcd-1" } },
      }),
      kubectlAt(T.scale, "scale", { name: "web", replicas: replicas + extra }),
      kubectlAt(T.create, "create", { name: "api", replicas: 1 }),
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

function snapshotClaim(events: readonly TraceEvent[]) {
  const saved = first(events, { type: "etcd.snapshot-saved" });
  const savedCmd = first(events, { type: "etcdctl.command" });
  const inSnapshot = Array.isArray(saved?.pods) ? saved.pods : [];
  const snapRev = typeof saved?.revision === "number" ? saved.revision : -1;
  const runningBefore = select(events, { type: "pod.running", to: T.snapshot }).map((e) => String(e.pod));
  const laterPods = select(events, { type: "pod.running", from: T.snapshot + 1, to: T.loss }).map((e) => String(e.pod));
  return claim(
    "snapshot-at-revision",
    "`etcdctl snapshot save` copies one member's backend at one revision, without a " +
      "Raft round: the file holds every pod that existed then, and only those.",
    saved !== undefined &&
      saved.member === "etcd-1" &&
      snapRev > 1 &&
      runningBefore.every((pod) => inSnapshot.includes(pod)) &&
      laterPods.every((pod) => !inSnapshot.includes(pod)),
    [savedCmd, saved],
    saved === undefined
      ? "No snapshot was saved."
      : `Saved from ${String(saved.member)} at revision ${snapRev} ${at(saved)} with ${inSnapshot.length} ` +
          `pod(s): ${inSnapshot.join(", ")}; ${laterPods.length} pod(s) started after it are not in it.`,
  );
}

function oneMemberClaims(events: readonly TraceEvent[]) {
  const restored = first(events, { type: "etcd.snapshot-restored" });
  const refusedBy = select(events, {
    type: "etcd.cluster-id-mismatch",
    from: T.startEtcd,
    where: (e) => e.peer === ONE,
  });
  const refusing = select(events, { type: "etcd.cluster-id-mismatch", from: T.startEtcd, component: ONE });
  const refusers = new Set(refusedBy.map((e) => e.component));
  const campaigns = select(events, { type: "raft.became-pre-candidate", component: ONE, from: T.startEtcd });
  const oneLed = select(events, {
    from: T.startEtcd,
    where: (e) =>
      e.component === ONE &&
      (e.type === "raft.became-leader" || (e.type === "raft.became-follower" && typeof e.leader === "string")),
  });
  const elections = select(events, { type: "raft.became-leader", from: T.startEtcd });
  const getApi = responses(events, "kubectl get deployments api", T.check)[0];
  const timedOut = select(events, {
    type: "kubelet.lease-renew-failed",
    from: T.startEtcd,
    where: (e) => String(e.error).includes(ETCD_ERR.proposeDeadline),
  });
  return [
    claim(
      "one-member-rejected",
      `etcdutl gives ${ONE} alone a new cluster ID: both running members refuse its Raft messages ` +
        `("request cluster ID mismatch") and it refuses theirs, so it never joins and never has a leader.`,
      restored !== undefined &&
        refusers.has("etcd-1") &&
        refusers.has("etcd-2") &&
        refusing.length >= 1 &&
        oneLed.length === 0 &&
        campaigns.length > 0,
      [restored, ...refusedBy.slice(0, 2), refusing[0], oneLed[0] ?? campaigns.at(-1) ?? end(events)],
      `${refusers.size} running member(s) refused ${ONE}, ${ONE} refused ${refusing.length} ` +
        `peer(s); ${ONE} campaigned ${campaigns.length} time(s) (reported) and had a leader ` +
        `${oneLed.length} time(s) up to the end ${at(end(events))}.`,
    ),
    claim(
      "cluster-keeps-data",
      `The two running members never needed the snapshot: ${ONE}'s campaigns never reach them, so no ` +
        `election follows, and \`kubectl get deployment api\` (created after the snapshot) still finds it.`,
      elections.length === 0 && getApi?.status === 200,
      elections.length > 0
        ? elections
        : [first(events, { type: "process.restarted", component: ONE, from: T.startEtcd }), getApi],
      `${elections.length} leader election(s) after ${ONE} restarted; kubectl get deployments api: ` +
        `HTTP ${String(getApi?.status)}${getApi ? ` after ${s(Number(getApi.latencyMs))}` : ""}.`,
    ),
    claim(
      "stale-member-times-out",
      `kube-apiserver still lists ${ONE} in --etcd-servers and round-robins requests to it: a write sent ` +
        "there waits for a leader that never comes (raft takes no proposal without one) and fails after " +
        `etcd's 7 s request timeout with "context deadline exceeded", such as node Lease renewals.`,
      timedOut.length > 0,
      [restored, timedOut[0]],
      `${timedOut.length} node Lease renewal(s) failed with "${ETCD_ERR.proposeDeadline}" ` +
        `after ${ONE} restarted${timedOut[0] ? `, the first ${at(timedOut[0])}` : ""}.`,
    ),
  ];
}

function claims(p: Params, events: readonly TraceEvent[]) {
  if (boolParam(p, "oneMember")) return [snapshotClaim(events), ...oneMemberClaims(events)];
  const replicas = intParam(p, "replicas");
  const extra = intParam(p, "extra");
  const etcd = members(p);
  const workers = intParam(p, "workers");
  const saved = first(events, { type: "etcd.snapshot-saved" });
  const inSnapshot = Array.isArray(saved?.pods) ? saved.pods : [];
  const snapRev = typeof saved?.revision === "number" ? saved.revision : -1;
  const laterPods = select(events, { type: "pod.running", from: T.snapshot + 1, to: T.loss }).map((e) => String(e.pod));
  const restored = select(events, { type: "etcd.snapshot-restored" });
  const ids = new Set(restored.map((e) => String(e.clusterId)));
  const leader = first(events, { type: "raft.became-leader", from: T.startEtcd });
  const expired = select(events, {
    type: "apiserver.watch-expired",
    from: T.startApi,
    where: (e) => String(e.client).startsWith("kubelet/node-") && e.resource === "pods",
  });
  const kubelets = new Set(expired.map((e) => String(e.client)));
  const orphans = select(events, { type: "pod.orphan-stopped", from: T.startApi });
  const orphanNames = orphans.map((e) => String(e.pod)).sort();
  const getApi = responses(events, "kubectl get deployments api", T.check)[0];
  const getPods = responses(events, "kubectl get pods", T.check)[0];
  const listed = getPods === undefined ? [] : (String(getPods.message).match(/\b(web|api)-[a-z0-9-]+/g) ?? []);
  const created = select(events, {
    from: T.startApi,
    where: (e) => e.type === "pod.created" || e.type === "replicaset.pod-deleted",
  });
  const restarted = select(events, {
    from: T.loss,
    where: (e) => (e.type === "pod.orphan-stopped" || e.type === "pod.running") && inSnapshot.includes(String(e.pod)),
  });
  const apiStopped = first(events, {
    type: "process.crashed",
    component: "kube-apiserver-1",
    from: T.stopApi,
    to: T.stopApi,
  });
  const apiBack = first(events, {
    component: "kube-apiserver-1",
    from: T.stopApi + 1,
    where: (e) => e.type === "process.restarted" || e.type === "process.started",
  });
  const kcmCrash = first(events, {
    type: "process.crashed",
    component: "kube-controller-manager-1",
    from: T.loss,
    to: T.startApi,
  });
  const kcmBack =
    kcmCrash &&
    first(events, {
      type: "process.restarted",
      component: "kube-controller-manager-1",
      from: kcmCrash.t,
      to: T.startApi,
    });
  return [
    snapshotClaim(events),
    claim(
      "apiserver-held-down",
      "Stopped for the restore (its manifest moved out of the manifests directory), " +
        "kube-apiserver stays down until it is put back; the kubelet restarts only what " +
        "crashed, such as the controller manager after it lost its Lease.",
      apiStopped !== undefined && apiBack?.t === T.startApi && kcmBack !== undefined,
      [kcmCrash, kcmBack, apiStopped, apiBack],
      `kube-apiserver-1 stopped ${at(apiStopped)} and back ${at(apiBack)}; kube-controller-manager-1 ` +
        `crashed ${at(kcmCrash)} and was restarted by its kubelet ${at(kcmBack)}.`,
    ),
    claim(
      "new-cluster",
      `etcdutl gives all ${etcd.length} member(s) a new data dir from the one file: one ` +
        "new cluster ID, a Raft history that starts again, and a leader elected in it.",
      restored.length === etcd.length &&
        ids.size === 1 &&
        restored.every((e) => e.clusterId !== e.previousClusterId) &&
        leader !== undefined &&
        typeof leader.term === "number" &&
        leader.term <= 5,
      [...restored, leader],
      `${restored.length} of ${etcd.length} members restored, cluster ID(s) ${[...ids].join(", ")} ` +
        `(was ${String(restored[0]?.previousClusterId)}); ` +
        (leader === undefined
          ? "no leader elected"
          : `${leader.component} leads term ${String(leader.term)} ${at(leader)}`) +
        ".",
    ),
    claim(
      "watches-relist",
      `The restored revision is the snapshot's plus ${BUMP_REVISION.toLocaleString("en-US")}, ` +
        "above every resourceVersion a client saw: each worker's kubelet resumes its pod watch " +
        "from its old resourceVersion, gets 410 Gone and re-lists.",
      restored.every((e) => e.revision === snapRev + BUMP_REVISION) &&
        kubelets.size === workers &&
        expired.every((e) => typeof e.rv === "number" && e.rv < snapRev + BUMP_REVISION),
      [restored[0], ...[...kubelets].map((k) => expired.find((e) => e.client === k))],
      `Restored revision ${String(restored[0]?.revision)}; ${kubelets.size} of ` +
        `${workers} worker kubelets got 410 Gone for their pod watch ` +
        `(${expired.map((e) => `${String(e.client)} from ${String(e.rv)}`).join(", ")}).`,
    ),
    claim(
      "later-pods-stopped",
      `After re-listing, the kubelets stop exactly the ${extra + 1} pod(s) created after the ` +
        "snapshot (the scale-up's and the new Deployment's): the API no longer knows them.",
      orphanNames.length === laterPods.length &&
        laterPods.length === extra + 1 &&
        laterPods.every((pod) => orphanNames.includes(pod)),
      orphans.length > 0
        ? orphans
        : [first(events, { type: "process.started", component: "kube-apiserver-1", from: T.startApi }), end(events)],
      `${orphans.length} pod(s) stopped as orphans: ${orphanNames.join(", ") || "none"}; ` +
        `created after the snapshot: ${laterPods.join(", ") || "none"}.`,
    ),
    claim(
      "rewound",
      `What was written after the snapshot is lost: \`kubectl get deployment api\` answers NotFound, and web is ` +
        `back to its ${replicas} snapshot pod(s), which ran throughout; no controller creates or deletes a pod.`,
      getApi?.status === 404 &&
        getPods?.status === 200 &&
        listed.length === replicas &&
        listed.every((pod) => inSnapshot.includes(pod)) &&
        created.length === 0 &&
        restarted.length === 0,
      [getApi, getPods],
      `kubectl get deployments api: HTTP ${String(getApi?.status)}; kubectl get pods lists ` +
        `${listed.join(", ") || "nothing"}; ${created.length} pod(s) created or deleted by the ReplicaSet ` +
        `controller and ${restarted.length} snapshot pod(s) stopped or restarted after the loss ${s(T.loss)}.`,
    ),
  ];
}

export const etcdBackupRestore: ScenarioDef = {
  id: "etcd-backup-restore",
  title: "etcd snapshot and restore",
  summary:
    "`etcdctl snapshot save`, later writes, every etcd disk lost, `etcdutl snapshot restore` " +
    "into a new cluster: what comes back, what is lost, and how watches and kubelets react.",
  params: [
    {
      name: "oneMember",
      type: "boolean",
      label: "Restore one member only",
      description:
        "The mistake: only `etcd-3` lost its disk, and the snapshot is " +
        "restored onto it alone while `etcd-1` and `etcd-2` keep running.",
      default: false,
    },
    {
      name: "members",
      type: "integer",
      label: "etcd members",
      description: "Size of the etcd cluster (external topology); every member is restored from the one snapshot.",
      default: 3,
      min: 1,
      max: 5,
      appliesWhen: { oneMember: [false] },
    },
    { name: "workers", type: "integer", label: "Workers", description: "Worker nodes.", default: 2, min: 1, max: 5 },
    {
      name: "replicas",
      type: "integer",
      label: "Replicas at the snapshot",
      description: "Replicas of the web Deployment when the snapshot is taken.",
      default: 2,
      min: 1,
      max: 6,
    },
    {
      name: "extra",
      type: "integer",
      label: "Replicas added after it",
      description: "`kubectl scale` adds these after the snapshot (a new Deployment `api` is created too).",
      default: 2,
      min: 1,
      max: 6,
    },
  ],
  plan,
  claims,
};

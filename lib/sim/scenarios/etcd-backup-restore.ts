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
import { etcdBackupRestoreClaims } from "./etcd-backup-restore-claims";
import { plan } from "./etcd-backup-restore-plan";
import type { ScenarioDef } from "./types";

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
  claims: etcdBackupRestoreClaims,
};

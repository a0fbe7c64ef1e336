// The deployment controller (pkg/controller/deployment): one ReplicaSet per pod-template hash,
// named <deployment>-<hash>, revisions in the deployment.kubernetes.io/revision annotation, a
// rolling update within maxSurge / maxUnavailable (deployment-math.ts), Recreate, rollback by
// reusing the ReplicaSet whose template matches (its revision becomes the newest), and history
// cleanup beyond revisionHistoryLimit once a rollout is complete. Availability is counted from the
// pod informer (Ready pods), standing in for the ReplicaSets' status.availableReplicas.
import type { Ctx } from "../../core/component";
import { withEntry } from "../../core/records";
import { apiCall } from "../../apiserver/http";
import type { Deployment, ReplicaSet } from "../../objects/apps";
import type { Pod } from "../../objects/core";
import { resolveFenceposts, newRsReplicas, scaleDownOld, type RsCount } from "./deployment-math";
import { checkProgress, onDeadlineResult } from "./deployment-progress";
import { activePods, availableCount, expect, fulfil, issue, objects, ownedBy } from "./kcm-api";
import { templateHash } from "./naming";
import type { DeploymentRequest } from "./requests";
import type { KcmConfig, KcmState } from "./types";
import type { InformerChange } from "../../client/informer";
import { newObjectMeta } from "../../objects/meta";
import { controllerRef } from "../../objects/helpers";
import { storeKey } from "../../objects/resources";

const REVISION = "deployment.kubernetes.io/revision";

function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? "0");
}

function rsKey(rs: { metadata: { namespace: string | null; name: string } }): string {
  return `rs:${rs.metadata.namespace ?? "default"}/${rs.metadata.name}`;
}

/** Whether the informer shows what a write to `rs` was expected to produce. */
function shown(rs: ReplicaSet | undefined, want: string): boolean {
  const [what, value] = want.split("=");
  if (what === "gone") return rs === undefined;
  if (rs === undefined) return false;
  if (what === "replicas") return rs.spec.replicas === Number(value);
  if (what === "revision") return revisionOf(rs) === Number(value);
  return true;
}

function scale(s: KcmState, cfg: KcmConfig, d: Deployment, rs: ReplicaSet, replicas: number, ctx: Ctx): KcmState {
  const call = apiCall("patch", "replicasets", {
    namespace: rs.metadata.namespace,
    name: rs.metadata.name,
    body: { spec: { replicas } },
  });
  const tag: DeploymentRequest = {
    c: "dep",
    op: "scale",
    key: rsKey(rs),
    d: d.metadata.name,
    from: rs.spec.replicas,
    to: replicas,
  };
  return expect(issue(s, cfg, call, tag, ctx), rsKey(rs), `replicas=${replicas}`);
}

function create(
  s: KcmState,
  cfg: KcmConfig,
  d: Deployment,
  hash: string,
  replicas: number,
  revision: number,
  ctx: Ctx,
): KcmState {
  const ns = d.metadata.namespace ?? "default";
  const labels = { ...d.spec.template.labels, "pod-template-hash": hash };
  const body: ReplicaSet = {
    kind: "ReplicaSet",
    apiVersion: "apps/v1",
    metadata: {
      ...newObjectMeta(`${d.metadata.name}-${hash}`, ns, labels, ctx.now, {
        kind: "Deployment",
        name: d.metadata.name,
        uid: d.metadata.uid,
      }),
      annotations: { [REVISION]: String(revision) },
    },
    spec: {
      replicas,
      selector: { ...d.spec.selector, "pod-template-hash": hash },
      template: { ...d.spec.template, labels },
    },
    status: { replicas: 0, readyReplicas: 0 },
  };
  const tag: DeploymentRequest = {
    c: "dep",
    op: "create",
    key: rsKey(body),
    d: d.metadata.name,
    to: replicas,
    revision,
  };
  return expect(
    issue(s, cfg, apiCall("create", "replicasets", { namespace: ns, body }), tag, ctx),
    rsKey(body),
    `replicas=${replicas}`,
  );
}

function counts(rs: ReplicaSet, pods: readonly Pod[]): RsCount {
  return {
    name: rs.metadata.name,
    replicas: rs.spec.replicas,
    available: availableCount(pods, rs.metadata.uid),
    createdAt: rs.metadata.creationTimestamp,
  };
}

/** A Deployment, its ReplicaSets (`fresh` matches its template's hash, `olds` do not) and the pods that count. */
type Rollout = {
  d: Deployment;
  owned: readonly ReplicaSet[];
  hash: string;
  fresh: ReplicaSet | undefined;
  olds: ReplicaSet[];
  pods: readonly Pod[];
};

function rolloutOf(d: Deployment, sets: readonly ReplicaSet[], pods: readonly Pod[]): Rollout {
  const owned = ownedBy(sets, d.metadata.uid);
  const hash = templateHash(d.spec.template);
  const fresh = owned.find((rs) => rs.metadata.labels["pod-template-hash"] === hash);
  return { d, owned, hash, fresh, olds: owned.filter((rs) => rs !== fresh), pods };
}

function syncDeployment(s0: KcmState, cfg: KcmConfig, r: Rollout, ctx: Ctx): KcmState {
  const { d, owned, hash, fresh, olds, pods } = r;
  let s = s0;
  for (const rs of owned) {
    const want = s.pendingWrites[rsKey(rs)];
    if (want === undefined) continue;
    if (!shown(rs, want)) return s; // a write of ours is not visible yet: wait for it
    s = fulfil(s, rsKey(rs));
  }
  const maxOld = olds.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  const strategy = d.spec.strategy ?? { type: "RollingUpdate", maxSurge: "25%", maxUnavailable: "25%" };
  if (strategy.type === "Recreate") {
    const running = olds.filter((rs) => rs.spec.replicas > 0);
    if (running.length > 0) return running.reduce((acc, rs) => scale(acc, cfg, d, rs, 0, ctx), s);
    if (olds.some((rs) => activePods(pods, rs.metadata.uid).length > 0)) return s;
  }
  const [surge, unavailable] =
    strategy.type === "Recreate"
      ? [0, d.spec.replicas]
      : resolveFenceposts(strategy.maxSurge, strategy.maxUnavailable, d.spec.replicas);
  const oldCounts = olds.map((rs) => counts(rs, pods));
  if (fresh === undefined) {
    const zero = { name: "", replicas: 0, available: 0, createdAt: ctx.now };
    return create(s, cfg, d, hash, newRsReplicas(d.spec.replicas, surge, [...oldCounts, zero], zero), maxOld + 1, ctx);
  }
  if (revisionOf(fresh) <= maxOld) {
    // Rollback (or a template change back): the matching ReplicaSet is reused and becomes the newest revision.
    const call = apiCall("patch", "replicasets", {
      namespace: fresh.metadata.namespace,
      name: fresh.metadata.name,
      body: { metadata: { annotations: { [REVISION]: String(maxOld + 1) } } },
    });
    const tag: DeploymentRequest = {
      c: "dep",
      op: "revision",
      key: rsKey(fresh),
      d: d.metadata.name,
      from: revisionOf(fresh),
      revision: maxOld + 1,
    };
    return expect(issue(s, cfg, call, tag, ctx), rsKey(fresh), `revision=${maxOld + 1}`);
  }
  const freshCount = counts(fresh, pods);
  if (fresh.spec.replicas > d.spec.replicas) return scale(s, cfg, d, fresh, d.spec.replicas, ctx);
  const grown = newRsReplicas(d.spec.replicas, surge, [...oldCounts, freshCount], freshCount);
  if (grown !== fresh.spec.replicas) return scale(s, cfg, d, fresh, grown, ctx);
  const plan = scaleDownOld(d.spec.replicas, unavailable, freshCount, oldCounts);
  for (const rs of olds)
    if (plan[rs.metadata.name] !== undefined) s = scale(s, cfg, d, rs, plan[rs.metadata.name]!, ctx);
  if (Object.keys(plan).length > 0) return s;
  const done =
    freshCount.available === d.spec.replicas &&
    olds.every((rs) => rs.spec.replicas === 0 && activePods(pods, rs.metadata.uid).length === 0);
  return done ? complete(s, cfg, d, fresh, olds, ctx) : s;
}

/** A finished rollout: announce it once per revision, then drop history beyond revisionHistoryLimit. */
function complete(
  s0: KcmState,
  cfg: KcmConfig,
  d: Deployment,
  fresh: ReplicaSet,
  olds: ReplicaSet[],
  ctx: Ctx,
): KcmState {
  let s = s0;
  const key = `${d.metadata.namespace}/${d.metadata.name}`;
  const rev = String(revisionOf(fresh));
  if (s.rolledOut[key] !== `${rev}/${d.spec.replicas}`) {
    ctx.trace(
      "deployment.rollout-complete",
      `deployment-controller: Deployment ${d.metadata.name} has ${d.spec.replicas} available ` +
        `replicas of revision ${rev} (ReplicaSet ${fresh.metadata.name}) and no old pods left.`,
      {
        deployment: d.metadata.name,
        replicaset: fresh.metadata.name,
        revision: Number(rev),
        replicas: d.spec.replicas,
      },
    );
    s = { ...s, rolledOut: withEntry(s.rolledOut, key, `${rev}/${d.spec.replicas}`) };
  }
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const extra = [...olds].sort((a, b) => revisionOf(a) - revisionOf(b)).slice(0, Math.max(0, olds.length - limit));
  for (const rs of extra) {
    const tag: DeploymentRequest = {
      c: "dep",
      op: "delete",
      key: rsKey(rs),
      d: d.metadata.name,
      revision: revisionOf(rs),
      limit,
    };
    s = expect(
      issue(
        s,
        cfg,
        apiCall("delete", "replicasets", { namespace: rs.metadata.namespace, name: rs.metadata.name }),
        tag,
        ctx,
      ),
      rsKey(rs),
      "gone",
    );
  }
  return s;
}

/**
 * Syncs every Deployment, or with `only` those whose uid it holds: a pod's change concerns only the Deployment
 * that owns the pod's ReplicaSet (upstream the ReplicaSet controller writes the change into the ReplicaSet's status,
 * and deployment_controller.go updateReplicaSet enqueues that ReplicaSet's owner alone).
 */
export function reconcileDeployments(
  s0: KcmState,
  cfg: KcmConfig,
  ctx: Ctx,
  only: ReadonlySet<string> | null = null,
): KcmState {
  let s = s0;
  const sets = objects<ReplicaSet>(s, "replicasets", "ReplicaSet");
  const pods = objects<Pod>(s, "pods", "Pod");
  for (const d of objects<Deployment>(s, "deployments", "Deployment")) {
    if (only !== null && !only.has(d.metadata.uid)) continue;
    // A Deployment being deleted (finalizers pending) gets no new ReplicaSets or scaling
    // (pkg/controller/deployment/deployment_controller.go: syncDeployment, DeletionTimestamp → syncStatusOnly).
    if (d.metadata.deletionTimestamp !== null) continue;
    const r = rolloutOf(d, sets, pods);
    s = trackProgress(syncDeployment(s, cfg, r, ctx), cfg, r, ctx);
  }
  return s;
}

/** syncRolloutStatus's part: the progress deadline of the rollout to the ReplicaSet that matches the template. */
function trackProgress(s: KcmState, cfg: KcmConfig, { d, fresh, olds, pods }: Rollout, ctx: Ctx): KcmState {
  if (fresh === undefined) return s;
  const done =
    availableCount(pods, fresh.metadata.uid) === d.spec.replicas &&
    olds.every((rs) => rs.spec.replicas === 0 && activePods(pods, rs.metadata.uid).length === 0);
  return checkProgress(s, cfg, d, fresh, olds, pods, done, ctx);
}

/** Traces for the deployment controller's writes; a failed write is forgotten and retried. */
export function onDeploymentResult(
  s: KcmState,
  status: number,
  d: DeploymentRequest,
  body: unknown,
  ctx: Ctx,
): KcmState {
  const key = d.key;
  const ok = status === 200 || status === 201;
  if (d.op === "deadline") return onDeadlineResult(s, ok, d, ctx);
  if (!ok) return fulfil(s, key);
  const name = (body as { metadata?: { name?: string } } | null)?.metadata?.name ?? key.split("/")[1] ?? "";
  if (d.op === "create") {
    ctx.trace(
      "replicaset.created",
      `deployment-controller created ReplicaSet ${name} (revision ` +
        `${d.revision}) for Deployment ${d.d} and scaled it up to ${d.to}.`,
      { replicaset: name, replicas: d.to, deployment: d.d, revision: d.revision },
    );
  } else if (d.op === "scale") {
    const verb = d.to > d.from ? "up" : "down";
    ctx.trace(
      "replicaset.scaled",
      `deployment-controller scaled ${verb} ReplicaSet ${name} from ${d.from} to ${d.to}.`,
      { replicaset: name, replicas: d.to, from: d.from, deployment: d.d },
    );
  } else if (d.op === "revision") {
    ctx.trace(
      "deployment.revision",
      `deployment-controller: Deployment ${d.d}'s template matches ReplicaSet ${name} ` +
        `(revision ${d.from}), so that ReplicaSet is reused and becomes revision ${d.revision}.`,
      { deployment: d.d, replicaset: name, revision: d.revision },
    );
  } else {
    ctx.trace(
      "replicaset.deleted",
      `deployment-controller deleted old ReplicaSet ${key.split("/")[1]} (revision ` +
        `${d.revision}): more than revisionHistoryLimit=${d.limit} old revisions.`,
      { replicaset: key.split("/")[1] ?? "", deployment: d.d, revision: d.revision },
    );
  }
  return s;
}

/** The uids of the Deployments that own the ReplicaSets of the pods in `changes`. */
export function deploymentsOfPods(s: KcmState, changes: readonly InformerChange[]): ReadonlySet<string> {
  const sets = s.informers.replicasets?.objects ?? {};
  const out = new Set<string>();
  for (const c of changes) {
    const rs = controllerRef(c.object, "ReplicaSet");
    const set = rs === undefined ? undefined : sets[storeKey(c.object.metadata.namespace, rs.name)];
    const owner = set === undefined ? undefined : controllerRef(set, "Deployment");
    if (owner !== undefined) out.add(owner.uid);
  }
  return out;
}

// The deployment controller's progress deadline (pkg/controller/deployment/progress.go,
// syncRolloutStatus, with util.DeploymentProgressing and util.DeploymentTimedOut). While a rollout
// is not complete, each sync compares the counts with the last ones: more updated pods, fewer old
// pods or more available pods is progress and moves the Progressing condition's lastUpdateTime to
// now; a new ReplicaSet starts the clock too. Once lastUpdateTime + progressDeadlineSeconds has
// passed without progress, the controller sets Progressing=False with reason
// ProgressDeadlineExceeded, and that is all it does: no rollback, no pause. requeueStuckDeployment
// re-checks a second after the deadline, so a stuck rollout is noticed without any other event.
//
// Simplification: the sim's deployment controller writes no Deployment status on each change (it
// counts from its pod informer), so the counts and lastUpdateTime live in the controller's memory;
// a new leader starts the clock afresh where upstream would read it back from the status. Only the
// timeout itself is written, as the Progressing condition through deployments/status.
import type { Ctx } from "../../core/component";
import { withEntry } from "../../core/records";
import { apiCall } from "../../apiserver/http";
import type { Deployment, ReplicaSet } from "../../objects/apps";
import type { Pod } from "../../objects/core";
import { activePods, availableCount, issue } from "./kcm-api";
import type { DeploymentRequest } from "./requests";
import type { KcmConfig, KcmState } from "./types";

/** progressDeadlineSeconds when the spec leaves it out (apps/v1 defaulting). */
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

function keyOf(d: Deployment): string {
  return `${d.metadata.namespace ?? "default"}/${d.metadata.name}`;
}

/** The status counts progress is measured on: updated pods, old pods, available pods. */
function countsOf(fresh: ReplicaSet, olds: readonly ReplicaSet[], pods: readonly Pod[]): [number, number, number] {
  const old = olds.reduce((n, rs) => n + activePods(pods, rs.metadata.uid).length, 0);
  const available = [fresh, ...olds].reduce((n, rs) => n + availableCount(pods, rs.metadata.uid), 0);
  return [activePods(pods, fresh.metadata.uid).length, old, available];
}

/**
 * One sync's progress check of `d`'s rollout to `fresh` (`done`: every replica of it available and no
 * old pod left). A completed rollout is not checked again until the template changes, even if pods
 * later become unavailable (syncRolloutStatus's isCompleteDeployment).
 */
export function checkProgress(
  s: KcmState,
  cfg: KcmConfig,
  d: Deployment,
  fresh: ReplicaSet,
  olds: readonly ReplicaSet[],
  pods: readonly Pod[],
  done: boolean,
  ctx: Ctx,
): KcmState {
  const key = keyOf(d);
  const rec = s.progress[key];
  const same = rec !== undefined && rec.replicaset === fresh.metadata.name;
  if (same && rec.complete) return s;
  const counts = countsOf(fresh, olds, pods);
  const progressed = (complete: boolean): KcmState => ({
    ...s,
    progress: withEntry(s.progress, key, {
      replicaset: fresh.metadata.name,
      counts,
      lastUpdate: ctx.now,
      timedOut: false,
      complete,
    }),
  });
  if (done) return progressed(true);
  const deadlineMs = (d.spec.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS) * 1000;
  if (!same || counts[0] > rec.counts[0] || counts[1] < rec.counts[1] || counts[2] > rec.counts[2]) {
    // Like requeueStuckDeployment's enqueueAfter(after + 1 s): look again once the deadline has passed.
    ctx.after(deadlineMs + 1000, { t: "progress" });
    return progressed(false);
  }
  if (rec.timedOut || ctx.now <= rec.lastUpdate + deadlineMs) return s;
  const condition = {
    type: "Progressing",
    status: "False",
    reason: "ProgressDeadlineExceeded",
    message: `ReplicaSet "${fresh.metadata.name}" has timed out progressing.`,
    lastUpdateTime: ctx.now,
  };
  const call = apiCall("patch", "deployments", {
    namespace: d.metadata.namespace,
    name: d.metadata.name,
    subresource: "status",
    body: { status: { conditions: [condition] } },
  });
  const next = issue(
    s,
    cfg,
    call,
    {
      c: "dep",
      op: "deadline",
      key,
      d: d.metadata.name,
      rs: fresh.metadata.name,
      since: rec.lastUpdate,
      deadline: deadlineMs / 1000,
    },
    ctx,
  );
  return { ...next, progress: withEntry(next.progress, key, { ...rec, timedOut: true }) };
}

/** The answer to the timeout's status write: traced when it landed, checked again at the next sync when it did not. */
export function onDeadlineResult(
  s: KcmState,
  ok: boolean,
  d: DeploymentRequest & { op: "deadline" },
  ctx: Ctx,
): KcmState {
  const key = d.key;
  const rec = s.progress[key];
  if (!ok) return rec === undefined ? s : { ...s, progress: withEntry(s.progress, key, { ...rec, timedOut: false }) };
  ctx.trace(
    "deployment.progress-deadline-exceeded",
    `deployment-controller: Deployment ${d.d} has made no progress for ${d.deadline} s ` +
      `(progressDeadlineSeconds) since ${(d.since / 1000).toFixed(1)} s: it sets ` +
      `Progressing=False, reason ProgressDeadlineExceeded (ReplicaSet "${d.rs}" has timed out ` +
      "progressing). It does not roll back; kubectl rollout status now exits with an error.",
    {
      deployment: d.d,
      replicaset: d.rs,
      reason: "ProgressDeadlineExceeded",
      lastProgressMs: d.since,
      deadlineSeconds: d.deadline,
    },
  );
  return s;
}

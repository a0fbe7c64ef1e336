// The job controller (pkg/controller/job/job_controller.go: syncJob, manageJob; backoff_utils.go),
// NonIndexed mode. It keeps min(parallelism, completions − succeeded) pods active; counts pods that
// end Succeeded or Failed; after failures it waits out the pod-failure back-off before creating
// replacements (10 s doubling per failure since the last success, capped at MaxJobPodFailureBackOff,
// measured from the failed pod's finish time); it fails the Job once failed > backoffLimit
// (BackoffLimitExceeded) or activeDeadlineSeconds after status.startTime (DeadlineExceeded): first a
// FailureTarget condition while it deletes the active pods, then Failed once none is left
// (delayTerminalCondition, on since JobManagedBy/JobPodReplacementPolicy). Success is
// SuccessCriteriaMet, then Complete. Simplified: no job-tracking finalizers (finished pods are counted
// from the pods it still sees, and active pods deleted at the end are added to failed), creates go
// out in one batch rather than slowStartBatch, and syncs run at once instead of batched by 1 s.
// A minimal garbage collector (background propagation) deletes pods whose Job is gone. The back-off
// is in job-backoff.ts, the writes in job-writes.ts and their traces in job-results.ts.
import type { Ctx } from "../../core/component";
import { withEntry } from "../../core/records";
import { apiCall } from "../../apiserver/http";
import { isTerminating, podReady } from "../../objects/helpers";
import type { Job, JobCondition } from "../../objects/batch";
import type { Pod } from "../../objects/core";
import { backoffRemaining, finishedAt, JOB_BACKOFF_MAX_MS, nextBackoffRecord } from "./job-backoff";
import { createPod, deletePod, INDEX_LABEL, waitingForWrites, writeStatus } from "./job-writes";
import { expect, fulfil, issue, objects, ownedBy } from "./kcm-api";
import type { JobTrack, KcmConfig, KcmState } from "./types";

const EMPTY_TRACK: JobTrack = { seen: {}, failuresAfterLastSuccess: 0, lastFailureTime: null, waitingUntil: null };

export function isJobFinished(job: Job): boolean {
  return job.status.conditions.some((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
}

function cond(type: JobCondition["type"], reason: string, message: string, now: number): JobCondition {
  return { type, status: "True", reason, message, lastTransitionTime: now };
}

function isTerminal(p: Pod): boolean {
  return p.status.phase === "Succeeded" || p.status.phase === "Failed";
}

function trackOf(s: KcmState, uid: string): JobTrack {
  return s.jobTracks[uid] ?? EMPTY_TRACK;
}

function isIndexed(job: Job): boolean {
  return job.spec.completionMode === "Indexed";
}

/** The completion index of an Indexed Job's pod (its label), or −1. Pure. */
function indexOf(p: Pod): number {
  const v = p.metadata.labels[INDEX_LABEL];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : -1;
}

function syncJob(
  s0: KcmState,
  cfg: KcmConfig,
  job: Job,
  pods: readonly Pod[],
  byKey: ReadonlyMap<string, Pod>,
  ctx: Ctx,
): KcmState {
  if (isJobFinished(job) || job.metadata.deletionTimestamp !== null) return s0;
  const pending = waitingForWrites(s0, job, byKey);
  let s = pending.s;
  if (pending.wait) return s;
  const uid = job.metadata.uid;
  const mine = ownedBy(pods, uid);
  const active = mine.filter((p) => !isTerminal(p) && !isTerminating(p));
  const terminating = mine.filter((p) => !isTerminal(p) && isTerminating(p));
  const succeededPods = mine.filter((p) => p.status.phase === "Succeeded");
  const failedPods = mine.filter((p) => p.status.phase === "Failed");
  // The back-off record from the pods that finished since the last sync.
  const track0 = trackOf(s, uid);
  const fresh = (p: Pod) => track0.seen[p.metadata.uid] !== true;
  const rec = nextBackoffRecord(
    { failures: track0.failuresAfterLastSuccess, last: track0.lastFailureTime },
    succeededPods.filter(fresh).map(finishedAt),
    failedPods.filter(fresh).map(finishedAt),
  );
  let track: JobTrack = { ...track0, failuresAfterLastSuccess: rec.failures, lastFailureTime: rec.last };
  if (succeededPods.some(fresh) || failedPods.some(fresh)) {
    const seen = { ...track.seen };
    for (const p of [...succeededPods, ...failedPods]) seen[p.metadata.uid] = true;
    track = { ...track, seen };
  }
  s = { ...s, jobTracks: withEntry(s.jobTracks, uid, track) };
  const st = job.status;
  const startTime = st.startTime ?? ctx.now;
  // Indexed: an index counts once, however many of its pods succeeded (calculateSucceededIndexes).
  const doneIndexes = new Set(succeededPods.map(indexOf).filter((i) => i >= 0 && i < job.spec.completions));
  const succeeded = isIndexed(job) ? doneIndexes.size : succeededPods.length;
  // Pods deleted because the Job failed were counted as failed when the FailureTarget was written.
  const target = st.conditions.find((c) => c.type === "FailureTarget");
  const failed = Math.max(failedPods.length, target !== undefined ? st.failed : 0);
  let conditions = st.conditions;
  let finishing: JobCondition | undefined = target;
  const suspended = job.spec.suspend === true;
  const wasSuspended = conditions.some((c) => c.type === "Suspended" && c.status === "True");
  // Resuming sets the Suspended condition False and restarts the clock activeDeadlineSeconds counts on.
  let start = startTime;
  if (suspended && !wasSuspended)
    conditions = [
      ...conditions.filter((c) => c.type !== "Suspended"),
      cond("Suspended", "JobSuspended", "Job suspended", ctx.now),
    ];
  if (!suspended && wasSuspended) {
    conditions = [
      ...conditions.filter((c) => c.type !== "Suspended"),
      { ...cond("Suspended", "JobResumed", "Job resumed", ctx.now), status: "False" },
    ];
    start = ctx.now;
  }
  if (finishing === undefined) {
    const due = job.spec.activeDeadlineSeconds === null ? null : start + job.spec.activeDeadlineSeconds * 1000;
    if (failed > job.spec.backoffLimit)
      finishing = cond("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", ctx.now);
    else if (due !== null && !suspended && ctx.now >= due)
      finishing = cond("FailureTarget", "DeadlineExceeded", "Job was active longer than specified deadline", ctx.now);
    else if (due !== null && !suspended && track.deadlineAt !== due) {
      // queue.AddAfter(key, activeDeadlineSeconds − elapsed): the sync that finds the deadline passed.
      ctx.after(due - ctx.now, { t: "batch" });
      track = { ...track, deadlineAt: due };
      s = { ...s, jobTracks: withEntry(s.jobTracks, uid, track) };
    }
  }
  if (finishing !== undefined) {
    // Every pod still running is deleted and counted as failed; Failed follows once none is left.
    const first = target === undefined;
    for (const p of active) s = deletePod(s, cfg, job, p, finishing.reason, ctx);
    if (first) conditions = [...conditions, finishing];
    const left = active.length + terminating.length;
    const total = first ? failed + active.length : failed;
    if (left === 0) conditions = [...conditions, cond("Failed", finishing.reason, finishing.message, ctx.now)];
    // With nothing left to delete upstream writes FailureTarget and then Failed in the same sync; one write here.
    return writeStatus(
      s,
      cfg,
      job,
      { ...st, startTime: start, active: 0, ready: 0, succeeded, failed: total, conditions, completionTime: null },
      left > 0 ? "failure-target" : first ? "failure-target+failed" : "failed",
      ctx,
    );
  }
  if (succeeded >= job.spec.completions && active.length === 0) {
    conditions = [
      ...conditions,
      cond("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", ctx.now),
      cond("Complete", "CompletionsReached", "Reached expected number of succeeded pods", ctx.now),
    ];
    return writeStatus(
      s,
      cfg,
      job,
      { ...st, startTime: start, active: 0, ready: 0, succeeded, failed, conditions, completionTime: ctx.now },
      "complete",
      ctx,
    );
  }
  if (suspended) {
    // manageJob on a suspended Job: delete every active pod, create none.
    for (const p of active) s = deletePod(s, cfg, job, p, "the Job is suspended", ctx);
    return writeStatus(
      s,
      cfg,
      job,
      { ...st, startTime: start, active: 0, ready: 0, succeeded, failed, conditions, completionTime: null },
      wasSuspended ? "counts" : "suspended",
      ctx,
    );
  }
  // manageJob: wantActive = min(parallelism, completions − succeeded).
  const want = Math.max(0, Math.min(job.spec.parallelism, job.spec.completions - succeeded));
  let nowActive = active.length;
  if (active.length > want) {
    const extra = [...active]
      .sort(
        (a, b) =>
          Number(podReady(a)) - Number(podReady(b)) || b.metadata.creationTimestamp - a.metadata.creationTimestamp,
      )
      .slice(0, active.length - want);
    for (const p of extra) s = deletePod(s, cfg, job, p, "too many active pods", ctx);
    nowActive = want;
  } else if (want > active.length) {
    const remaining = rec.last === null ? 0 : backoffRemaining(rec.failures, ctx.now - rec.last);
    if (remaining > 0) {
      const until = ctx.now + remaining;
      if (track.waitingUntil !== until) {
        ctx.after(remaining, { t: "batch" });
        ctx.trace(
          "job.backoff",
          `job-controller: Job ${job.metadata.name} waits ${Math.round(remaining / 100) / 10} s before ` +
            `creating a replacement pod: ${rec.failures} failure${rec.failures === 1 ? "" : "s"} since ` +
            `the last success → back-off ${backoffRemaining(rec.failures, 0) / 1000} s from the last ` +
            `failure (10 s doubling, capped at ${JOB_BACKOFF_MAX_MS / 60_000} min).`,
          {
            job: job.metadata.name,
            failures: rec.failures,
            backoffMs: backoffRemaining(rec.failures, 0),
            lastFailure: rec.last ?? 0,
            until,
          },
        );
        s = { ...s, jobTracks: withEntry(s.jobTracks, uid, { ...track, waitingUntil: until }) };
      }
    } else {
      const why =
        rec.failures > 0
          ? `replacing a failed pod after a ${backoffRemaining(rec.failures, 0) / 1000} s back-off`
          : failedPods.length > 0 || succeededPods.length > 0
            ? "to keep parallelism"
            : "to start the Job";
      if (isIndexed(job)) {
        // firstPendingIndexes: the lowest indexes with neither a succeeded nor an active pod.
        const busy = new Set(active.map(indexOf));
        const free: number[] = [];
        for (let i = 0; i < job.spec.completions && free.length < want - active.length; i++)
          if (!doneIndexes.has(i) && !busy.has(i)) free.push(i);
        for (const i of free) s = createPod(s, cfg, job, i, ctx, `${why}, completion index ${i}`);
        nowActive = active.length + free.length;
      } else {
        for (let i = active.length; i < want; i++) s = createPod(s, cfg, job, -1, ctx, why);
        nowActive = want;
      }
    }
  }
  const ready = active.filter(podReady).length;
  return writeStatus(
    s,
    cfg,
    job,
    { ...st, startTime: start, active: nowActive, ready, succeeded, failed, conditions, completionTime: null },
    wasSuspended ? "resumed" : "counts",
    ctx,
  );
}

/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * ttlSecondsAfterFinished is deleted that long after its Complete or Failed condition. Upstream asks
 * for foreground propagation (the Job waits for its pods); here the Job goes at once and the garbage
 * collector deletes its pods right after.
 */
function expireFinished(s0: KcmState, cfg: KcmConfig, jobs: readonly Job[], ctx: Ctx): KcmState {
  let s = s0;
  for (const job of jobs) {
    const ttl = job.spec.ttlSecondsAfterFinished;
    const done = job.status.conditions.find(
      (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
    );
    if (ttl === undefined || done === undefined) continue;
    const due = done.lastTransitionTime + ttl * 1000;
    const key = `jobttl:${job.metadata.uid}`;
    if (s.pendingWrites[key] !== undefined) continue;
    if (ctx.now < due) {
      const track = trackOf(s, job.metadata.uid);
      if (track.ttlAt !== due) {
        ctx.after(due - ctx.now, { t: "batch" });
        s = { ...s, jobTracks: withEntry(s.jobTracks, job.metadata.uid, { ...track, ttlAt: due }) };
      }
      continue;
    }
    const call = apiCall("delete", "jobs", {
      namespace: job.metadata.namespace,
      name: job.metadata.name,
      body: { propagationPolicy: "Foreground" },
    });
    s = expect(
      issue(s, cfg, call, { c: "job", op: "ttl", key, job: job.metadata.name, why: `${done.type} ${ttl} s ago` }, ctx),
      key,
      "gone",
    );
  }
  return s;
}

/** The garbage collector's part here: pods whose owning Job no longer exists are deleted (background propagation). */
function collectOrphans(s0: KcmState, cfg: KcmConfig, jobs: readonly Job[], pods: readonly Pod[], ctx: Ctx): KcmState {
  let s = s0;
  const uids = new Set(jobs.map((j) => j.metadata.uid));
  for (const p of pods) {
    const owner = p.metadata.ownerReferences.find((o) => o.controller && o.kind === "Job");
    if (owner === undefined || uids.has(owner.uid) || isTerminating(p)) continue;
    const key = `gcpod:${p.metadata.namespace}/${p.metadata.name}`;
    if (s.pendingWrites[key] !== undefined) continue;
    const call = apiCall("delete", "pods", { namespace: p.metadata.namespace, name: p.metadata.name });
    s = expect(issue(s, cfg, call, { c: "job", op: "gc", key, job: owner.name, why: "" }, ctx), key, "terminating");
  }
  return s;
}

// Pods by their pending-write key, once per sorted pod view (kcm-api's objects(), never mutated): a pure memo.
const BY_KEY = new WeakMap<readonly Pod[], ReadonlyMap<string, Pod>>();

function podsByKey(pods: readonly Pod[]): ReadonlyMap<string, Pod> {
  let byKey = BY_KEY.get(pods);
  if (byKey === undefined) {
    byKey = new Map(pods.map((p) => [`jobpod:${p.metadata.namespace}/${p.metadata.name}`, p]));
    BY_KEY.set(pods, byKey);
  }
  return byKey;
}

export function reconcileJobs(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  let s = s0;
  const pods = objects<Pod>(s, "pods", "Pod");
  const jobs = objects<Job>(s, "jobs", "Job");
  const byKey = podsByKey(pods);
  for (const job of jobs) s = syncJob(s, cfg, job, pods, byKey, ctx);
  // A gc delete is settled once the pod is terminating or gone, a TTL delete once the Job is gone.
  const uids = new Set(jobs.map((j) => j.metadata.uid));
  for (const key of Object.keys(s.pendingWrites)) {
    if (key.startsWith("jobttl:") && !uids.has(key.slice(7))) s = fulfil(s, key);
    if (!key.startsWith("gcpod:")) continue;
    const p = byKey.get(`jobpod:${key.slice(6)}`);
    if (p === undefined || isTerminating(p)) s = fulfil(s, key);
  }
  return collectOrphans(expireFinished(s, cfg, jobs, ctx), cfg, jobs, pods, ctx);
}

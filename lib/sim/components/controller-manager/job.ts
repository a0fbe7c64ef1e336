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
// A minimal garbage collector (background propagation) deletes pods whose Job is gone.
import type { Ctx } from "../../core/component";
import { withEntry } from "../../core/records";
import { apiCall } from "../../apiserver/http";
import { isTerminating, podReady } from "../../objects/helpers";
import type { Job, JobCondition, Pod } from "../../objects/types";
import { expect, fulfil, issue, newMeta, objects, ownedBy } from "./kcm-api";
import { randomSuffix } from "./naming";
import type { JobRequest } from "./requests";
import type { JobTrack, KcmConfig, KcmState } from "./types";

/** job_controller.go: DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
const JOB_BACKOFF_BASE_MS = 10_000;
export const JOB_BACKOFF_MAX_MS = 10 * 60_000;

const EMPTY_TRACK: JobTrack = { seen: {}, failuresAfterLastSuccess: 0, lastFailureTime: null, waitingUntil: null };

/**
 * getRemainingTimeForFailuresCount (backoff_utils.go): the back-off after `failures` failures in a
 * row is base × 2^(failures−1), capped at max; what is left of it `elapsed` ms after the last one. Pure.
 */
export function backoffRemaining(
  failures: number,
  elapsedMs: number,
  baseMs = JOB_BACKOFF_BASE_MS,
  maxMs = JOB_BACKOFF_MAX_MS,
): number {
  if (failures <= 0) return 0;
  let d = baseMs;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= maxMs) {
      d = maxMs;
      break;
    }
  }
  return d < elapsedMs ? 0 : d - elapsedMs;
}

/** getFinishedTime: the latest finishedAt of its containers, else when Ready went False, else its creation. Pure. */
function finishedAt(p: Pod): number {
  const times = (p.status.containerStatuses ?? []).map((c) => c.finishedAt);
  if (times.length > 0 && times.every((t) => t !== undefined)) return Math.max(...(times as number[]));
  const ready = p.status.conditions.find((c) => c.type === "Ready");
  return ready !== undefined && ready.status === "False" ? ready.lastTransitionTime : p.metadata.creationTimestamp;
}

/**
 * newBackoffRecord (backoff_utils.go): newly finished pods update the failures-in-a-row count. Only
 * failures: add them, the last one's finish is lastFailureTime. Any success: count only the failures
 * that finished after the latest success. Pure.
 */
export function nextBackoffRecord(
  prev: { failures: number; last: number | null },
  newSucceeded: readonly number[],
  newFailed: readonly number[],
): { failures: number; last: number | null } {
  const ok = [...newSucceeded].sort((a, b) => a - b);
  const bad = [...newFailed].sort((a, b) => a - b);
  if (ok.length === 0) return bad.length === 0 ? prev : { failures: prev.failures + bad.length, last: bad.at(-1)! };
  const lastOk = ok.at(-1)!;
  const after = bad.filter((t) => t > lastOk);
  return { failures: after.length, last: after.length === 0 ? null : after.at(-1)! };
}

export function isJobFinished(job: Job): boolean {
  return job.status.conditions.some((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
}

function cond(type: JobCondition["type"], reason: string, message: string, now: number): JobCondition {
  return { type, status: "True", reason, message, lastTransitionTime: now };
}

/** What the informer must show before the next sync trusts the Job's status again. */
function statusSignature(st: Job["status"]): string {
  const conditions = st.conditions.map((c) => `${c.type}=${c.status}`).join(",");
  return `${conditions}|${st.active}|${st.ready}|${st.succeeded}|${st.failed}|${st.startTime ?? ""}`;
}

function isTerminal(p: Pod): boolean {
  return p.status.phase === "Succeeded" || p.status.phase === "Failed";
}

function trackOf(s: KcmState, uid: string): JobTrack {
  return s.jobTracks[uid] ?? EMPTY_TRACK;
}

const INDEX_LABEL = "batch.kubernetes.io/job-completion-index";

function isIndexed(job: Job): boolean {
  return job.spec.completionMode === "Indexed";
}

/** The completion index of an Indexed Job's pod (its label), or −1. Pure. */
function indexOf(p: Pod): number {
  const v = p.metadata.labels[INDEX_LABEL];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : -1;
}

/**
 * A pod from the template. Indexed Jobs: the index in the job-completion-index annotation and label
 * (PodIndexLabel), the hostname <job>-<index>, and the name <job>-<index>-<suffix> (podGenerateNameWithIndex).
 */
function createPod(s: KcmState, cfg: KcmConfig, job: Job, index: number, ctx: Ctx, why: string): KcmState {
  const ns = job.metadata.namespace ?? "default";
  const name =
    index < 0
      ? `${job.metadata.name}-${randomSuffix(ctx.rng)}`
      : `${job.metadata.name}-${index}-${randomSuffix(ctx.rng)}`;
  const labels: Record<string, string> = {
    ...job.spec.template.labels,
    "batch.kubernetes.io/controller-uid": job.metadata.uid,
    "batch.kubernetes.io/job-name": job.metadata.name,
    "controller-uid": job.metadata.uid,
    "job-name": job.metadata.name,
  };
  const meta = newMeta(name, ns, labels, { kind: "Job", name: job.metadata.name, uid: job.metadata.uid }, ctx.now);
  if (index >= 0) {
    labels[INDEX_LABEL] = String(index);
    meta.annotations = { [INDEX_LABEL]: String(index) };
  }
  const body: Pod = {
    kind: "Pod",
    apiVersion: "v1",
    metadata: meta,
    spec: {
      ...job.spec.template.spec,
      nodeName: null,
      ...(index >= 0 ? { hostname: `${job.metadata.name}-${index}` } : {}),
    },
    status: { phase: "Pending", conditions: [], podIP: null },
  };
  const key = `jobpod:${ns}/${name}`;
  return expect(
    issue(
      s,
      cfg,
      apiCall("create", "pods", { namespace: ns, body }),
      { c: "job", op: "create", key, job: job.metadata.name, why, index },
      ctx,
    ),
    key,
    "exists",
  );
}

function deletePod(s: KcmState, cfg: KcmConfig, job: Job, p: Pod, why: string, ctx: Ctx): KcmState {
  const key = `jobpod:${p.metadata.namespace}/${p.metadata.name}`;
  const call = apiCall("delete", "pods", { namespace: p.metadata.namespace, name: p.metadata.name });
  return expect(
    issue(s, cfg, call, { c: "job", op: "delete", key, job: job.metadata.name, why }, ctx),
    key,
    "terminating",
  );
}

function writeStatus(s: KcmState, cfg: KcmConfig, job: Job, status: Job["status"], note: string, ctx: Ctx): KcmState {
  if (statusSignature(status) === statusSignature(job.status) && status.completionTime === job.status.completionTime)
    return s;
  const body: Record<string, unknown> = {
    active: status.active,
    ready: status.ready,
    succeeded: status.succeeded,
    failed: status.failed,
    conditions: status.conditions,
  };
  if (status.startTime !== null) body.startTime = status.startTime;
  if (status.completionTime !== null) body.completionTime = status.completionTime;
  const key = `jobstatus:${job.metadata.uid}`;
  const call = apiCall("patch", "jobs", {
    namespace: job.metadata.namespace,
    name: job.metadata.name,
    subresource: "status",
    body: { status: body },
  });
  return expect(
    issue(
      s,
      cfg,
      call,
      {
        c: "job",
        op: "status",
        key,
        job: job.metadata.name,
        note,
        conditions: status.conditions.map((c) => c.type),
        reason: status.conditions.at(-1)?.reason ?? "",
        succeeded: status.succeeded,
        failed: status.failed,
      },
      ctx,
    ),
    key,
    statusSignature(status),
  );
}

/** Our earlier writes for this Job that the informers do not show yet (then the sync waits, as expectations do). */
function waitingForWrites(s0: KcmState, job: Job, byKey: ReadonlyMap<string, Pod>): { s: KcmState; wait: boolean } {
  let s = s0;
  const ns = job.metadata.namespace ?? "default";
  for (const key of Object.keys(s.pendingWrites)) {
    const want = s.pendingWrites[key]!;
    if (key === `jobstatus:${job.metadata.uid}`) {
      if (statusSignature(job.status) !== want) return { s, wait: true };
      s = fulfil(s, key);
    } else if (key.startsWith(`jobpod:${ns}/${job.metadata.name}-`)) {
      const p = byKey.get(key);
      const shown = want === "exists" ? p !== undefined : p === undefined || isTerminating(p);
      if (!shown) return { s, wait: true };
      s = fulfil(s, key);
    }
  }
  return { s, wait: false };
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

export function onJobResult(s: KcmState, status: number, d: JobRequest, ctx: Ctx): KcmState {
  const key = d.key;
  if (!(status === 200 || status === 201)) return fulfil(s, key);
  const name = key.slice(key.indexOf("/") + 1);
  if (d.op === "status") traceJobStatus(d, ctx);
  else if (d.op === "create")
    ctx.trace("job.pod-created", `job-controller created pod ${name} for Job ${d.job} (${d.why}).`, {
      pod: name,
      job: d.job,
      reason: d.why,
      index: d.index,
    });
  else if (d.op === "delete")
    ctx.trace("job.pod-deleted", `job-controller deleted pod ${name} of Job ${d.job}: ${d.why}, so it stops running.`, {
      pod: name,
      job: d.job,
      reason: d.why,
    });
  else if (d.op === "ttl")
    ctx.trace(
      "job.ttl-deleted",
      `ttl-after-finished-controller deleted Job ${d.job}: it finished ` +
        `(${d.why}) and ttlSecondsAfterFinished has passed; its pods go with it.`,
      { job: d.job },
    );
  else
    ctx.trace(
      "gc.pod-deleted",
      `garbage-collector deleted pod ${name}: its owner, Job ${d.job}, no longer exists (background propagation).`,
      { pod: name, job: d.job },
    );
  return s;
}

function traceJobStatus(d: JobRequest & { op: "status" }, ctx: Ctx): void {
  if (d.note === "suspended")
    ctx.trace(
      "job.suspended",
      `job-controller: Job ${d.job} is suspended: it deletes the ` +
        "Job's running pods and creates none until it is resumed.",
      { job: d.job },
    );
  else if (d.note === "resumed")
    ctx.trace(
      "job.resumed",
      `job-controller: Job ${d.job} is resumed: it creates pods again, and ` +
        "status.startTime restarts now, so activeDeadlineSeconds counts from here.",
      { job: d.job },
    );
  else if (d.note === "failure-target" || d.note === "failure-target+failed") {
    const then =
      d.note === "failure-target"
        ? "it deletes its running pods, and marks it Failed once none is left"
        : "no pod is left running, so Failed follows at once";
    ctx.trace(
      "job.failure-target",
      `job-controller: Job ${d.job} gets condition FailureTarget (${d.reason}): ${then}.`,
      { job: d.job, reason: d.reason, failed: d.failed },
    );
  }
  if (d.note === "failed" || d.note === "failure-target+failed") {
    ctx.trace(
      "job.failed",
      `job-controller: Job ${d.job} Failed, reason ${d.reason} (${d.succeeded} succeeded, ${d.failed} failed).`,
      { job: d.job, reason: d.reason, succeeded: d.succeeded, failed: d.failed },
    );
  } else if (d.note === "complete") {
    ctx.trace(
      "job.complete",
      `job-controller: Job ${d.job} Complete: ${d.succeeded} pods succeeded (${d.failed} failed along the way).`,
      { job: d.job, succeeded: d.succeeded, failed: d.failed },
    );
  }
}

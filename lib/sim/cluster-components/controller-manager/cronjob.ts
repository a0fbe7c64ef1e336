// The cronjob controller (pkg/controller/cronjob/cronjob_controllerv2.go: syncCronJob; utils.go:
// mostRecentScheduleTime, nextScheduleTime, nextScheduleTimeDuration). On each sync it drops finished
// Jobs from status.active, trims finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit,
// then looks for the most recent schedule time it has not started: after status.lastScheduleTime (or
// the CronJob's creation) and, with startingDeadlineSeconds, no earlier than now − startingDeadlineSeconds
// (an older one is never started). Forbid skips it while a Job is active (JobAlreadyActive), and a
// later sync may still start it late; Replace deletes the active Jobs first; Allow just creates. The
// Job is named <cronjob>-<scheduled time in minutes since the epoch>, and the controller requeues
// itself 100 ms after the next schedule time. The virtual clock's 0 is 2026-01-01T00:00:00Z, and the
// engine reads every-N-minutes schedules only.
import type { Ctx } from "../../core/component";
import { CLOCK_EPOCH_S } from "../../core/clock";
import { withEntry } from "../../core/records";
import { apiCall, statusPatchCall } from "../../apiserver/http";
import type { CronJob, Job } from "../../objects/batch";
import { expect, fulfil, issue, objects, ownedBy } from "./kcm-api";
import { isJobFinished } from "./job";
import type { CronJobRequest } from "./requests";
import type { CronTrack, KcmConfig, KcmState } from "./types";
import { newObjectMeta } from "../../objects/meta";

/** nextScheduleDelta in cronjob_controllerv2.go: requeue a little after the schedule time. */
const NEXT_SCHEDULE_DELTA_MS = 100;

// Parsed schedules by their text: every sync reads the same few. A pure memo, not world state.
const PERIODS = new Map<string, number | null>();

/**
 * The period of an every-N-minutes schedule (`*` or a star, a slash and N in the minute field, stars elsewhere), or
 * null. Pure.
 */
export function schedulePeriodMs(schedule: string): number | null {
  let period = PERIODS.get(schedule);
  if (period === undefined) {
    period = parsePeriod(schedule);
    if (PERIODS.size < 1000) PERIODS.set(schedule, period);
  }
  return period;
}

function parsePeriod(schedule: string): number | null {
  const f = schedule.trim().split(/\s+/);
  if (f.length !== 5 || f.slice(1).some((x) => x !== "*")) return null;
  if (f[0] === "*") return 60_000;
  const m = /^\*\/(\d+)$/.exec(f[0] ?? "");
  const n = m === null ? 0 : Number(m[1]);
  return n >= 1 && n <= 59 && 60 % n === 0 ? n * 60_000 : null;
}

/** cron's Next: the first schedule time strictly after `t`. Pure. */
export function nextAfter(periodMs: number, t: number): number {
  return (Math.floor(t / periodMs) + 1) * periodMs;
}

/**
 * mostRecentScheduleTime: the latest schedule time in (earliest, now], where earliest is
 * lastScheduleTime (or creation) and, when the deadline counts, at least now − startingDeadlineSeconds. Pure.
 */
export function mostRecentScheduleTime(
  cj: Pick<CronJob, "metadata" | "spec" | "status">,
  periodMs: number,
  now: number,
  withDeadline: boolean,
): { earliest: number; recent: number | null } {
  let earliest = cj.status.lastScheduleTime ?? cj.metadata.creationTimestamp;
  if (withDeadline && cj.spec.startingDeadlineSeconds !== null)
    earliest = Math.max(earliest, now - cj.spec.startingDeadlineSeconds * 1000);
  const first = nextAfter(periodMs, earliest);
  if (first > now) return { earliest, recent: null };
  return { earliest, recent: Math.floor(now / periodMs) * periodMs };
}

/** getJobName: <cronjob>-<scheduled time in minutes since the Unix epoch>. Pure. */
export function cronJobName(cronjob: string, scheduledMs: number): string {
  return `${cronjob}-${Math.floor((CLOCK_EPOCH_S + scheduledMs / 1000) / 60)}`;
}

/** 00:03:00 for 180 000 ms: the wall-clock time of the day a schedule time falls on. Pure. */
export function clockTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

const EMPTY: CronTrack = { wakeAt: null, missedReported: null, forbidReported: null };

function statusSignature(st: CronJob["status"]): string {
  return `${st.active.join(",")}|${st.lastScheduleTime ?? ""}|${st.lastSuccessfulTime ?? ""}`;
}

function patchStatus(s: KcmState, cfg: KcmConfig, cj: CronJob, status: CronJob["status"], ctx: Ctx): KcmState {
  const body: Record<string, unknown> = { active: status.active };
  if (status.lastScheduleTime !== null) body.lastScheduleTime = status.lastScheduleTime;
  if (status.lastSuccessfulTime !== null) body.lastSuccessfulTime = status.lastSuccessfulTime;
  const key = `cronstatus:${cj.metadata.uid}`;
  const call = statusPatchCall("cronjobs", cj, body);
  return expect(
    issue(s, cfg, call, { c: "cron", op: "status", key, cronjob: cj.metadata.name }, ctx),
    key,
    statusSignature(status),
  );
}

function deleteJob(s: KcmState, cfg: KcmConfig, cj: CronJob, job: Job, why: string, ctx: Ctx): KcmState {
  const key = `cronjob-delete:${job.metadata.namespace}/${job.metadata.name}`;
  if (s.pendingWrites[key] !== undefined) return s;
  const call = apiCall("delete", "jobs", {
    namespace: job.metadata.namespace,
    name: job.metadata.name,
    body: { propagationPolicy: "Background" },
  });
  return expect(
    issue(s, cfg, call, { c: "cron", op: "delete", key, cronjob: cj.metadata.name, job: job.metadata.name, why }, ctx),
    key,
    "gone",
  );
}

function wake(s: KcmState, uid: string, track: CronTrack, at: number, ctx: Ctx): KcmState {
  if (track.wakeAt === at) return s;
  ctx.after(Math.max(0, at - ctx.now), { t: "batch" });
  return { ...s, cronTracks: withEntry(s.cronTracks, uid, { ...track, wakeAt: at }) };
}

/** cleanupFinishedJobs: the oldest finished Jobs beyond the history limits are deleted, succeeded ones first. */
function cleanupFinishedJobs(s0: KcmState, cfg: KcmConfig, cj: CronJob, children: readonly Job[], ctx: Ctx): KcmState {
  let s = s0;
  const byStart = (a: Job, b: Job) =>
    (a.status.startTime ?? Infinity) - (b.status.startTime ?? Infinity) || (a.metadata.name < b.metadata.name ? -1 : 1);
  const limits = [
    ["Complete", "successfulJobsHistoryLimit", "finished"],
    ["Failed", "failedJobsHistoryLimit", "failed"],
  ] as const;
  for (const [type, field, kind] of limits) {
    const limit = cj.spec[field];
    const finished = children
      .filter((j) => j.status.conditions.some((c) => c.type === type && c.status === "True"))
      .sort(byStart);
    for (const j of finished.slice(0, Math.max(0, finished.length - limit)))
      s = deleteJob(s, cfg, cj, j, `history: more than ${field} ${limit} ${kind} Jobs`, ctx);
  }
  return s;
}

function syncCronJob(s0: KcmState, cfg: KcmConfig, cj: CronJob, jobs: readonly Job[], ctx: Ctx): KcmState {
  let s = s0;
  const uid = cj.metadata.uid;
  const ns = cj.metadata.namespace ?? "default";
  // Our last writes must show first (the create is followed by the status write that lists it).
  for (const key of Object.keys(s.pendingWrites)) {
    const want = s.pendingWrites[key]!;
    if (key === `cronstatus:${uid}`) {
      if (statusSignature(cj.status) !== want) return s;
      s = fulfil(s, key);
    } else if (key === `cronjob-create:${uid}`) return s;
    else if (key.startsWith(`cronjob-delete:${ns}/${cj.metadata.name}-`)) {
      if (jobs.some((j) => `cronjob-delete:${j.metadata.namespace}/${j.metadata.name}` === key)) return s;
      s = fulfil(s, key);
    }
  }
  const children = ownedBy(jobs, uid);
  let status = cj.status;
  // Finished Jobs leave the active list (SawCompletedJob); Jobs that are gone too (MissingJob).
  const active = status.active.filter((n) => children.some((j) => j.metadata.name === n && !isJobFinished(j)));
  let lastSuccessfulTime = status.lastSuccessfulTime;
  for (const j of children) {
    const done = j.status.conditions.some((c) => c.type === "Complete" && c.status === "True");
    if (
      done &&
      j.status.completionTime !== null &&
      (lastSuccessfulTime === null || j.status.completionTime > lastSuccessfulTime)
    )
      lastSuccessfulTime = j.status.completionTime;
  }
  status = { ...status, active, lastSuccessfulTime };
  s = cleanupFinishedJobs(s, cfg, cj, children, ctx);
  const period = schedulePeriodMs(cj.spec.schedule);
  const changed = statusSignature(status) !== statusSignature(cj.status);
  // Suspended: status only; the schedule times that pass are judged when it is resumed.
  if (period === null || cj.spec.suspend === true) return changed ? patchStatus(s, cfg, cj, status, ctx) : s;
  let track = s.cronTracks[uid] ?? EMPTY;
  const view = { ...cj, status };
  const { recent: scheduled } = mostRecentScheduleTime(view, period, ctx.now, true);
  // Schedule times that can never start now (upstream records nothing for them; the trace says why):
  // older than startingDeadlineSeconds, or superseded, since only the most recent unmet time is started.
  const since = Math.max(status.lastScheduleTime ?? cj.metadata.creationTimestamp, track.missedReported ?? -Infinity);
  for (let t = nextAfter(period, since); t <= ctx.now && t !== scheduled; t += period) {
    const sd = cj.spec.startingDeadlineSeconds;
    const why =
      sd !== null && t <= ctx.now - sd * 1000
        ? `it was not started by ${clockTime(t + sd * 1000)} (startingDeadlineSeconds ` +
          `${sd}), and mostRecentScheduleTime looks no further back than that`
        : "a later schedule time has passed too, and only the most recent " +
          "one not yet started is started (mostRecentScheduleTime)";
    ctx.trace(
      "cronjob.schedule-missed",
      `cronjob-controller: CronJob ${cj.metadata.name} never starts its ${clockTime(t)} run: ${why}.`,
      { cronjob: cj.metadata.name, scheduledAt: t, reason: why.startsWith("it was") ? "deadline" : "superseded" },
    );
    track = { ...track, missedReported: t };
    s = { ...s, cronTracks: withEntry(s.cronTracks, uid, track) };
  }
  const recentAny = mostRecentScheduleTime(view, period, ctx.now, false);
  s = wake(s, uid, track, nextAfter(period, recentAny.recent ?? recentAny.earliest) + NEXT_SCHEDULE_DELTA_MS, ctx);
  track = s.cronTracks[uid] ?? track;
  const name = scheduled === null ? "" : cronJobName(cj.metadata.name, scheduled);
  if (scheduled === null || status.active.includes(name) || status.lastScheduleTime === scheduled)
    return changed ? patchStatus(s, cfg, cj, status, ctx) : s;
  if (cj.spec.concurrencyPolicy === "Forbid" && status.active.length > 0) {
    if (track.forbidReported !== scheduled) {
      ctx.trace(
        "cronjob.forbid-skip",
        `cronjob-controller: JobAlreadyActive: not starting CronJob ${cj.metadata.name}'s ` +
          `${clockTime(scheduled)} run, because ${status.active.join(", ")} is still running and ` +
          "concurrencyPolicy is Forbid.",
        { cronjob: cj.metadata.name, scheduledAt: scheduled, active: [...status.active] },
      );
      s = { ...s, cronTracks: withEntry(s.cronTracks, uid, { ...track, forbidReported: scheduled }) };
    }
    return changed ? patchStatus(s, cfg, cj, status, ctx) : s;
  }
  if (cj.spec.concurrencyPolicy === "Replace") {
    for (const n of status.active) {
      const j = children.find((c) => c.metadata.name === n);
      if (j !== undefined)
        s = deleteJob(s, cfg, cj, j, `concurrencyPolicy Replace: the ${clockTime(scheduled)} run replaces it`, ctx);
    }
    status = { ...status, active: [] };
  }
  const t = cj.spec.jobTemplate.spec;
  const body: Job = {
    kind: "Job",
    apiVersion: "batch/v1",
    metadata: newObjectMeta(name, ns, {}, ctx.now, { kind: "CronJob", name: cj.metadata.name, uid }),
    spec: { ...t, selector: {} },
    status: { active: 0, ready: 0, succeeded: 0, failed: 0, startTime: null, completionTime: null, conditions: [] },
  };
  const next = { ...status, active: [...status.active, name], lastScheduleTime: scheduled };
  const plan: CronJobRequest = {
    c: "cron",
    op: "create",
    key: `cronjob-create:${uid}`,
    cronjob: cj.metadata.name,
    job: name,
    scheduledAt: scheduled,
    policy: cj.spec.concurrencyPolicy,
    status: next,
  };
  return expect(
    issue(s, cfg, apiCall("create", "jobs", { namespace: ns, body }), plan, ctx),
    `cronjob-create:${uid}`,
    "sent",
  );
}

export function reconcileCronJobs(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  let s = s0;
  const jobs = objects<Job>(s, "jobs", "Job");
  for (const cj of objects<CronJob>(s, "cronjobs", "CronJob")) s = syncCronJob(s, cfg, cj, jobs, ctx);
  return s;
}

export function onCronJobResult(s0: KcmState, cfg: KcmConfig, status: number, d: CronJobRequest, ctx: Ctx): KcmState {
  const key = d.key;
  const ok = status === 200 || status === 201;
  if (d.op === "create") {
    const s = fulfil(s0, key);
    if (!ok) return s;
    const late = ctx.now - d.scheduledAt;
    ctx.trace(
      "cronjob.job-created",
      `cronjob-controller created Job ${d.job} for CronJob ${d.cronjob}'s ${clockTime(d.scheduledAt)} ` +
        `run, ${(late / 1000).toFixed(1)} s after its schedule time (concurrencyPolicy ${d.policy}).`,
      { cronjob: d.cronjob, job: d.job, scheduledAt: d.scheduledAt, lateMs: late },
    );
    const cj = objects<CronJob>(s, "cronjobs", "CronJob").find((c) => c.metadata.name === d.cronjob);
    return cj === undefined ? s : patchStatus(s, cfg, cj, d.status, ctx);
  }
  if (!ok) return fulfil(s0, key);
  if (d.op === "delete") {
    ctx.trace(
      "cronjob.job-deleted",
      `cronjob-controller deleted Job ${d.job} of CronJob ${d.cronjob} ` +
        `(${d.why}); the garbage collector deletes its pods.`,
      { cronjob: d.cronjob, job: d.job, reason: d.why },
    );
  }
  return s0;
}

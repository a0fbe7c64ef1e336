// The jobs scenario's claims: Job batch's parallelism, pod-failure back-off and backoffLimit, Job slow's
// suspend, activeDeadlineSeconds and TTL, and CronJob report's concurrencyPolicy and startingDeadlineSeconds.
import { clockTime } from "../cluster-components/controller-manager/cronjob";
import { backoffRemaining } from "../cluster-components/controller-manager/job-backoff";
import type { ClaimResult, Params, TraceEvent } from "../trace/types";
import { at, claim, first, s, select } from "./claims";
import { batchShape, DOWN_AFTER, DOWN_BEFORE, marks, policyOf, RESUME, SUSPEND, TTL_SECONDS } from "./jobs-plan";
import { intParam } from "./types";

/**
 * A kubelet traces pod.succeeded, pod.failed and pod.deleted when the API answers its write; etcd
 * (and the job controller's informer) had the change a few ms before.
 */
const REPORT_LAG_MS = 5;

/** When a pod stopped counting as active, as the controllers saw it. */
function endedAt(e: TraceEvent): number {
  return e.type === "pod.succeeded" || e.type === "pod.failed" || e.type === "pod.deleted" ? e.t - REPORT_LAG_MS : e.t;
}

const of = (job: string) => (e: TraceEvent) => e.job === job;

/** The pods of a Job by creation, with the moment each stopped counting as active (finished or deleted). */
function podLives(
  events: readonly TraceEvent[],
  job: string,
): { pod: string; created: TraceEvent; ended: TraceEvent | undefined; failed: boolean }[] {
  return select(events, { type: "job.pod-created", where: of(job) }).map((created) => {
    const pod = String(created.pod);
    const ended = first(events, {
      from: created.t,
      where: (e) =>
        e.pod === pod &&
        (e.type === "pod.succeeded" ||
          e.type === "pod.failed" ||
          e.type === "job.pod-deleted" ||
          e.type === "gc.pod-deleted"),
    });
    return { pod, created, ended, failed: ended?.type === "pod.failed" };
  });
}

function batchClaims(p: Params, events: readonly TraceEvent[]) {
  const { completions, parallelism, backoffLimit, failures } = batchShape(p);
  const lives = podLives(events, "batch");
  const finished = select(events, {
    where: (e) => (e.type === "pod.succeeded" || e.type === "pod.failed") && lives.some((l) => l.pod === e.pod),
  });
  const done = first(events, {
    where: (e) => (e.type === "job.complete" || e.type === "job.failed") && e.job === "batch",
  });
  // At each creation: how many of the Job's pods were active, and how many had succeeded.
  const activeAt = (c: TraceEvent) =>
    lives.filter((o) => o.created.seq <= c.seq && (o.ended === undefined || endedAt(o.ended) > c.t)).length;
  let worst = { over: 0, e: undefined as TraceEvent | undefined };
  for (const l of lives) {
    const succeededThen = finished.filter((e) => e.type === "pod.succeeded" && endedAt(e) <= l.created.t).length;
    const over = activeAt(l.created) - Math.min(parallelism, completions - succeededThen);
    if (over > worst.over) worst = { over, e: l.created };
  }
  const maxActive = Math.max(0, ...lives.map((l) => activeAt(l.created)));
  // The back-off each creation had to respect, folded from the finished pods as newBackoffRecord does.
  const checks: { e: TraceEvent; need: number; late: number }[] = [];
  let rec = { failures: 0, last: null as number | null };
  let i = 0;
  for (const l of lives) {
    for (; i < finished.length && endedAt(finished[i]!) <= l.created.t; i++) {
      const f = finished[i]!;
      rec = f.type === "pod.failed" ? { failures: rec.failures + 1, last: endedAt(f) } : { failures: 0, last: null };
    }
    if (rec.last === null) continue;
    const need = rec.last + backoffRemaining(rec.failures, 0);
    checks.push({ e: l.created, need, late: l.created.t - need });
  }
  const early = checks.filter((c) => c.late < -1000);
  const waits = select(events, { type: "job.backoff", where: of("batch") });
  const failedRuns = finished.filter((e) => e.type === "pod.failed");
  const shouldFail = failures > backoffLimit;
  const indexed = intParam(p, "completionMode") === 1;
  // Indexed: the succeeded pods cover every completion index 0..completions−1, once each.
  const doneIndexes = lives
    .filter((l) => l.ended?.type === "pod.succeeded")
    .map((l) => Number(l.created.index))
    .sort((a, b) => a - b);
  const indexesOk = !indexed || doneIndexes.join(",") === Array.from({ length: completions }, (_, i) => i).join(",");
  const outcomeOk = shouldFail
    ? done?.type === "job.failed" && done.reason === "BackoffLimitExceeded" && failedRuns.length >= backoffLimit + 1
    : done?.type === "job.complete" &&
      Number(done.succeeded) === completions &&
      failedRuns.length === failures &&
      indexesOk;
  return [
    claim(
      "parallelism",
      `Job batch never has more than min(parallelism ${parallelism}, ` +
        `completions ${completions} − succeeded) pods active at once.`,
      lives.length > 0 && worst.over <= 0 && maxActive <= parallelism,
      [...lives.map((l) => l.created), ...(worst.e ? [worst.e] : [])],
      `${lives.length} pods created, at most ${maxActive} active at ` +
        `once${worst.e ? `; ${worst.over} too many ${at(worst.e)}` : ""}.`,
    ),
    claim(
      "pod-failure-backoff",
      failures === 0
        ? "No pod of Job batch fails, so the job controller never waits: each pod is created as soon as a slot is free."
        : "After a failure the job controller waits 10 s, then 20 s, 40 s … (doubling with each failure since " +
            "the last success, counted from the failed pod's end) before it creates a replacement pod.",
      failures === 0
        ? waits.length === 0 && failedRuns.length === 0 && lives.length > 0
        : early.length === 0 && failedRuns.length > 0 && (waits.length > 0 || shouldFail),
      failures === 0 ? [...lives.map((l) => l.created), done] : [...failedRuns, ...waits, ...checks.map((c) => c.e)],
      failures === 0
        ? `${failedRuns.length} failed pods, ${waits.length} back-off waits.`
        : `${failedRuns.length} failed pods; ` +
            (waits.map((w) => `${Number(w.backoffMs) / 1000} s`).join(", ") || "no") +
            " back-off waits; " +
            (checks.length === 0
              ? "no replacement had to wait (the Job failed at once, or a success reset the back-off)"
              : `replacements created ${checks.map((c) => s(c.late)).join(", ")} after their back-off ran out`) +
            (early.length > 0 ? `; ${early.length} too early` : "") +
            ".",
    ),
    claim(
      "backoff-limit",
      shouldFail
        ? `Its task fails ${failures} times and backoffLimit is ${backoffLimit}: once more ` +
            `than ${backoffLimit} pods have failed the Job fails with BackoffLimitExceeded.`
        : indexed
          ? `Its task fails ${failures} times, within backoffLimit ${backoffLimit}: the ` +
            `Job completes once each completion index 0…${completions - 1} has a ` +
            "succeeded pod (a failed index gets a new pod with the same index)."
          : `Its task fails ${failures} times, within backoffLimit ${backoffLimit}: ` +
            `the Job completes with ${completions} succeeded pods.`,
      outcomeOk,
      [...failedRuns, done],
      (done ? String(done.message) : "Job batch never finished.") +
        (indexed ? ` Succeeded indexes: ${doneIndexes.join(", ") || "none"}.` : ""),
    ),
  ];
}

function slowClaim(p: Params, events: readonly TraceEvent[]) {
  const deadline = intParam(p, "activeDeadlineSeconds") * 1000;
  const lives = podLives(events, "slow");
  const suspended = first(events, { type: "job.suspended", where: of("slow") });
  const resumed = first(events, { type: "job.resumed", where: of("slow") });
  const first2 = lives.filter((l) => suspended === undefined || l.created.t < suspended.t);
  const again = lives.filter((l) => resumed !== undefined && l.created.t >= resumed.t);
  const pausedOk =
    suspended !== undefined &&
    first2.length === 2 &&
    first2.every((l) => l.ended?.type === "job.pod-deleted" && l.ended.t - suspended.t <= 5) &&
    resumed !== undefined &&
    again.length === 2 &&
    lives.length === 4;
  const target = first(events, { type: "job.failure-target", where: of("slow") });
  const deleted = select(events, {
    type: "job.pod-deleted",
    where: (e) => e.job === "slow" && e.reason === "DeadlineExceeded",
  });
  const gone = select(events, { type: "pod.deleted", where: (e) => again.some((l) => l.pod === e.pod) });
  const failed = first(events, { type: "job.failed", where: of("slow") });
  const ttl = first(events, { type: "job.ttl-deleted", where: of("slow") });
  const since = resumed !== undefined && target !== undefined ? target.t - resumed.t : -1;
  const deadlineOk =
    target?.reason === "DeadlineExceeded" &&
    since >= deadline - 1000 &&
    since <= deadline + 1500 &&
    deleted.length === 2 &&
    failed !== undefined &&
    gone.length === 2 &&
    gone.every((g) => g.t <= failed.t + REPORT_LAG_MS);
  const ttlOk =
    failed !== undefined &&
    ttl !== undefined &&
    ttl.t - failed.t >= TTL_SECONDS * 1000 - 5 &&
    ttl.t - failed.t <= TTL_SECONDS * 1000 + 1500;
  return claim(
    "active-deadline",
    `Job slow is suspended at ${SUSPEND / 1000} s (its running pods are deleted) and resumed at ` +
      `${RESUME / 1000} s (new pods, and status.startTime starts again). ${deadline / 1000} s ` +
      "(activeDeadlineSeconds) after the resume it fails with DeadlineExceeded: its pods are deleted and it is " +
      `marked Failed once they are gone; ${TTL_SECONDS} s later (ttlSecondsAfterFinished) the Job itself is ` +
      "deleted.",
    pausedOk && deadlineOk && ttlOk,
    [
      suspended,
      ...first2.map((l) => l.ended),
      resumed,
      ...again.map((l) => l.created),
      target,
      ...deleted,
      ...gone,
      failed,
      ttl,
    ],
    `${first2.length} pods deleted on suspend ${at(suspended)}, ${again.length} created on resume ` +
      `${at(resumed)}; ` +
      `${target ? `FailureTarget ${String(target.reason)} ${s(since)} after the resume` : "never failed"}; ` +
      `${gone.length} pods gone, Failed ${at(failed)}; deleted by the TTL controller ` +
      `${ttl && failed ? `${s(ttl.t - failed.t)} after it failed` : "never"}.`,
  );
}

function cronClaims(p: Params, events: readonly TraceEvent[]) {
  const m = marks(p);
  const policy = policyOf(p);
  const deadline = intParam(p, "startingDeadlineSeconds") * 1000;
  const created = select(events, { type: "cronjob.job-created" });
  const endOf = (job: string, from: number) =>
    first(events, {
      from,
      where: (e) =>
        e.job === job && (e.type === "job.complete" || e.type === "job.failed" || e.type === "cronjob.job-deleted"),
    });
  const runs = created.map((c) => ({ c, end: endOf(String(c.job), c.t) }));
  const activeAt = (t: number, seq: number) =>
    runs.filter((r) => r.c.seq < seq && (r.end === undefined || r.end.t > t || (r.end.t === t && r.end.seq > seq)));
  let policyOk = created.length > 0;
  let detail = "";
  let evidence: (TraceEvent | undefined)[] = [...created];
  const upSlots: number[] = [];
  for (let t = m.period; t <= m.end - 5000; t += m.period) if (t < m.stop || t > m.start + 30_000) upSlots.push(t);
  if (policy === "Allow") {
    const missing = upSlots.filter((t) => !created.some((c) => c.scheduledAt === t && Number(c.lateMs) < 2000));
    const most = Math.max(0, ...created.map((c) => activeAt(c.t, c.seq).length + 1));
    policyOk &&= missing.length === 0;
    detail =
      `${created.length} Jobs; ` +
      (missing.length === 0
        ? "every schedule time while the controller ran started one on time"
        : `no on-time Job at ${missing.map(clockTime).join(", ")}`) +
      `; up to ${most} ran at once.`;
  } else {
    const overlaps = runs.filter((r) =>
      activeAt(r.c.t, r.c.seq).some(
        (o) =>
          policy === "Forbid" ||
          first(events, { type: "cronjob.job-deleted", to: r.c.t, where: (e) => e.job === o.c.job }) === undefined,
      ),
    );
    const skips = select(events, { type: "cronjob.forbid-skip" });
    const replaced = select(events, {
      type: "cronjob.job-deleted",
      where: (e) => String(e.reason).startsWith("concurrencyPolicy Replace"),
    });
    policyOk &&= overlaps.length === 0;
    evidence = [...evidence, ...(policy === "Forbid" ? skips : replaced), ...overlaps.map((o) => o.c)];
    detail =
      policy === "Forbid"
        ? `${created.length} Jobs, never two active at once; ${skips.length} schedule times skipped while ` +
          `one ran (JobAlreadyActive)${overlaps.length > 0 ? `; ${overlaps.length} overlapped` : ""}.`
        : `${created.length} Jobs; ${replaced.length} still-running Jobs deleted to make way for the ` +
          `next${overlaps.length > 0 ? `; ${overlaps.length} started beside a running one` : ""}.`;
  }
  const text = {
    Allow:
      "concurrencyPolicy Allow: every schedule time starts a Job, whether or not the previous one is still running.",
    Forbid:
      "concurrencyPolicy Forbid: a schedule time that comes while a Job is still " +
      "running starts nothing (JobAlreadyActive); two Jobs never run at once.",
    Replace:
      "concurrencyPolicy Replace: a schedule time that comes while a Job is still " +
      "running deletes that Job, then starts the new one; two never run at once.",
  }[policy];
  // The schedule time kube-controller-manager was down for.
  const lateRun = created.find((c) => c.scheduledAt === m.outageSlot);
  const missed = first(events, { type: "cronjob.schedule-missed", where: (e) => e.scheduledAt === m.outageSlot });
  const skipped = first(events, { type: "cronjob.forbid-skip", where: (e) => e.scheduledAt === m.outageSlot });
  const suspend = intParam(p, "interruption") === 1;
  // Back: the controller manager leads again, or the patch that resumes the CronJob is answered.
  const back = suspend
    ? first(events, {
        type: "api.response",
        from: m.start,
        where: (e) => String(e.command).startsWith("kubectl patch cronjob report"),
      })
    : first(events, {
        type: "leader-election.acquired",
        from: m.start,
        where: (e) => String(e.lease).includes("kube-controller-manager"),
      });
  const paused = suspend
    ? first(events, {
        type: "api.response",
        from: m.stop,
        where: (e) => String(e.command).startsWith("kubectl patch cronjob report"),
      })
    : undefined;
  const tooLate = created.filter((c) => Number(c.lateMs) > deadline);
  const backLate = back === undefined ? Infinity : back.t - m.outageSlot;
  // Clear-cut cases only: back well inside the deadline must start it (unless Forbid held it), back after it must not.
  const expectStart = backLate + 15_000 <= deadline && backLate < m.period && policy !== "Forbid";
  const expectMiss = backLate > deadline;
  const deadlineOk =
    tooLate.length === 0 &&
    (lateRun !== undefined
      ? Number(lateRun.lateMs) <= deadline && !expectMiss
      : missed !== undefined || skipped !== undefined) &&
    (!expectStart || lateRun !== undefined) &&
    (!expectMiss || missed?.reason === "deadline");
  return [
    claim("concurrency-policy", text, policyOk, evidence, detail),
    claim(
      "starting-deadline",
      (suspend
        ? `CronJob report is suspended from ${DOWN_BEFORE / 1000} s before its ${clockTime(m.outageSlot)} schedule ` +
          `time to ${DOWN_AFTER / 1000} s after it: no Job starts meanwhile (a running one goes on)`
        : `kube-controller-manager is down across the ${clockTime(m.outageSlot)} schedule time`) +
        `. A run may start late only within startingDeadlineSeconds (${deadline / 1000} s) of its time; ` +
        "later than that it is never started.",
      deadlineOk &&
        (!suspend ||
          (paused !== undefined &&
            select(events, { type: "cronjob.job-created", from: paused.t, to: m.start - 1 }).length === 0)),
      [
        first(events, { type: "cronjob.job-created", to: m.stop }),
        paused,
        back,
        lateRun ?? missed ?? skipped,
        ...tooLate,
      ],
      `${suspend ? "the CronJob was resumed" : "the controller manager led again"} ${back ? s(backLate) : "never"} ` +
        `after ${clockTime(m.outageSlot)}; ` +
        (lateRun
          ? `that run started ${s(Number(lateRun.lateMs))} late`
          : missed
            ? "that run was never started (missed)"
            : skipped
              ? "that run was skipped under Forbid"
              : "no sign of that run") +
        `; ${tooLate.length} Jobs started later than the deadline.`,
    ),
  ];
}

export function jobsClaims(p: Params, events: readonly TraceEvent[]): ClaimResult[] {
  return [...batchClaims(p, events), slowClaim(p, events), ...cronClaims(p, events)];
}

// The jobs scenario's plan: Job batch, Job slow and CronJob report, applied at CREATE, and the
// moments of the CronJob's missed schedule time (marks), which the claims in jobs-claims.ts check.
import { SMALL_SPEC } from "../cluster/spec";
import { backoffRemaining } from "../cluster-components/controller-manager/job-backoff";
import type { ConcurrencyPolicy } from "../objects/batch";
import type { Params } from "../trace/types";
import { applyAt, container, cronJobOf, jobOf, jobSpec, kubectlAt, podSpec, template } from "./manifests";
import { intParam, type Plan } from "./types";

const CREATE = 3000;
/** Job slow is suspended, then resumed; both Jobs are deleted this long after they finish. */
export const SUSPEND = 8000;
export const RESUME = 28_000;
export const TTL_SECONDS = 60;
const WORK_MS = 10_000;
const IMAGE = "busybox:1.36";
export const POLICIES: readonly ConcurrencyPolicy[] = ["Allow", "Forbid", "Replace"];
/**
 * How long kube-controller-manager is down: from 10 s before a schedule time to 30 s after it. The
 * restarted process then waits a lease duration (15 s) before it leads: it cannot trust the old
 * holder's renewTime, only its own observation (client-go leaderelection), so it is back ~47 s late.
 */
export const DOWN_BEFORE = 10_000;
export const DOWN_AFTER = 30_000;

/** Job batch's counts from the params, and how many of its runs fail before one succeeds. */
export function batchShape(p: Params): Record<"completions" | "parallelism" | "backoffLimit" | "failures", number> {
  return {
    completions: intParam(p, "completions"),
    parallelism: intParam(p, "parallelism"),
    backoffLimit: intParam(p, "backoffLimit"),
    failures: intParam(p, "failures"),
  };
}

export function policyOf(p: Params): ConcurrencyPolicy {
  return POLICIES[intParam(p, "concurrencyPolicy")] ?? "Forbid";
}

/**
 * The schedule time the CronJob misses: the first one, at least two periods in, after both Jobs are
 * surely done and Job slow's TTL has run out (so the outage touches only the CronJob). Job batch's
 * bound: every failure's back-off in a row, plus its pods in rounds of `parallelism`, 16 s each.
 */
export function marks(p: Params): { period: number; outageSlot: number; stop: number; start: number; end: number } {
  const period = intParam(p, "periodMinutes") * 60_000;
  const failures = Math.min(intParam(p, "failures"), intParam(p, "backoffLimit") + 1);
  const backoffs = Array.from({ length: failures }, (_, k) => backoffRemaining(k + 1, 0)).reduce((a, b) => a + b, 0);
  const rounds = Math.ceil((intParam(p, "completions") + failures) / intParam(p, "parallelism"));
  const batchDone = CREATE + backoffs + rounds * 16_000 + 10_000;
  const slowGone = RESUME + intParam(p, "activeDeadlineSeconds") * 1000 + TTL_SECONDS * 1000 + 15_000;
  const quiet = Math.max(2 * period, batchDone + TTL_SECONDS * 1000 + DOWN_BEFORE, slowGone + DOWN_BEFORE);
  const outageSlot = Math.ceil(quiet / period) * period;
  return {
    period,
    outageSlot,
    stop: outageSlot - DOWN_BEFORE,
    start: outageSlot + DOWN_AFTER,
    end: outageSlot + 2 * period + 20_000,
  };
}

export function plan(p: Params): Plan {
  const m = marks(p);
  const { completions, parallelism, backoffLimit, failures } = batchShape(p);
  const deadline = intParam(p, "activeDeadlineSeconds");
  const never = { restartPolicy: "Never" as const };
  const indexed = intParam(p, "completionMode") === 1;
  const batch = jobOf(
    "batch",
    template(
      { app: "batch" },
      podSpec(
        [
          container("task", IMAGE, {
            app: { readyAfterMs: 0, exitAfterMs: WORK_MS, exitCode: 0, failFirst: failures },
          }),
        ],
        never,
      ),
    ),
    { completions, parallelism, backoffLimit, indexed, ttlSecondsAfterFinished: TTL_SECONDS },
  );
  const slow = jobOf(
    "slow",
    template(
      { app: "slow" },
      podSpec([container("task", IMAGE, { app: { readyAfterMs: 0, exitAfterMs: null } })], never),
    ),
    { completions: 2, parallelism: 2, activeDeadlineSeconds: deadline, ttlSecondsAfterFinished: TTL_SECONDS },
  );
  const suspendCron = intParam(p, "interruption") === 1;
  const patch = (at: number, resource: string, name: string, suspend: boolean) =>
    kubectlAt(at, "patch", { resource, name, patch: JSON.stringify({ spec: { suspend } }) });
  const reportPod = template(
    { app: "report" },
    podSpec(
      [
        container("report", IMAGE, {
          app: { readyAfterMs: 0, exitAfterMs: intParam(p, "jobSeconds") * 1000, exitCode: 0 },
        }),
      ],
      never,
    ),
  );
  const schedule = `*/${intParam(p, "periodMinutes")} * * * *`;
  const report = cronJobOf(
    "report",
    schedule,
    policyOf(p),
    intParam(p, "startingDeadlineSeconds"),
    jobSpec(reportPod, { backoffLimit: 0 }),
  );
  return {
    cluster: {
      ...SMALL_SPEC,
      workers: 1,
      batchApi: true,
    },
    script: [
      applyAt(
        CREATE,
        batch,
        "batch-job.yaml",
        `Job batch: ${indexed ? "completionMode Indexed, " : ""}completions ${completions}, ` +
          `parallelism ${parallelism}, backoffLimit ${backoffLimit}, ttlSecondsAfterFinished ` +
          `${TTL_SECONDS}, restartPolicy Never; its task fails on its first ${failures} runs`,
      ),
      applyAt(
        CREATE,
        slow,
        "slow-job.yaml",
        `Job slow: 2 pods that never finish, activeDeadlineSeconds ${deadline}, ttlSecondsAfterFinished ${TTL_SECONDS}`,
      ),
      patch(SUSPEND, "jobs", "slow", true),
      patch(RESUME, "jobs", "slow", false),
      applyAt(
        CREATE,
        report,
        "report-cronjob.yaml",
        `CronJob report: schedule "${schedule}", concurrencyPolicy ${policyOf(p)}, startingDeadlineSeconds ` +
          `${intParam(p, "startingDeadlineSeconds")}; each run takes ${intParam(p, "jobSeconds")} s`,
      ),
      ...(suspendCron
        ? [patch(m.stop, "cronjobs", "report", true), patch(m.start, "cronjobs", "report", false)]
        : [
            { at: m.stop, action: { type: "stop" as const, target: "kube-controller-manager-1" } },
            { at: m.start, action: { type: "start" as const, target: "kube-controller-manager-1" } },
          ]),
    ],
    durationMs: m.end,
    marks: { create: CREATE, stop: m.stop, outageSlot: m.outageSlot, start: m.start },
  };
}

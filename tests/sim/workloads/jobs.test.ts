// The job and cronjob controllers against upstream: the pod-failure back-off arithmetic and record,
// the CronJob schedule arithmetic, and whole-cluster runs where kubelets end pods Succeeded/Failed,
// the job controller applies backoffLimit and activeDeadlineSeconds, and the cronjob controller its
// concurrencyPolicy. A cluster without batch/v1 answers 404 for Jobs.
import { describe, expect, it } from "vitest";
import { runScenario } from "@/lib/sim";
import {
  clockTime,
  cronJobName,
  mostRecentScheduleTime,
  nextAfter,
  schedulePeriodMs,
} from "@/lib/sim/cluster-components/controller-manager/cronjob";
import {
  backoffRemaining,
  JOB_BACKOFF_MAX_MS,
  nextBackoffRecord,
} from "@/lib/sim/cluster-components/controller-manager/job-backoff";
import { container, jobOf, podSpec, template } from "@/lib/sim/scenarios/manifests";
import { marks } from "@/lib/sim/scenarios/jobs-plan";
import { defaultParams } from "@/lib/sim/scenarios/params";
import { findScenario } from "@/lib/sim";
import type { CronJob } from "@/lib/sim/objects/batch";
import type { KubeObject } from "@/lib/sim/objects/kube-object";
import { k8sCluster } from "../harness";

const apply = (obj: KubeObject) => ({ manifest: JSON.stringify(obj), file: "x.yaml", summary: obj.kind });

describe("pod-failure back-off", () => {
  it("is 10 s doubling per failure, capped at 10 min", () => {
    // pkg/controller/job/job_controller.go: DefaultJobPodFailureBackOff = 10s, MaxJobPodFailureBackOff = 10 *
    // time.Minute (the Job docs still say six minutes; the code has said ten since the back-off moved to
    // backoff_utils.go). pkg/controller/job/backoff_utils.go: getRemainingTimeForFailuresCount
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffRemaining(n, 0) / 1000)).toEqual([
      0, 10, 20, 40, 80, 160, 320, 600, 600,
    ]);
    expect(JOB_BACKOFF_MAX_MS).toBe(600_000);
    // What is left once some of it has passed since the last failure; nothing once it has run out.
    expect(backoffRemaining(3, 15_000)).toBe(25_000);
    expect(backoffRemaining(1, 10_000)).toBe(0);
    expect(backoffRemaining(1, 12_000)).toBe(0);
  });

  it("counts failures since the last success, from the finish times of newly finished pods", () => {
    // pkg/controller/job/backoff_utils.go: newBackoffRecord
    expect(nextBackoffRecord({ failures: 0, last: null }, [], [5000, 3000])).toEqual({ failures: 2, last: 5000 });
    expect(nextBackoffRecord({ failures: 2, last: 5000 }, [], [])).toEqual({ failures: 2, last: 5000 });
    expect(nextBackoffRecord({ failures: 2, last: 5000 }, [9000], [])).toEqual({ failures: 0, last: null });
    // A success resets the count; only failures that finished after the latest success remain.
    expect(nextBackoffRecord({ failures: 4, last: 1000 }, [6000], [4000, 7000, 8000])).toEqual({
      failures: 2,
      last: 8000,
    });
  });
});

describe("cron schedule arithmetic", () => {
  const cj = (
    lastScheduleTime: number | null,
    startingDeadlineSeconds: number | null,
  ): Pick<CronJob, "metadata" | "spec" | "status"> => ({
    metadata: {
      name: "report",
      namespace: "default",
      uid: "u",
      resourceVersion: "1",
      creationTimestamp: 3000,
      labels: {},
      ownerReferences: [],
      deletionTimestamp: null,
    },
    spec: {
      schedule: "*/1 * * * *",
      concurrencyPolicy: "Allow",
      startingDeadlineSeconds,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          completions: 1,
          parallelism: 1,
          backoffLimit: 6,
          activeDeadlineSeconds: null,
          template: {
            labels: {},
            spec: {
              containers: [],
              tolerations: [],
              serviceAccountName: "",
              schedulerName: "default-scheduler",
              restartPolicy: "Never",
              terminationGracePeriodSeconds: 30,
            },
          },
        },
      },
    },
    status: { active: [], lastScheduleTime, lastSuccessfulTime: null },
  });

  it("reads every-N-minutes schedules", () => {
    expect(schedulePeriodMs("*/5 * * * *")).toBe(300_000);
    expect(schedulePeriodMs("* * * * *")).toBe(60_000);
    expect(schedulePeriodMs("*/7 * * * *")).toBeNull(); // not evenly spaced across the hour
    expect(schedulePeriodMs("0 3 * * *")).toBeNull();
    expect(nextAfter(60_000, 60_000)).toBe(120_000);
  });

  it("finds the most recent unmet schedule time, no further back than startingDeadlineSeconds", () => {
    // pkg/controller/cronjob/utils.go: mostRecentScheduleTime (earliest = lastScheduleTime or creation,
    // raised to now − startingDeadlineSeconds when it is set)
    expect(mostRecentScheduleTime(cj(null, null), 60_000, 130_000, true).recent).toBe(120_000);
    expect(mostRecentScheduleTime(cj(120_000, null), 60_000, 130_000, true).recent).toBeNull();
    // 120 s is 30 s ago: out of reach
    expect(mostRecentScheduleTime(cj(60_000, 20), 60_000, 150_000, true).recent).toBeNull();
    expect(mostRecentScheduleTime(cj(60_000, 20), 60_000, 150_000, false).recent).toBe(120_000);
    expect(mostRecentScheduleTime(cj(60_000, 40), 60_000, 150_000, true).recent).toBe(120_000);
  });

  it("names a CronJob's Job by its scheduled time in minutes since the Unix epoch", () => {
    // pkg/controller/cronjob/cronjob_controllerv2.go: getJobName (getTimeHashInMinutes); virtual 0 is
    // 2026-01-01T00:00:00Z
    expect(cronJobName("report", 60_000)).toBe("report-29453761");
    expect(clockTime(600_000)).toBe("00:10:00");
  });
});

describe("Jobs in a cluster", () => {
  it(
    "ends restartPolicy Never pods Succeeded or Failed without " +
      "restarting them, and fails the Job past backoffLimit",
    () => {
      // pkg/kubelet/kuberuntime/kuberuntime_manager.go: computePodActions (Never: no restart);
      // pkg/controller/job/job_controller.go: syncJob (failed > backoffLimit → "Job has reached the specified backoff
      // limit")
      const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 1, webTraffic: false, batchApi: true }, 2);
      h.runFor(3000);
      const task = container("task", "busybox:1.36", {
        app: { readyAfterMs: 0, exitAfterMs: 5000, exitCode: 0, failFirst: 3 },
      });
      h.kubectl(
        "create-object",
        apply(
          jobOf("flaky", template({ app: "flaky" }, podSpec([task], { restartPolicy: "Never" })), { backoffLimit: 1 }),
        ),
      );
      h.runFor(120_000);
      expect(h.events("pod.back-off")).toEqual([]);
      expect(h.events("pod.succeeded")).toEqual([]);
      expect(h.events("pod.failed").length).toBe(2);
      // One back-off wait of 10 s between the first and the second pod.
      const waits = h.events("job.backoff");
      expect(waits.map((w) => w.backoffMs)).toEqual([10_000]);
      const created = h.events("job.pod-created");
      expect(created.length).toBe(2);
      const firstFail = h.events("pod.failed")[0]!;
      expect(created[1]!.t - firstFail.t).toBeGreaterThanOrEqual(10_000 - 5);
      expect(created[1]!.t - firstFail.t).toBeLessThan(10_500);
      const failed = h.events("job.failed");
      expect(failed.map((e) => e.reason)).toEqual(["BackoffLimitExceeded"]);
      // FailureTarget first, then Failed (delayTerminalCondition).
      expect(h.events("job.failure-target")[0]!.seq).toBeLessThan(failed[0]!.seq);
    },
  );

  it(
    "fails a Job with DeadlineExceeded activeDeadlineSeconds " + "after it (re)started and deletes its running pods",
    () => {
      // pkg/controller/job/job_controller.go: pastActiveDeadline, "Job was active longer than specified deadline",
      // deleteActivePods
      const trace = runScenario("jobs", { activeDeadlineSeconds: 45 }, 3);
      // The scenario suspends Job slow at 8 s and resumes it at 28 s: syncJob resets status.startTime on
      // resume ("Resumed jobs will always reset StartTime"), so the deadline counts from there.
      const target = trace.events.find((e) => e.type === "job.failure-target" && e.job === "slow")!;
      const resumed = trace.events.find((e) => e.type === "job.resumed" && e.job === "slow")!;
      expect(target.reason).toBe("DeadlineExceeded");
      expect(target.t - resumed.t).toBeGreaterThanOrEqual(45_000 - 5);
      expect(target.t - resumed.t).toBeLessThan(45_500);
      const deleted = trace.events.filter((e) => e.type === "job.pod-deleted" && e.job === "slow");
      expect(deleted.map((e) => e.reason)).toEqual([
        "the Job is suspended",
        "the Job is suspended",
        "DeadlineExceeded",
        "DeadlineExceeded",
      ]);
      expect(trace.events.find((e) => e.type === "job.failed" && e.job === "slow")?.message).toContain(
        "DeadlineExceeded",
      );
    },
  );

  it("serves no batch/v1 where the cluster was built without it", () => {
    const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 1, webTraffic: false }, 1);
    h.runFor(3000);
    h.kubectl(
      "create-object",
      apply(jobOf("x", template({}, podSpec([container("t", "busybox:1.36")], { restartPolicy: "Never" })))),
    );
    h.runFor(2000);
    const answer = h.events("api.response").at(-1)!;
    expect(answer.status).toBe(404);
  });
});

describe("CronJob concurrencyPolicy and startingDeadlineSeconds", () => {
  it("Replace deletes the running Job before it creates the next; Allow lets them overlap", () => {
    // pkg/controller/cronjob/cronjob_controllerv2.go: syncCronJob (ReplaceConcurrent → deleteJob; Allow → create)
    const replace = runScenario("jobs", { concurrencyPolicy: 2, jobSeconds: 150 }, 1);
    const deleted = replace.events.filter(
      (e) => e.type === "cronjob.job-deleted" && String(e.reason).includes("Replace"),
    );
    expect(deleted.length).toBeGreaterThan(0);
    for (const d of deleted) {
      const next = replace.events.find((e) => e.type === "cronjob.job-created" && e.seq > d.seq);
      expect(next).toBeDefined();
    }
    const allow = runScenario("jobs", { concurrencyPolicy: 0, jobSeconds: 150 }, 1);
    expect(
      allow.events.filter((e) => e.type === "cronjob.job-deleted" && String(e.reason).includes("Replace")),
    ).toEqual([]);
    expect(allow.events.filter((e) => e.type === "cronjob.forbid-skip")).toEqual([]);
  });

  it("never starts a run more than startingDeadlineSeconds late", () => {
    // pkg/controller/cronjob/utils.go: mostRecentScheduleTime with includeStartingDeadlineSeconds
    const params = (over: Record<string, number>) => ({ ...defaultParams(findScenario("jobs")!), ...over });
    const slot = marks(params({ startingDeadlineSeconds: 10, concurrencyPolicy: 0 })).outageSlot;
    const short = runScenario("jobs", { startingDeadlineSeconds: 10, concurrencyPolicy: 0 }, 1);
    const missed = short.events.find((e) => e.type === "cronjob.schedule-missed" && e.scheduledAt === slot);
    expect(missed?.reason).toBe("deadline");
    expect(short.events.some((e) => e.type === "cronjob.job-created" && e.scheduledAt === slot)).toBe(false);
    const long = runScenario("jobs", { startingDeadlineSeconds: 120, concurrencyPolicy: 0 }, 1);
    const late = long.events.find((e) => e.type === "cronjob.job-created" && e.scheduledAt === slot);
    expect(Number(late?.lateMs)).toBeGreaterThan(30_000);
    expect(Number(late?.lateMs)).toBeLessThanOrEqual(120_000);
  });

  it("starts nothing while a CronJob is suspended, and the missed run on resume when it is within the deadline", () => {
    // pkg/controller/cronjob/cronjob_controllerv2.go: syncCronJob returns before scheduling while spec.suspend is true
    const over = { interruption: 1, concurrencyPolicy: 0 };
    const m = marks({ ...defaultParams(findScenario("jobs")!), ...over });
    const trace = runScenario("jobs", over, 2);
    const during = trace.events.filter((e) => e.type === "cronjob.job-created" && e.t >= m.stop + 5 && e.t < m.start);
    expect(during).toEqual([]);
    const late = trace.events.find((e) => e.type === "cronjob.job-created" && e.scheduledAt === m.outageSlot);
    expect(Math.round(Number(late?.lateMs) / 1000)).toBe(30);
  });
});

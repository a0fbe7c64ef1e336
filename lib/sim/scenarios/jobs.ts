// Scenario: Jobs and a CronJob. Job `batch` needs `completions` successful pods, `parallelism` at a
// time; its task fails on its first `failures` runs, so the job controller waits out the pod-failure
// back-off (10 s, 20 s, 40 s … from the failed pod's end) before each replacement and fails the Job
// once more than `backoffLimit` pods failed. Job `slow` never finishes: activeDeadlineSeconds after it
// started it fails with DeadlineExceeded and its pods are deleted. CronJob `report` runs every
// `periodMinutes` minutes for `jobSeconds`, under its concurrencyPolicy; kube-controller-manager is
// stopped across one schedule time, and startingDeadlineSeconds decides whether that run starts late
// or never (pkg/controller/job/job_controller.go, backoff_utils.go; pkg/controller/cronjob/cronjob_controllerv2.go,
// utils.go).
import { jobsClaims } from "./jobs-claims";
import { plan, POLICIES } from "./jobs-plan";
import { optionsOf, type ScenarioDef } from "./types";

export const jobs: ScenarioDef = {
  id: "jobs",
  title: "Jobs and CronJobs",
  summary:
    "A Job retries failed pods with exponential back-off up to `backoffLimit`, another hits " +
    "`activeDeadlineSeconds`, and a CronJob runs on schedule under its `concurrencyPolicy` and " +
    "`startingDeadlineSeconds`.",
  params: [
    {
      name: "completions",
      type: "integer",
      label: "Completions",
      description: "`spec.completions` of Job batch: how many pods must succeed.",
      default: 3,
      min: 1,
      max: 6,
    },
    {
      name: "parallelism",
      type: "integer",
      label: "Parallelism",
      description: "`spec.parallelism` of Job batch: how many pods may run at once.",
      default: 2,
      min: 1,
      max: 4,
    },
    {
      name: "failures",
      type: "integer",
      label: "Failing runs",
      description: "The batch task exits with code 1 on its first N runs, then succeeds.",
      default: 2,
      min: 0,
      max: 5,
    },
    {
      name: "backoffLimit",
      type: "integer",
      label: "Backoff limit",
      description: "`spec.backoffLimit` of Job batch: failed pods allowed before the Job fails (default 6).",
      default: 6,
      min: 0,
      max: 6,
    },
    {
      name: "completionMode",
      type: "enum",
      label: "Completion mode",
      description: "`spec.completionMode` of Job batch: Indexed gives each pod a completion index 0…completions−1.",
      default: 0,
      options: optionsOf(["NonIndexed", "Indexed"]),
    },
    {
      name: "activeDeadlineSeconds",
      type: "integer",
      label: "Active deadline",
      description: "`spec.activeDeadlineSeconds` of Job slow, whose pods never finish (counted from its resume).",
      default: 30,
      min: 10,
      max: 120,
      unit: "s",
    },
    {
      name: "concurrencyPolicy",
      type: "enum",
      label: "Concurrency policy",
      description:
        "`spec.concurrencyPolicy` of CronJob report: what a schedule time does while the previous Job still runs.",
      default: 1,
      options: optionsOf(POLICIES),
    },
    {
      name: "periodMinutes",
      type: "integer",
      label: "Minutes between runs",
      description: "CronJob report runs every N minutes (`*/N * * * *`).",
      default: 1,
      min: 1,
      max: 5,
    },
    {
      name: "jobSeconds",
      type: "integer",
      label: "Run time",
      description: "How long each run of CronJob report takes.",
      default: 90,
      min: 10,
      max: 400,
      unit: "s",
    },
    {
      name: "interruption",
      type: "enum",
      label: "Missed run",
      description:
        "What keeps CronJob report from starting one run (once both Jobs are " +
        "done): kube-controller-manager is down, or the CronJob is suspended.",
      default: 0,
      options: optionsOf(["Controller manager down", "CronJob suspended"]),
    },
    {
      name: "startingDeadlineSeconds",
      type: "integer",
      label: "Starting deadline",
      description: "`spec.startingDeadlineSeconds` of CronJob report: how late a missed run may still start.",
      default: 60,
      min: 10,
      max: 300,
      unit: "s",
    },
  ],
  plan,
  claims: jobsClaims,
};

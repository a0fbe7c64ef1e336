// The batch/v1 objects: Job and CronJob.
import type { Ms } from "../core/units";
import type { PodTemplate } from "./core";
import type { ApiObject, ConditionStatus } from "./meta";

type JobConditionType = "Complete" | "Failed" | "FailureTarget" | "SuccessCriteriaMet" | "Suspended";
export type JobCondition = {
  type: JobConditionType;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: Ms;
};

/**
 * batch/v1 Job, NonIndexed completion mode (defaults: completions and parallelism 1, backoffLimit 6).
 * Not modelled: Indexed mode, podFailurePolicy, successPolicy, suspend, ttlSecondsAfterFinished and the
 * batch.kubernetes.io/job-tracking finalizer (the controller counts finished pods it still sees).
 */
export type Job = ApiObject<"Job", "batch/v1"> & {
  spec: {
    completions: number;
    parallelism: number;
    backoffLimit: number;
    activeDeadlineSeconds: number | null;
    selector: Record<string, string>;
    template: PodTemplate;
    /** true: no pods; the running ones are deleted, and resuming resets status.startTime. */
    suspend?: boolean;
    /** The TTL-after-finished controller deletes the Job this long after it completed or failed. */
    ttlSecondsAfterFinished?: number;
    /** Indexed: one pod per completion index 0..completions−1, named <job>-<index>-<suffix>. */
    completionMode?: "NonIndexed" | "Indexed";
  };
  status: {
    active: number;
    ready: number;
    succeeded: number;
    failed: number;
    startTime: Ms | null;
    completionTime: Ms | null;
    conditions: JobCondition[];
  };
};

export type ConcurrencyPolicy = "Allow" | "Forbid" | "Replace";

/**
 * batch/v1 CronJob; `schedule` is a cron line (the engine reads every-N-minutes lines: a star, a slash and N, then four
 * stars).
 */
export type CronJob = ApiObject<"CronJob", "batch/v1"> & {
  spec: {
    schedule: string;
    concurrencyPolicy: ConcurrencyPolicy;
    startingDeadlineSeconds: number | null;
    /** true: no new Jobs (running ones go on); schedule times that pass count as missed. */
    suspend?: boolean;
    successfulJobsHistoryLimit: number;
    failedJobsHistoryLimit: number;
    jobTemplate: { spec: Omit<Job["spec"], "selector"> };
  };
  /** `active`: the Jobs it started that have not finished, by name. */
  status: { active: string[]; lastScheduleTime: Ms | null; lastSuccessfulTime: Ms | null };
};

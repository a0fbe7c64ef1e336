// What the job controller, the TTL-after-finished controller and the Job garbage collector trace once
// the API has answered their writes: pods created and deleted, Jobs suspended, resumed, failed, complete.
import type { Ctx } from "../../core/component";
import { fulfil } from "./kcm-api";
import type { JobRequest } from "./requests";
import type { KcmState } from "./types";

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

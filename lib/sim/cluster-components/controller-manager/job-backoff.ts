// The job controller's pod-failure back-off (pkg/controller/job/backoff_utils.go): how many pods failed
// in a row since the last success, and how long to wait after the last failure before a replacement. Pure.
import type { Pod } from "../../objects/core";

/** job_controller.go: DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
const JOB_BACKOFF_BASE_MS = 10_000;
export const JOB_BACKOFF_MAX_MS = 10 * 60_000;

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
export function finishedAt(p: Pod): number {
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

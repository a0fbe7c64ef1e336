import "server-only";
import { JobOverBudgetError, PoolBusyError, type HeavyPool } from "./heavy-pool";
import type { HeavyResult, HeavyTask } from "./heavy-tasks";
import { countEvent } from "@/lib/data/rate-windows";
import { rateDecision, type RatePolicy } from "./rate-limit";
import { getHeavyPool } from "./shared-pool";

// Heavy work for a request: the learner's rate limit first, then the pool. Refusals are values
// the caller shows (a route as 429/422, an action as a message), never a thrown 500.

export const heavyJobPolicies = {
  /** Simulation runs, scheduler cycles and predict questions that miss the caches. */
  compute: { limit: 60, windowMs: 60_000, what: "simulations or scheduler runs" },
  imports: { limit: 10, windowMs: 10 * 60_000, what: "imports" },
} satisfies Record<string, RatePolicy>;

type HeavyJobKind = keyof typeof heavyJobPolicies;

export type HeavyRefusal = { ok: false; status: 429 | 422; message: string; retryAfterSeconds?: number };
export type HeavyOutcome<T> = { ok: true; value: T } | HeavyRefusal;

/** Counts one job of `kind` against the learner's limit (cookie-less clients share one key). */
export async function takeHeavyJobAllowance(
  kind: HeavyJobKind,
  learnerId: string | null,
  now: Date,
): Promise<HeavyRefusal | null> {
  const policy = heavyJobPolicies[kind];
  const decision = rateDecision(
    policy,
    await countEvent(`job-${kind}:${learnerId ?? "anonymous"}`, policy.windowMs, now),
    now,
  );
  return decision.ok
    ? null
    : { ok: false, status: 429, message: decision.message, retryAfterSeconds: decision.retryAfterSeconds };
}

/** Runs one task in the pool, turning a full queue and an over-budget job into refusals. */
export async function runInPool<T extends HeavyTask>(
  task: T,
  pool: HeavyPool = getHeavyPool(),
): Promise<HeavyOutcome<HeavyResult<T>>> {
  try {
    return { ok: true, value: await pool.run(task) };
  } catch (error) {
    if (error instanceof PoolBusyError)
      return { ok: false, status: 429, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
    if (error instanceof JobOverBudgetError)
      return { ok: false, status: 422, message: `This request is too heavy to compute: ${error.message}` };
    throw error;
  }
}

/** A refusal as a route handler's JSON response, with Retry-After when waiting helps. */
export function refusalResponse(refusal: HeavyRefusal): Response {
  const headers: Record<string, string> = refusal.retryAfterSeconds
    ? { "retry-after": String(refusal.retryAfterSeconds) }
    : {};
  return Response.json({ error: refusal.message }, { status: refusal.status, headers });
}

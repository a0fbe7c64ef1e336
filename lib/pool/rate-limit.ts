// Per-learner rate limits for heavy work: at most `limit` jobs per `windowMs` per key, counted in
// the database's fixed windows (lib/data/rate-windows.ts), so every instance of the app counts
// against the same limit. Time is the caller's `now`, as everywhere in the data layer.
import type { WindowCount } from "@/lib/data/rate-windows";

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

export type RatePolicy = { limit: number; windowMs: number; what: string };

/** Whether the job just counted (the window's `count`-th) is within the policy, and if not, when to retry. */
export function rateDecision(policy: RatePolicy, counted: WindowCount, now: Date): RateDecision {
  if (counted.count <= policy.limit) return { ok: true };
  const retryAfterSeconds = Math.max(1, Math.ceil((counted.windowEndsAtMs - now.getTime()) / 1000));
  return {
    ok: false,
    retryAfterSeconds,
    message:
      `You have started ${policy.limit} ${policy.what} in ${policy.windowMs / 60_000} ` +
      `minutes, the limit; try again in ${retryAfterSeconds} s.`,
  };
}

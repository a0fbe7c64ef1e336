// Per-learner rate limits for heavy work: at most `limit` jobs per `windowMs` per key, counted in
// fixed windows. In memory (one server process; a restart forgets, which errs on the kind side).
// Time is the caller's `now`, as everywhere in the data layer, so tests move it explicitly; the
// npm limiters (rate-limiter-flexible and others) read the wall clock themselves.

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

export type RatePolicy = { limit: number; windowMs: number; what: string };

/** Keys kept at most; past it, expired windows are dropped, then the oldest. */
const keysMax = 50_000;

export function createRateLimiter(policy: RatePolicy) {
  const windows = new Map<string, { startMs: number; count: number }>();

  function prune(nowMs: number) {
    for (const [key, window] of windows) if (nowMs - window.startMs >= policy.windowMs) windows.delete(key);
    while (windows.size >= keysMax) windows.delete(windows.keys().next().value!);
  }

  return {
    policy,
    /** Counts one job for `key`, or refuses it with the seconds until its window ends. */
    take(key: string, now: Date): RateDecision {
      const nowMs = now.getTime();
      let window = windows.get(key);
      if (!window || nowMs - window.startMs >= policy.windowMs) {
        if (windows.size >= keysMax) prune(nowMs);
        window = { startMs: nowMs, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= policy.limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((window.startMs + policy.windowMs - nowMs) / 1000));
        return { ok: false, retryAfterSeconds, message: `You have started ${policy.limit} ${policy.what} in ${policy.windowMs / 60_000} minutes, the limit; try again in ${retryAfterSeconds} s.` };
      }
      window.count++;
      return { ok: true };
    },
  };
}

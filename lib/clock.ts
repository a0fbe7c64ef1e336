import { z } from "zod";

// The one clock the app and its end-to-end tests read. It is the wall clock, shifted by
// QUORUM_CLOCK_OFFSET_MS when that is set: the e2e suite runs once with the server and the tests
// sharing a clock that reads 03:30 UTC (scripts/e2e.ts), the hour a learner's day has not yet
// started in UTC, so a test that assumes the calendar date is the study day fails every run.

const maxOffsetMs = 10 * 366 * 24 * 3600 * 1000;
const offsetSchema = z.coerce.number().int().min(-maxOffsetMs).max(maxOffsetMs).default(0);

function offsetFromEnv(): number {
  const parsed = offsetSchema.safeParse(process.env.QUORUM_CLOCK_OFFSET_MS || undefined);
  if (!parsed.success)
    throw new Error(
      `QUORUM_CLOCK_OFFSET_MS must be whole milliseconds within ten years: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

const offsetMs = offsetFromEnv();

export const clock = {
  /** Now, on the app's clock. */
  now: (): Date => new Date(Date.now() + offsetMs),
  /** Now in milliseconds since the epoch, on the app's clock. */
  nowMs: (): number => Date.now() + offsetMs,
};

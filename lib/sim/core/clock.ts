// The virtual clock as a wall clock: the run's time 0 is 2026-01-01T00:00:00Z, so timestamps that
// Kubernetes writes as dates (a CronJob's schedule times, kubectl's restartedAt annotation) are the
// same in every run. Computed by hand because lib/sim may not use Date (tests/tidy.test.ts).
import type { Ms } from "./units";

/** Unix seconds at virtual time 0 (2026-01-01T00:00:00Z). */
export const CLOCK_EPOCH_S = 1_767_225_600;

const SECONDS_PER_DAY = 86_400;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days). Pure. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Virtual time `ms` as Go's time.RFC3339 layout prints a UTC time, whole seconds: "2026-01-01T00:01:05Z".
 * Pure.
 */
export function rfc3339(ms: Ms): string {
  const unix = CLOCK_EPOCH_S + Math.floor(ms / 1000);
  const days = Math.floor(unix / SECONDS_PER_DAY);
  const secs = unix - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const time = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}Z`;
}

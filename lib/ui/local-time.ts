// Every time the app shows a learner is in the learner's own zone (their settings, else the
// browser's), written the same way everywhere: "2026-12-07 09:30 PST", or the date alone.
import { zonedFormatter } from "@/lib/srs/day";

function partsOf(date: Date, timeZone: string): Record<string, string> {
  return Object.fromEntries(
    zonedFormatter(timeZone)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
}

/** "2026-12-07 09:30 PST": the date and time in `timeZone`, with the zone's short name. */
export function formatLocalDateTime(date: Date, timeZone: string): string {
  const p = partsOf(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "2026-12-07": the calendar date in `timeZone`. */
export function formatLocalDate(date: Date, timeZone: string): string {
  const p = partsOf(date, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

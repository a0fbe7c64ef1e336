import { dayMs, startOfLearnerDay, type DayPrefs } from "@/lib/srs/day";

/**
 * Whole learner days from `today` to `date` (0 = today, -1 = yesterday, 2 = the day after
 * tomorrow), counted on the learner's own calendar with their day-start hour.
 */
export function learnerDayOffset(date: Date, today: Date, prefs: DayPrefs): number {
  const from = startOfLearnerDay(today, prefs).getTime();
  const to = startOfLearnerDay(date, prefs).getTime();
  // Days are 23 to 25 hours long across daylight saving changes; rounding absorbs that.
  return Math.round((to - from) / dayMs);
}

/** Whole days from one calendar date (YYYY-MM-DD) to another. */
export function daysBetweenDates(from: string, to: string): number {
  const utc = (key: string) => Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / dayMs);
}

/** The learner's calendar date (YYYY-MM-DD) of an instant, their day starting at dayStartHour. */
export function learnerDateKey(date: Date, prefs: DayPrefs): string {
  const start = startOfLearnerDay(date, prefs);
  const local = new Date(start.getTime() + 12 * 60 * 60_000); // noon of that day: safe from DST edges
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: prefs.timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(local);
}

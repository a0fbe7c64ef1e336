// A learner's "day" starts at their chosen hour in their own time zone (Anki's "next day starts
// at", default 4 am), not at UTC midnight. ts-fsrs counts days from UTC calendar dates, so times
// are shifted into "learner day time" before scheduling and shifted back afterwards.

export type DayPrefs = { timeZone: string; dayStartHour: number };

const minuteMs = 60_000;
/** A calendar day of 24 hours (the learner-day arithmetic works in shifted UTC, where days have no DST). */
export const dayMs = 24 * 60 * minuteMs;

// Building an Intl.DateTimeFormat costs far more than using one, so keep one per zone. It gives
// every part a date needs: the calendar, the 24-hour time and the zone's short name.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The cached formatter of dates in `timeZone` (lib/ui/local-time.ts writes times with it too). */
export function zonedFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes to add to UTC to get local time in `timeZone` at `date` (e.g. +60 for Paris in winter). */
export function timeZoneOffsetMinutes(date: Date, timeZone: string): number {
  if (timeZone === "UTC") return 0; // formatting costs microseconds a call; the planner makes a million
  const parts = zonedFormatter(timeZone).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const localAsUtc = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
  return Math.round((localAsUtc - Math.floor(date.getTime() / minuteMs) * minuteMs) / minuteMs);
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Maps a real instant to "learner day time": an instant whose UTC calendar date is the learner's
 * study day. ts-fsrs can then count days with its UTC arithmetic.
 */
export function toLearnerDayTime(date: Date, prefs: DayPrefs): Date {
  const offset = timeZoneOffsetMinutes(date, prefs.timeZone) * minuteMs;
  return new Date(date.getTime() + offset - prefs.dayStartHour * 60 * minuteMs);
}

/** The inverse of toLearnerDayTime. */
export function fromLearnerDayTime(shifted: Date, prefs: DayPrefs): Date {
  const guess = shifted.getTime() + prefs.dayStartHour * 60 * minuteMs;
  // The offset depends on the real instant; two rounds settle it even across a DST change.
  let real = guess - timeZoneOffsetMinutes(new Date(guess), prefs.timeZone) * minuteMs;
  real = guess - timeZoneOffsetMinutes(new Date(real), prefs.timeZone) * minuteMs;
  return new Date(real);
}

/** The instant the learner's current study day began. */
export function startOfLearnerDay(now: Date, prefs: DayPrefs): Date {
  const shifted = toLearnerDayTime(now, prefs).getTime();
  return fromLearnerDayTime(new Date(shifted - (((shifted % dayMs) + dayMs) % dayMs)), prefs);
}

/** The instant the learner's next study day begins: review cards due before it are due today. */
export function startOfNextLearnerDay(now: Date, prefs: DayPrefs): Date {
  const start = startOfLearnerDay(now, prefs);
  return startOfLearnerDay(new Date(start.getTime() + dayMs + 3 * 60 * minuteMs), prefs);
}

/**
 * The study day that was in progress when the learner changed zone or day-start hour. It runs on
 * until the new settings' first rollover after the change: moving east never starts a second
 * "today" (its new cards already studied), moving west never skips one.
 */
export type DayCarry = { dayStart: Date; changedAt: Date };

type StudyDayPrefs = DayPrefs & { dayCarry?: DayCarry | null };

/** The instant the learner's current study day began, honouring a day carried over a change of zone. */
export function startOfStudyDay(now: Date, prefs: StudyDayPrefs): Date {
  const fresh = startOfLearnerDay(now, prefs);
  const carry = prefs.dayCarry;
  return carry && fresh.getTime() <= carry.changedAt.getTime() ? carry.dayStart : fresh;
}

/** What to store when the zone or day-start hour changes at `now`: the day then in progress. */
export function carryStudyDay(previous: StudyDayPrefs, next: DayPrefs, now: Date): DayCarry | null {
  if (previous.timeZone === next.timeZone && previous.dayStartHour === next.dayStartHour)
    return previous.dayCarry ?? null;
  return { dayStart: startOfStudyDay(now, previous), changedAt: now };
}

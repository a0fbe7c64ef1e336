import { State } from "@/lib/srs/schedule";
import type { DayPrefs } from "@/lib/srs/day";
import type { QueueCounts } from "@/lib/study/daily-limits";
import { learnerDayOffset } from "./day-index";

type ForecastState = { state: number; due: Date; suspendedAt: Date | null };

/** Reviews due on each of the next `days` learner days; anything overdue counts as today. */
export function dueForecast(states: ForecastState[], now: Date, prefs: DayPrefs, days = 30): number[] {
  const counts = Array.from({ length: days }, () => 0);
  for (const card of states) {
    if (card.suspendedAt || card.state === State.New) continue;
    const offset = Math.max(0, learnerDayOffset(card.due, now, prefs));
    if (offset < days) counts[offset]!++;
  }
  return counts;
}

/**
 * Cards due today: the reviews and learning cards the study queue will show today (within the
 * daily limits). The progress page's headline and the forecast's first day both read this.
 */
export function dueTodayCount(counts: QueueCounts): number {
  return counts.review + counts.learning;
}

/** The forecast with its first day set to what is due today by the study queue's own count. */
export function forecastFromToday(counts: QueueCounts, later: number[]): number[] {
  return [dueTodayCount(counts), ...later.slice(1)];
}

import { State } from "@/lib/srs/schedule";
import type { DayPrefs } from "@/lib/srs/day";
import { learnerDayOffset } from "./day-index";

export type ForecastState = { state: number; due: Date; suspendedAt: Date | null };

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

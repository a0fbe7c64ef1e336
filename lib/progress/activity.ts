import type { DayPrefs } from "@/lib/srs/day";
import { learnerDateKey, learnerDayOffset } from "./day-index";

type ActivityReview = { reviewedAt: Date; durationMs: number | null };

/** Reviews per learner date (YYYY-MM-DD), for the calendar heatmap. */
export function reviewsByDay(reviews: ActivityReview[], prefs: DayPrefs): Map<string, number> {
  const counts = new Map<string, number>();
  for (const review of reviews) {
    const key = learnerDateKey(review.reviewedAt, prefs);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Consecutive learner days with at least one review, ending today, or yesterday when nothing
 * has been reviewed yet today (a streak is not broken until the day is over).
 */
export function currentStreak(reviews: ActivityReview[], now: Date, prefs: DayPrefs): number {
  const days = new Set(reviews.map((review) => learnerDayOffset(review.reviewedAt, now, prefs)));
  let day = days.has(0) ? 0 : -1;
  let streak = 0;
  while (days.has(day)) {
    streak++;
    day--;
  }
  return streak;
}

/** Time spent answering, in ms, over the reviews given. */
export function timeStudiedMs(reviews: ActivityReview[]): number {
  return reviews.reduce((total, review) => total + (review.durationMs ?? 0), 0);
}

import { Rating, State } from "@/lib/srs/schedule";
import type { DayPrefs } from "@/lib/srs/day";
import { learnerDayOffset } from "./day-index";

// Anki's "True Retention" table: of the reviews of cards already in review (not learning), the
// share passed (any grade but Again), split into young cards (interval under 21 days) and mature
// ones, over recent periods. It measures memory, which the FSRS desired retention aims at.

const matureIntervalDays = 21;

export type RetentionReview = { reviewedAt: Date; rating: number; state: number; intervalDays: number };

export type RetentionCell = { passed: number; failed: number };
export type RetentionRow = { period: string; young: RetentionCell; mature: RetentionCell; total: RetentionCell };

const periods = [
  { period: "Today", from: 0, to: 0 },
  { period: "Yesterday", from: -1, to: -1 },
  { period: "Last 7 days", from: -6, to: 0 },
  { period: "Last 30 days", from: -29, to: 0 },
  { period: "Last 365 days", from: -364, to: 0 },
  { period: "All time", from: -Infinity, to: 0 },
];

export function trueRetention(reviews: RetentionReview[], now: Date, prefs: DayPrefs): RetentionRow[] {
  const rows = periods.map(({ period }) => ({ period, young: cell(), mature: cell(), total: cell() }));
  for (const review of reviews) {
    if (review.state !== State.Review) continue;
    const day = learnerDayOffset(review.reviewedAt, now, prefs);
    const key = review.intervalDays >= matureIntervalDays ? "mature" : "young";
    const outcome = review.rating === Rating.Again ? "failed" : "passed";
    periods.forEach(({ from, to }, index) => {
      if (day < from || day > to) return;
      rows[index]![key][outcome]++;
      rows[index]!.total[outcome]++;
    });
  }
  return rows;
}

function cell(): RetentionCell {
  return { passed: 0, failed: 0 };
}

/** A cell as a percentage, or null when there were no reviews. */
export function retentionPercent({ passed, failed }: RetentionCell): number | null {
  return passed + failed ? (100 * passed) / (passed + failed) : null;
}

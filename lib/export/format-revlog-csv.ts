import { quoteDelimitedField } from "@/lib/export/delimited-field";

// The review log in the FSRS optimizer's CSV format, so a learner can fit their own FSRS
// parameters (python -m fsrs_optimizer revlog.csv, or @open-spaced-repetition/binding's
// convertCsvToFsrsItems). The columns are exactly those of the optimizer's "Review Logs Schema"
// (open-spaced-repetition/fsrs-optimizer README) and of the binding's `RevlogEntry`
// (ts-fsrs packages/binding/src/convert.rs), which reads them by header name with serde:
//   card_id          string; the binding groups reviews per card by it (String, not a number)
//   review_time      epoch milliseconds, UTC (the binding divides by 1000 for seconds)
//   review_rating    1 Again, 2 Hard, 3 Good, 4 Easy: ts-fsrs Rating without Manual (0)
//   review_state     state *before* the review: 0 New, 1 Learning, 2 Review, 3 Relearning
//                    (ts-fsrs State; the binding keeps the reviews from the last 0/1 block on)
//   review_duration  milliseconds; the binding's field is a u32 with no default, so an
//                    unknown duration is written as 0 rather than left empty
// Timezone and day start are not columns: the optimizer takes them as arguments.

export type ExportReview = {
  cardId: string;
  reviewedAt: Date;
  /** 1–4. Pass only reviews that count: not undone ones, not manual reschedules. */
  rating: number;
  /** 0–3, the card's state when it was reviewed (ReviewLog.state). */
  state: number;
  durationMs: number | null;
};

export const revlogCsvHeader = "card_id,review_time,review_rating,review_state,review_duration";

function assertIntegerIn(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
}

function formatRow(review: ExportReview): string {
  const time = review.reviewedAt.getTime();
  if (!Number.isFinite(time)) throw new RangeError(`reviewedAt of a review of ${review.cardId} is not a valid date`);
  assertIntegerIn("rating", review.rating, 1, 4);
  assertIntegerIn("state", review.state, 0, 3);
  const duration = Math.round(review.durationMs ?? 0);
  assertIntegerIn("durationMs", duration, 0, 2 ** 32 - 1);
  return [quoteDelimitedField(review.cardId, ","), time, review.rating, review.state, duration].join(",");
}

/** Formats reviews as the optimizer's revlog.csv, header first. Throws on out-of-range data (a bug in the caller). */
export function formatRevlogCsv(reviews: ExportReview[]): string {
  return `${[revlogCsvHeader, ...reviews.map(formatRow)].join("\n")}\n`;
}

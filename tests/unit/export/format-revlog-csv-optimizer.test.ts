import { describe, expect, it } from "vitest";
import { formatRevlogCsv, type ExportReview } from "@/lib/export/format-revlog-csv";
import { reviewItemsFromCsv } from "@/lib/fsrs-optimizer/review-items";

// Our review-log export read by the optimizer's own CSV reader (@open-spaced-repetition/binding
// convertCsvToFsrsItems, ts-fsrs packages/binding/src/convert.rs): the columns it needs, its
// grouping per card, and days counted from the learner's zone and day-start hour.

const at = (iso: string) => new Date(iso);
const reviews: ExportReview[] = [
  { cardId: "a", reviewedAt: at("2026-03-01T10:00:00Z"), rating: 3, state: 0, durationMs: 1000 },
  { cardId: "b", reviewedAt: at("2026-03-01T10:05:00Z"), rating: 1, state: 0, durationMs: null },
  { cardId: "b", reviewedAt: at("2026-03-01T10:15:00Z"), rating: 3, state: 1, durationMs: 900 },
  // 02:00 UTC is before a 04:00 day start in UTC: still the study day of 2 March.
  { cardId: "a", reviewedAt: at("2026-03-03T02:00:00Z"), rating: 3, state: 2, durationMs: 1000 },
  { cardId: "b", reviewedAt: at("2026-03-04T10:00:00Z"), rating: 4, state: 2, durationMs: 1000 },
  { cardId: "a", reviewedAt: at("2026-03-08T10:00:00Z"), rating: 1, state: 2, durationMs: 1000 },
];

const sequences = (timeZone: string) =>
  reviewItemsFromCsv(formatRevlogCsv(reviews), { timeZone, dayStartHour: 4 }).map((item) =>
    item.reviews.map((review) => `${review.rating}@${review.deltaT}`).join(" "),
  );

describe("the review-log CSV export, read by the FSRS optimizer", () => {
  it("gives one training item per later-day review, with each card's ratings and day gaps", () => {
    expect(sequences("UTC").sort()).toEqual(["1@0 3@0 4@3", "3@0 3@1", "3@0 3@1 1@6"]);
  });

  it("counts days in the learner's zone: 02:00 UTC is 11:00 the next day in Tokyo", () => {
    expect(sequences("Asia/Tokyo").sort()).toEqual(["1@0 3@0 4@3", "3@0 3@2", "3@0 3@2 1@5"]);
  });
});

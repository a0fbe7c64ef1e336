import { describe, expect, it } from "vitest";
import { replayGrades, type PastGrade } from "@/lib/srs/replay-grades";
import { defaultSchedulerOptions, gradeCard, Rating, State, type MemoryState } from "@/lib/srs/schedule";
import { trueWeights } from "@/tests/helpers/synthetic-review-history";

const options = { ...defaultSchedulerOptions, enableFuzz: false };
const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 10));
const grades: PastGrade[] = [
  { rating: Rating.Good, state: State.New, reviewedAt: day(0) },
  { rating: Rating.Good, state: State.Learning, reviewedAt: new Date(day(0).getTime() + 10 * 60_000) },
  { rating: Rating.Good, state: State.Review, reviewedAt: day(3) },
  { rating: Rating.Again, state: State.Review, reviewedAt: day(12) },
];

function foldGrades(list: PastGrade[]): MemoryState | null {
  return list.reduce<MemoryState | null>((state, g) => gradeCard(state, g.rating, g.reviewedAt, options).after, null);
}

describe("replayGrades", () => {
  it("gives the state the grades gave when they were recorded, under the same options", () => {
    expect(replayGrades(grades, options)).toEqual(foldGrades(grades));
  });

  it("gives a different stability and due date under other weights", () => {
    const replayed = replayGrades(grades, { ...options, weights: trueWeights })!;
    const original = foldGrades(grades)!;
    expect(replayed.stability).not.toBeCloseTo(original.stability, 2);
    expect(replayed.reps).toBe(original.reps);
    expect(replayed.lapses).toBe(1);
  });

  it("starts from the card's last time as a new card: grades before a reset are left out", () => {
    const afterReset: PastGrade[] = [
      { rating: Rating.Easy, state: State.New, reviewedAt: day(20) },
      { rating: Rating.Good, state: State.Review, reviewedAt: day(30) },
    ];
    expect(replayGrades([...grades, ...afterReset], options)).toEqual(foldGrades(afterReset));
  });

  it("has nothing to replay for a card with no grades", () => {
    expect(replayGrades([], options)).toBeNull();
  });
});

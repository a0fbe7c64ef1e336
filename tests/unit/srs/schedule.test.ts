import { describe, expect, it } from "vitest";
import { defaultSchedulerOptions, formatInterval, gradeCard, previewGrades, Rating, State } from "@/lib/srs/schedule";

const options = { ...defaultSchedulerOptions, enableFuzz: false };
const now = new Date("2026-01-10T10:00:00Z");
const minutes = (n: number) => n * 60_000;

describe("gradeCard", () => {
  it("takes a new card through the default learning steps (1m, 10m)", () => {
    const again = gradeCard(null, Rating.Again, now, options).after;
    const hard = gradeCard(null, Rating.Hard, now, options).after;
    const good = gradeCard(null, Rating.Good, now, options).after;
    expect(again.due.getTime() - now.getTime()).toBe(minutes(1));
    expect(hard.due.getTime() - now.getTime()).toBe(minutes(6));
    expect(good.due.getTime() - now.getTime()).toBe(minutes(10));
    expect([again.state, good.state]).toEqual([State.Learning, State.Learning]);
  });

  it("graduates a card graded Easy straight to review, days away", () => {
    const { before, after } = gradeCard(null, Rating.Easy, now, options);
    expect(before.state).toBe(State.New);
    expect(after.state).toBe(State.Review);
    expect(after.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(after.lastReview).toEqual(now);
    expect(after.reps).toBe(1);
  });

  it("counts a lapse when a review card is forgotten and relearns it in 10 minutes", () => {
    const review = gradeCard(null, Rating.Easy, now, options).after;
    const later = new Date(review.due.getTime());
    const lapsed = gradeCard(review, Rating.Again, later, options).after;
    expect(lapsed.lapses).toBe(1);
    expect(lapsed.state).toBe(State.Relearning);
    expect(lapsed.due.getTime() - later.getTime()).toBe(minutes(10));
  });

  it("is a pure function of its inputs, fuzz included", () => {
    const fuzzed = { ...options, enableFuzz: true };
    const review = gradeCard(null, Rating.Easy, now, fuzzed).after;
    const later = new Date(review.due.getTime() + minutes(60 * 24 * 3));
    expect(gradeCard(review, Rating.Good, later, fuzzed)).toEqual(gradeCard(review, Rating.Good, later, fuzzed));
  });

  it("counts elapsed days from the learner's day start, not UTC midnight", () => {
    const paris = { ...options, timeZone: "Europe/Paris", dayStartHour: 4 };
    const evening = new Date("2026-01-10T21:30:00Z"); // 22:30 in Paris
    const review = gradeCard(null, Rating.Easy, evening, paris).after;
    const beforeDayStart = gradeCard(review, Rating.Good, new Date("2026-01-11T02:00:00Z"), paris).after; // 03:00
    const afterDayStart = gradeCard(review, Rating.Good, new Date("2026-01-11T04:00:00Z"), paris).after; // 05:00
    expect(beforeDayStart.elapsedDays).toBe(0);
    expect(afterDayStart.elapsedDays).toBe(1);
  });

  it("schedules further out when the desired retention is lower", () => {
    const review = gradeCard(null, Rating.Easy, now, options).after;
    const later = new Date(review.due.getTime());
    const at90 = gradeCard(review, Rating.Good, later, options).after;
    const at80 = gradeCard(review, Rating.Good, later, { ...options, desiredRetention: 0.8 }).after;
    expect(at80.scheduledDays).toBeGreaterThan(at90.scheduledDays);
  });
});

describe("previewGrades", () => {
  it("shows, for each grade, exactly what grading would do", () => {
    const previews = previewGrades(null, now, options);
    expect(previews.map((p) => p.rating)).toEqual([1, 2, 3, 4]);
    for (const preview of previews) {
      expect(preview.due).toEqual(gradeCard(null, preview.rating, now, options).after.due);
    }
    expect(previews.slice(0, 3).map((p) => p.label)).toEqual(["1m", "6m", "10m"]);
  });
});

describe("formatInterval", () => {
  it("reads like Anki's button labels", () => {
    expect(formatInterval(30_000)).toBe("<1m");
    expect(formatInterval(minutes(10))).toBe("10m");
    expect(formatInterval(minutes(90))).toBe("1.5h");
    expect(formatInterval(minutes(60 * 24 * 3))).toBe("3d");
    expect(formatInterval(minutes(60 * 24 * 45))).toBe("1.5mo");
    expect(formatInterval(minutes(60 * 24 * 730))).toBe("2y");
  });
});

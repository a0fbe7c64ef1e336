import { describe, expect, it } from "vitest";
import { currentStreak, reviewsByDay } from "@/lib/progress/activity";
import { daysBetweenDates, learnerDateKey, learnerDayOffset } from "@/lib/progress/day-index";
import { dueForecast } from "@/lib/progress/forecast";
import { planForInterview } from "@/lib/progress/planner";
import { retentionPercent, trueRetention } from "@/lib/progress/true-retention";
import { Rating, State } from "@/lib/srs/schedule";

const utc4 = { timeZone: "UTC", dayStartHour: 4 };
const now = new Date("2026-06-10T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe("learner days", () => {
  it("count days on the learner's calendar, with the day starting at their hour", () => {
    expect(learnerDayOffset(at("2026-06-10T05:00:00Z"), now, utc4)).toBe(0);
    expect(learnerDayOffset(at("2026-06-10T03:59:00Z"), now, utc4)).toBe(-1); // before 4 am: yesterday
    expect(learnerDayOffset(at("2026-06-12T04:00:00Z"), now, utc4)).toBe(2);
    expect(learnerDateKey(at("2026-06-10T03:59:00Z"), utc4)).toBe("2026-06-09");
    expect(learnerDateKey(at("2026-06-10T23:00:00Z"), { timeZone: "Asia/Tokyo", dayStartHour: 4 })).toBe("2026-06-11");
    expect(daysBetweenDates("2026-12-30", "2027-01-02")).toBe(3);
  });
});

describe("dueForecast", () => {
  it("buckets reviews by day, counts overdue as today, and skips new and suspended cards", () => {
    const forecast = dueForecast(
      [
        { state: State.Review, due: at("2026-06-01T10:00:00Z"), suspendedAt: null }, // overdue
        { state: State.Review, due: at("2026-06-10T20:00:00Z"), suspendedAt: null },
        { state: State.Learning, due: at("2026-06-11T05:00:00Z"), suspendedAt: null },
        { state: State.Review, due: at("2026-06-12T05:00:00Z"), suspendedAt: at("2026-06-01T00:00:00Z") },
        { state: State.New, due: at("2026-06-10T05:00:00Z"), suspendedAt: null },
        { state: State.Review, due: at("2026-08-01T05:00:00Z"), suspendedAt: null }, // beyond 30 days
      ],
      now,
      utc4,
    );
    expect(forecast).toHaveLength(30);
    expect(forecast.slice(0, 3)).toEqual([2, 1, 0]);
    expect(forecast.reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe("streaks and activity", () => {
  const review = (iso: string) => ({ reviewedAt: at(iso), durationMs: 1000 });
  it("counts consecutive days ending today, or yesterday when today is still empty", () => {
    const days = ["2026-06-07T10:00:00Z", "2026-06-08T10:00:00Z", "2026-06-09T10:00:00Z"].map(review);
    expect(currentStreak(days, now, utc4)).toBe(3); // nothing yet today: the streak holds
    expect(currentStreak([...days, review("2026-06-10T09:00:00Z")], now, utc4)).toBe(4);
    expect(currentStreak([review("2026-06-07T10:00:00Z"), review("2026-06-09T10:00:00Z")], now, utc4)).toBe(1);
    expect(currentStreak([], now, utc4)).toBe(0);
  });

  it("groups reviews by learner date", () => {
    expect([
      ...reviewsByDay(
        [review("2026-06-10T02:00:00Z"), review("2026-06-10T05:00:00Z"), review("2026-06-10T06:00:00Z")],
        utc4,
      ),
    ]).toEqual([
      ["2026-06-09", 1],
      ["2026-06-10", 2],
    ]);
  });
});

describe("trueRetention", () => {
  it("counts only reviews of cards in review, split young and mature at 21 days, per period", () => {
    const rows = trueRetention(
      [
        { reviewedAt: at("2026-06-10T10:00:00Z"), rating: Rating.Good, state: State.Review, intervalDays: 5 },
        { reviewedAt: at("2026-06-10T11:00:00Z"), rating: Rating.Again, state: State.Review, intervalDays: 30 },
        { reviewedAt: at("2026-06-09T11:00:00Z"), rating: Rating.Hard, state: State.Review, intervalDays: 21 },
        { reviewedAt: at("2026-06-10T11:00:00Z"), rating: Rating.Again, state: State.Learning, intervalDays: 0 },
        { reviewedAt: at("2026-01-01T11:00:00Z"), rating: Rating.Good, state: State.Review, intervalDays: 40 },
      ],
      now,
      utc4,
    );
    const row = (period: string) => rows.find((r) => r.period === period)!;
    expect(row("Today")).toEqual({
      period: "Today",
      young: { passed: 1, failed: 0 },
      mature: { passed: 0, failed: 1 },
      total: { passed: 1, failed: 1 },
    });
    expect(row("Yesterday").mature).toEqual({ passed: 1, failed: 0 });
    expect(row("Last 7 days").total).toEqual({ passed: 2, failed: 1 });
    expect(row("All time").total).toEqual({ passed: 3, failed: 1 });
    expect(retentionPercent(row("All time").total)).toBe(75);
    expect(retentionPercent({ passed: 0, failed: 0 })).toBeNull();
  });
});

describe("planForInterview", () => {
  it("is on track when the pace meets every card with review days to spare", () => {
    expect(planForInterview({ daysLeft: 14, unseenCards: 100, newCardsPerDay: 20, recentNewPerDay: 10 })).toEqual({
      kind: "on-track",
      daysNeeded: 10,
      pace: 10,
      spareDays: 4,
    });
  });

  it("is behind otherwise, and suggests a daily count that leaves three review-only days", () => {
    expect(planForInterview({ daysLeft: 10, unseenCards: 150, newCardsPerDay: 20, recentNewPerDay: 5 })).toEqual({
      kind: "behind",
      daysNeeded: 30,
      pace: 5,
      suggestedNewPerDay: 22,
      studyDays: 7,
    });
  });

  it("uses the daily limit before the learner has started, and knows past and finished plans", () => {
    expect(planForInterview({ daysLeft: 30, unseenCards: 100, newCardsPerDay: 20, recentNewPerDay: 0 })).toMatchObject({
      kind: "on-track",
      daysNeeded: 5,
    });
    expect(planForInterview({ daysLeft: -1, unseenCards: 100, newCardsPerDay: 20, recentNewPerDay: 0 })).toEqual({
      kind: "past",
    });
    expect(planForInterview({ daysLeft: 5, unseenCards: 0, newCardsPerDay: 20, recentNewPerDay: 0 })).toEqual({
      kind: "done",
    });
  });
});

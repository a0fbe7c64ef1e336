import { describe, expect, it } from "vitest";
import { plannedRetentions, simulateWorkload, type WorkloadInput } from "@/lib/fsrs-planner/simulate-workload";

const input: WorkloadInput = {
  weights: null,
  cards: Array.from({ length: 200 }, (_, i) => ({
    stability: 1 + (i % 30),
    difficulty: 3 + (i % 6),
    lastReviewDay: -(i % 7),
    dueDay: i % 15,
  })),
  newCards: 300,
  newCardsPerDay: 10,
  days: 30,
  seed: 5,
};

describe("simulateWorkload", () => {
  const workloads = simulateWorkload(input);

  it("simulates each retention from 0.70 to 0.97", () => {
    expect(workloads.map((w) => w.desiredRetention)).toEqual([...plannedRetentions]);
  });

  it("costs more reviews and minutes a day, and keeps more cards recalled, as desired retention rises", () => {
    for (const [index, workload] of workloads.entries()) {
      if (index === 0) continue;
      const lower = workloads[index - 1]!;
      expect(workload.reviewsPerDay).toBeGreaterThan(lower.reviewsPerDay);
      expect(workload.minutesPerDay).toBeGreaterThan(lower.minutesPerDay);
      expect(workload.memorizedAtEnd).toBeGreaterThan(lower.memorizedAtEnd);
    }
  });

  it("counts at least the new cards introduced and at most every card remembered", () => {
    for (const workload of workloads) {
      expect(workload.reviewsPerDay * input.days).toBeGreaterThanOrEqual(input.newCardsPerDay * input.days);
      expect(workload.memorizedAtEnd).toBeLessThanOrEqual(input.cards.length + input.newCardsPerDay * input.days);
    }
  });

  it("is the same for the same input", () => {
    expect(simulateWorkload(input)).toEqual(workloads);
  });
});

import { createRng, seedRng, type Rng } from "../sim/core/rng";
import {
  defaultSchedulerOptions,
  gradeCard,
  newMemoryState,
  retrievability,
  State,
  type Grade,
  type MemoryState,
  type SchedulerOptions,
} from "../srs/schedule";
import { dayMs } from "@/lib/srs/day";

// What a desired retention costs: the daily reviews and minutes of a learner's own collection,
// simulated day by day with their weights. The binding (0.5.0) ships no simulator, so this is
// our own, shaped like fsrs-rs's (src/simulation.rs `simulate`): each due card is recalled with
// the probability the forgetting curve gives, graded and rescheduled; new cards come in at the
// daily limit. Rating odds and seconds per grade are fsrs-rs's `SimulatorConfig::default()`.
// Days are whole days (no same-day learning steps) and there is no review cap.

/** Desired retentions the planner compares, as Anki's range (0.70–0.97 without a warning). */
export const plannedRetentions = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97] as const;

/** A card already studied: its memory state and, in days from today, its last review and due day. */
export type PlannedCard = { stability: number; difficulty: number; lastReviewDay: number; dueDay: number };

export type WorkloadInput = {
  weights: readonly number[] | null;
  cards: PlannedCard[];
  /** Cards never studied, introduced at `newCardsPerDay`. */
  newCards: number;
  newCardsPerDay: number;
  days: number;
  seed: number;
};

export type Workload = {
  desiredRetention: number;
  reviewsPerDay: number;
  minutesPerDay: number;
  /** Expected cards recalled on the last day: the sum of every studied card's retrievability. */
  memorizedAtEnd: number;
};

const firstRatingPercent = [24, 9.4, 49.5, 17.1];
const recalledRatingPercent = [22.4, 63.1, 14.5];
const learnSeconds = [19.58, 18.79, 13.78, 10.71];
const reviewSeconds = [19.38, 17.59, 12.38, 8.94];
const dayZero = Date.UTC(2026, 0, 1, 12);

const dateOfDay = (day: number) => new Date(dayZero + day * dayMs);

function pickGrade(rng: Rng, percents: number[], firstGrade: number): Grade {
  let roll = rng.int(1000) / 10;
  for (const [index, percent] of percents.entries()) {
    if (roll < percent) return (firstGrade + index) as Grade;
    roll -= percent;
  }
  return (firstGrade + percents.length - 1) as Grade;
}

type Simulated = { state: MemoryState; dueDay: number };

function startingCard(planned: PlannedCard): Simulated {
  const state: MemoryState = {
    ...newMemoryState(dateOfDay(planned.dueDay)),
    stability: planned.stability,
    difficulty: planned.difficulty,
    scheduledDays: Math.max(0, planned.dueDay - planned.lastReviewDay),
    reps: 1,
    state: State.Review,
    lastReview: dateOfDay(planned.lastReviewDay),
  };
  return { state, dueDay: Math.max(0, planned.dueDay) };
}

/** Whole days in UTC from midnight, without same-day steps or fuzz: one grade a day at most. */
function plannerOptions(input: WorkloadInput, desiredRetention: number): SchedulerOptions {
  return {
    ...defaultSchedulerOptions,
    timeZone: "UTC",
    dayStartHour: 0,
    desiredRetention,
    enableFuzz: false,
    learningSteps: [],
    relearningSteps: [],
    weights: input.weights,
  };
}

function simulateOne(input: WorkloadInput, desiredRetention: number): Workload {
  const options = plannerOptions(input, desiredRetention);
  const rng = createRng(seedRng(input.seed));
  const cards = input.cards.map(startingCard);
  let newLeft = input.newCards;
  let reviews = 0;
  let seconds = 0;
  const grade = (item: Simulated, rating: Grade, day: number, cost: number) => {
    item.state = gradeCard(item.state, rating, dateOfDay(day), options).after;
    item.dueDay = day + Math.max(1, item.state.scheduledDays);
    reviews++;
    seconds += cost;
  };
  for (let day = 0; day < input.days; day++) {
    for (const item of cards) {
      if (item.dueDay > day) continue;
      const recall = retrievability(item.state, dateOfDay(day), options);
      const rating = rng.int(1_000_000) < recall * 1_000_000 ? pickGrade(rng, recalledRatingPercent, 2) : 1;
      grade(item, rating, day, reviewSeconds[rating - 1]!);
    }
    for (let added = 0; added < input.newCardsPerDay && newLeft > 0; added++, newLeft--) {
      const item = { state: newMemoryState(dateOfDay(day)), dueDay: day };
      const rating = pickGrade(rng, firstRatingPercent, 1);
      grade(item, rating, day, learnSeconds[rating - 1]!);
      cards.push(item);
    }
  }
  const end = dateOfDay(input.days);
  const memorizedAtEnd = cards.reduce((sum, item) => sum + retrievability(item.state, end, options), 0);
  return {
    desiredRetention,
    reviewsPerDay: reviews / input.days,
    minutesPerDay: seconds / 60 / input.days,
    memorizedAtEnd,
  };
}

/** The workload of each planned retention on the same collection, seed and days. Pure. */
export function simulateWorkload(input: WorkloadInput): Workload[] {
  if (!(input.days >= 1)) throw new RangeError(`days must be at least 1, got ${input.days}`);
  return plannedRetentions.map((retention) => simulateOne(input, retention));
}

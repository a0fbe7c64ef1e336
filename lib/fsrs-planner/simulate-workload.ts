import { createEmptyCard, fsrs, generatorParameters, State, type Card, type Grade } from "ts-fsrs";
import { createRng, seedRng, type Rng } from "../sim/core/rng";

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
const dayMs = 86_400_000;
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

type Simulated = { card: Card; dueDay: number };

function startingCard(planned: PlannedCard): Simulated {
  const card: Card = {
    due: dateOfDay(planned.dueDay),
    stability: planned.stability,
    difficulty: planned.difficulty,
    elapsed_days: 0,
    scheduled_days: Math.max(0, planned.dueDay - planned.lastReviewDay),
    learning_steps: 0,
    reps: 1,
    lapses: 0,
    state: State.Review,
    last_review: dateOfDay(planned.lastReviewDay),
  };
  return { card, dueDay: Math.max(0, planned.dueDay) };
}

function simulateOne(input: WorkloadInput, desiredRetention: number): Workload {
  const scheduler = fsrs(
    generatorParameters({
      w: input.weights ?? undefined,
      request_retention: desiredRetention,
      enable_fuzz: false,
      learning_steps: [],
      relearning_steps: [],
    }),
  );
  const rng = createRng(seedRng(input.seed));
  const cards = input.cards.map(startingCard);
  let newLeft = input.newCards;
  let reviews = 0;
  let seconds = 0;
  const grade = (item: Simulated, rating: Grade, day: number, cost: number) => {
    item.card = scheduler.next(item.card, dateOfDay(day), rating).card;
    item.dueDay = day + Math.max(1, item.card.scheduled_days);
    reviews++;
    seconds += cost;
  };
  for (let day = 0; day < input.days; day++) {
    for (const item of cards) {
      if (item.dueDay > day) continue;
      const recall = scheduler.get_retrievability(item.card, dateOfDay(day), false);
      const rating = rng.int(1_000_000) < recall * 1_000_000 ? pickGrade(rng, recalledRatingPercent, 2) : 1;
      grade(item, rating, day, reviewSeconds[rating - 1]!);
    }
    for (let added = 0; added < input.newCardsPerDay && newLeft > 0; added++, newLeft--) {
      const item = { card: createEmptyCard(dateOfDay(day)), dueDay: day };
      const rating = pickGrade(rng, firstRatingPercent, 1);
      grade(item, rating, day, learnSeconds[rating - 1]!);
      cards.push(item);
    }
  }
  const end = dateOfDay(input.days);
  const memorizedAtEnd = cards.reduce((sum, item) => sum + scheduler.get_retrievability(item.card, end, false), 0);
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

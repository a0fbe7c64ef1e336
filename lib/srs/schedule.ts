import {
  createEmptyCard,
  default_w,
  fsrs,
  generatorParameters,
  Rating,
  State,
  type Card,
  type FSRS,
  type Grade,
  type StepUnit,
} from "ts-fsrs";
import { createLru } from "../lru";
import { fromLearnerDayTime, toLearnerDayTime, type DayPrefs } from "./day";

// The only place that talks to ts-fsrs. Time is always passed in (no hidden clock), and dates
// are moved into the learner's day before ts-fsrs counts days in UTC (see day.ts).

/** A card's FSRS memory state for one learner, shaped like the CardState table. */
export type MemoryState = {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: State;
  lastReview: Date | null;
};

export type SchedulerOptions = DayPrefs & {
  /** Probability of recall to schedule for (FSRS "desired retention"), 0.7–0.99. */
  desiredRetention: number;
  /** Spread intervals a little so that cards learned together do not stay together (as Anki). */
  enableFuzz: boolean;
  /** Steps of a new card before it graduates, and of a forgotten card before it returns: "1m", "10m", "1h", "1d". */
  learningSteps: StepUnit[];
  relearningSteps: StepUnit[];
  /** The learner's own FSRS-6 weights (21, as ts-fsrs's default_w); null: ts-fsrs's defaults. */
  weights: readonly number[] | null;
};

export const defaultSchedulerOptions: SchedulerOptions = {
  timeZone: "UTC",
  dayStartHour: 4,
  desiredRetention: 0.9,
  enableFuzz: true,
  learningSteps: ["1m", "10m"],
  relearningSteps: ["10m"],
  weights: null,
};

/** ts-fsrs's FSRS-6 default weights, used when a learner has none of their own. */
export const defaultWeights: readonly number[] = default_w;

const grades = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const satisfies readonly Grade[];
export { Rating, State, type Grade };

export type GradeOutcome = { rating: Grade; before: MemoryState; after: MemoryState };

// One ts-fsrs instance per distinct set of options. Personal weights make that one per learner
// who optimized, so the cache is bounded: an evicted learner's scheduler is rebuilt on use.
const schedulers = createLru<FSRS>(256);

function getScheduler(options: SchedulerOptions): FSRS {
  const key = JSON.stringify([
    options.desiredRetention,
    options.enableFuzz,
    options.learningSteps,
    options.relearningSteps,
    options.weights,
  ]);
  return schedulers.getOrCompute(key, () =>
    fsrs(
      generatorParameters({
        request_retention: options.desiredRetention,
        enable_fuzz: options.enableFuzz,
        learning_steps: options.learningSteps,
        relearning_steps: options.relearningSteps,
        w: options.weights ?? undefined,
      }),
    ),
  );
}

/** The state of a card never reviewed, due at once. */
export function newMemoryState(now: Date): MemoryState {
  return fromFsrsCard(createEmptyCard(now));
}

/** Grades one review: the state before and after. Pure: the same inputs give the same outcome. */
export function gradeCard(
  before: MemoryState | null,
  rating: Grade,
  now: Date,
  options: SchedulerOptions,
): GradeOutcome {
  const current = before ?? newMemoryState(now);
  const shiftedNow = toLearnerDayTime(now, options);
  const { card } = getScheduler(options).next(toShiftedCard(current, options), shiftedNow, rating);
  const after = fromFsrsCard(card);
  // Day intervals land on the learner's calendar; minute steps are plain durations from now.
  after.due =
    card.scheduled_days > 0
      ? fromLearnerDayTime(card.due, options)
      : new Date(now.getTime() + (card.due.getTime() - shiftedNow.getTime()));
  after.lastReview = now;
  return { rating, before: current, after };
}

/** The probability (0–1) that the learner still recalls the card at `now`, by FSRS's forgetting curve. */
export function retrievability(state: MemoryState, now: Date, options: SchedulerOptions): number {
  if (state.state === State.New) return 0;
  return getScheduler(options).get_retrievability(toShiftedCard(state, options), toLearnerDayTime(now, options), false);
}

/** What each of the four grades would do now, for the buttons' interval labels. */
export function previewGrades(before: MemoryState | null, now: Date, options: SchedulerOptions) {
  return grades.map((rating) => {
    const { after } = gradeCard(before, rating, now, options);
    return { rating, due: after.due, label: formatInterval(after.due.getTime() - now.getTime()) };
  });
}

/** An interval as Anki shows it on its buttons: 1m, 10m, 1h, 3d, 1.5mo, 2y. */
export function formatInterval(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return "<1m";
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${round1(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${round1(days / 30)}mo`;
  return `${round1(days / 365)}y`;
}

const round1 = (value: number) => String(Math.round(value * 10) / 10);

function toShiftedCard(state: MemoryState, options: DayPrefs): Card {
  return {
    due: toLearnerDayTime(state.due, options),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    last_review: state.lastReview ? toLearnerDayTime(state.lastReview, options) : undefined,
  };
}

function fromFsrsCard(card: Card): MemoryState {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

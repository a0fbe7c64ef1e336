import type { AnkiCard } from "@/lib/import/apkg/collection-types";
import { State, type MemoryState } from "@/lib/srs/schedule";

// A Quorum CardState and ReviewLog in Anki's columns (rslib/src/storage/schema11.sql; meanings
// in rslib/src/card/mod.rs CardType/CardQueue and rslib/src/revlog/mod.rs RevlogReviewKind):
// ts-fsrs's State numbers are Anki's card types (0 new, 1 learning, 2 review, 3 relearning).
// Review and day-long learning cards are due in days since the collection's `crt`, steps under
// a day in epoch seconds. The FSRS memory goes in cards.data as {"s","d"} with the time of the
// last review as "lrt" (rslib/src/storage/card/data.rs CardData), which Anki 23.10+ reads.

const secondsPerDay = 86_400;
/** SM-2's starting ease, for an Anki that schedules these cards with SM-2 instead of FSRS. */
const defaultFactor = 2500;

/** The scheduling columns of Anki's cards table the reader knows, and `left`: the learning steps still to go. */
type CardColumns = Pick<AnkiCard, "type" | "queue" | "due" | "ivl" | "factor" | "reps" | "lapses" | "data"> & {
  left: number;
};

export type StepCounts = { learning: number; relearning: number };

const isLearning = (state: MemoryState) => state.state === State.Learning || state.state === State.Relearning;

/** Days since `crtSeconds` of a day-start instant; rounded, so an hour of daylight saving does not move the day. */
function dayNumber(date: Date, crtSeconds: number): number {
  return Math.round((date.getTime() / 1000 - crtSeconds) / secondsPerDay);
}

export function cardColumns(
  state: MemoryState | null,
  input: { isSuspended: boolean; position: number; crtSeconds: number; steps: StepCounts },
): CardColumns {
  if (!state || state.state === State.New) {
    const queue = input.isSuspended ? -1 : 0;
    return { type: 0, queue, due: input.position, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, data: "{}" };
  }
  const isIntraday = isLearning(state) && state.scheduledDays === 0;
  const activeQueue = state.state === State.Review ? 2 : isIntraday ? 1 : 3;
  const stepsTotal = state.state === State.Relearning ? input.steps.relearning : input.steps.learning;
  const data: Record<string, number> = { s: state.stability, d: state.difficulty };
  if (state.lastReview) data.lrt = Math.floor(state.lastReview.getTime() / 1000);
  return {
    type: state.state,
    queue: input.isSuspended ? -1 : activeQueue,
    due: isIntraday ? Math.floor(state.due.getTime() / 1000) : dayNumber(state.due, input.crtSeconds),
    ivl: state.scheduledDays,
    factor: defaultFactor,
    reps: state.reps,
    lapses: state.lapses,
    left: isLearning(state) ? Math.max(1, stepsTotal - state.learningSteps) : 0,
    data: JSON.stringify(data),
  };
}

/** Anki's interval column: days, or negative seconds for a step under a day. */
function intervalColumn(state: MemoryState | null, reviewedAt: Date): number {
  if (!state) return 0;
  if (state.scheduledDays > 0) return state.scheduledDays;
  return -Math.max(1, Math.round((state.due.getTime() - reviewedAt.getTime()) / 1000));
}

export type ExportedReview = {
  rating: number;
  reviewedAt: Date;
  durationMs: number | null;
  before: MemoryState | null;
  after: MemoryState;
};

export function revlogColumns(review: ExportedReview) {
  const stateBefore = review.before?.state ?? State.New;
  const kind = stateBefore === State.Review ? 1 : stateBefore === State.Relearning ? 2 : 0;
  return {
    ease: review.rating,
    ivl: intervalColumn(review.after, review.reviewedAt),
    lastIvl: intervalColumn(review.before, review.reviewedAt),
    factor: defaultFactor,
    time: Math.max(0, Math.round(review.durationMs ?? 0)),
    type: kind,
  };
}

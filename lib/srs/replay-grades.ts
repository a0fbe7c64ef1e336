import { gradeCard, State, type Grade, type MemoryState, type SchedulerOptions } from "./schedule";

/** One grade from a card's review log, oldest first; `state` is the card's state before it. */
export type PastGrade = { rating: Grade; state: State; reviewedAt: Date };

/**
 * A card's memory state recomputed from its review log under `options` (new weights, say), as if
 * they had scheduled it all along: each grade is applied again in order, from the card's last
 * start as a new card (a reset card's older grades no longer describe it). This is ts-fsrs's
 * `reschedule` (src/reschedule.ts replays each review with `next()` from an empty card) done
 * through gradeCard, so days are counted on the learner's calendar exactly as when they studied.
 * Null when no grade is left to replay. Pure.
 */
export function replayGrades(grades: PastGrade[], options: SchedulerOptions): MemoryState | null {
  const lastStart = grades.findLastIndex((grade) => grade.state === State.New);
  let state: MemoryState | null = null;
  for (const grade of grades.slice(Math.max(0, lastStart))) {
    state = gradeCard(state, grade.rating, grade.reviewedAt, options).after;
  }
  return state;
}

/** One card's grades, for replaying many cards in one job. */
export type CardHistory = { cardId: string; grades: PastGrade[] };

/** replayGrades for each card, in order. Pure. */
export function replayHistories(
  histories: CardHistory[],
  options: SchedulerOptions,
): { cardId: string; state: MemoryState | null }[] {
  return histories.map(({ cardId, grades }) => ({ cardId, state: replayGrades(grades, options) }));
}

import { State } from "@/lib/srs/schedule";

// What a learner's memory state says about showing a card, for every queue (a deck's today, a
// selection from the browser). Pure.

/** On a learning or relearning step, not yet on its interval. */
export function isLearningState(state: number): boolean {
  return state === State.Learning || state === State.Relearning;
}

/** Suspended, or buried until later: left out of every queue. */
export function isHiddenCard(row: { suspendedAt: Date | null; buriedUntil: Date | null }, now: Date): boolean {
  return row.suspendedAt !== null || (row.buriedUntil !== null && row.buriedUntil > now);
}

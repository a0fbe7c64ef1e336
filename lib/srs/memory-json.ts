import { z } from "zod";
import type { MemoryState } from "./schedule";

// A CardState as stored in ReviewLog.stateBefore/stateAfter: the FSRS fields plus the flags a
// grade can change (a leech is suspended by the grade that makes it one), so an undo restores both.

export type StoredCardState = MemoryState & { suspendedAt: Date | null; leechAt: Date | null };

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const storedCardStateSchema = z.object({
  due: isoDate,
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: z.number().int(),
  scheduledDays: z.number().int(),
  learningSteps: z.number().int(),
  reps: z.number().int(),
  lapses: z.number().int(),
  state: z.number().int().min(0).max(3),
  lastReview: isoDate.nullable(),
  suspendedAt: isoDate.nullable().default(null),
  leechAt: isoDate.nullable().default(null),
});

export function storedCardStateToJson(state: StoredCardState) {
  return {
    due: state.due.toISOString(),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsedDays: state.elapsedDays,
    scheduledDays: state.scheduledDays,
    learningSteps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    lastReview: state.lastReview?.toISOString() ?? null,
    suspendedAt: state.suspendedAt?.toISOString() ?? null,
    leechAt: state.leechAt?.toISOString() ?? null,
  };
}

/** Reads a stored state back; null stands for "the card was new and had no state". */
export function storedCardStateFromJson(json: unknown): StoredCardState | null {
  if (json === null) return null;
  return storedCardStateSchema.parse(json);
}

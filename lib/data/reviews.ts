import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { gradeCard, type Grade, type MemoryState } from "@/lib/srs/schedule";
import { ensureGuestLearner } from "./learners";
import type { StudySettings } from "./settings";

export type RecordReviewResult =
  | { ok: true; deckId: string }
  | { ok: false; code: "unknown-card" | "already-graded"; message: string };

const alreadyGraded = {
  ok: false,
  code: "already-graded",
  message: "This card was already graded (a second click or another tab); nothing was recorded twice.",
} as const;

/** Longest answer time recorded; longer means the learner walked away (Anki caps at 60 s by default). */
const maxDurationMs = 10 * 60_000;

/**
 * Records one grade of a card by a learner, atomically: the new CardState and its ReviewLog row,
 * or nothing. `version` is the CardState version the learner was shown; a stale or repeated
 * submit finds a newer version (or the same ReviewLog requestKey) and writes nothing.
 */
export async function recordReview(input: {
  learnerId: string;
  cardId: string;
  rating: Grade;
  version: number;
  shownAt?: number;
  now: Date;
  settings: StudySettings;
}): Promise<RecordReviewResult> {
  const { learnerId, cardId, rating, version, now, settings } = input;
  const card = await db.card.findFirst({ where: { id: cardId, retiredAt: null }, select: { deckId: true } });
  if (!card) return { ok: false, code: "unknown-card", message: `There is no card "${cardId}" to grade.` };
  await ensureGuestLearner(learnerId);
  const durationMs = input.shownAt ? Math.min(Math.max(0, now.getTime() - input.shownAt), maxDurationMs) : null;

  try {
    return await db.$transaction(async (tx) => {
      const current = await tx.cardState.findUnique({ where: { userId_cardId: { userId: learnerId, cardId } } });
      if ((current?.version ?? 0) !== version) return alreadyGraded;
      const { before, after } = gradeCard(current, rating, now, settings);
      if (current) {
        const { count } = await tx.cardState.updateMany({ where: { id: current.id, version }, data: { ...after, version: version + 1 } });
        if (count !== 1) return alreadyGraded;
      } else {
        await tx.cardState.create({ data: { userId: learnerId, cardId, ...after, version: 1 } });
      }
      await tx.reviewLog.create({
        data: {
          userId: learnerId,
          cardId,
          rating,
          state: before.state,
          reviewedAt: now,
          elapsedDays: after.elapsedDays,
          scheduledDays: after.scheduledDays,
          durationMs,
          stateBefore: toJson(current ? before : null),
          stateAfter: toJson(after),
          requestKey: `${learnerId}:${cardId}:${version}`,
        },
      });
      return { ok: true, deckId: card.deckId } as const;
    });
  } catch (error) {
    // Two submits racing: the loser hits the unique CardState or requestKey and rolls back.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return alreadyGraded;
    throw error;
  }
}

/** The FSRS fields of a state as JSON (a CardState row carries ids and timestamps we leave out). */
function toJson(state: MemoryState | null) {
  if (!state) return Prisma.JsonNull;
  const { due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state: fsrsState, lastReview } = state;
  return {
    due: due.toISOString(),
    stability,
    difficulty,
    elapsedDays,
    scheduledDays,
    learningSteps,
    reps,
    lapses,
    state: fsrsState,
    lastReview: lastReview?.toISOString() ?? null,
  };
}

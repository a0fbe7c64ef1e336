import "server-only";
import { db } from "@/lib/db";
import { runInPool, takeHeavyJobAllowance, type HeavyRefusal } from "@/lib/pool/heavy-job";
import type { HeavyPool } from "@/lib/pool/heavy-pool";
import { getHeavyPool } from "@/lib/pool/shared-pool";
import type { CardHistory } from "@/lib/srs/replay-grades";
import type { Grade, State } from "@/lib/srs/schedule";
import { getStudySettings } from "./settings";

export type RescheduleResult = { ok: true; rescheduled: number } | HeavyRefusal | { ok: false; message: string };

/** A card graded again between reading and writing: the whole reschedule is rolled back. */
class CardChangedError extends Error {}

async function readHistories(learnerId: string) {
  const [states, reviews] = await Promise.all([
    db.cardState.findMany({ where: { userId: learnerId }, select: { id: true, cardId: true, version: true } }),
    db.reviewLog.findMany({
      where: { userId: learnerId, undoneAt: null },
      orderBy: [{ reviewedAt: "asc" }, { createdAt: "asc" }],
      select: { cardId: true, rating: true, state: true, reviewedAt: true },
    }),
  ]);
  const byCard = new Map<string, CardHistory>(states.map((s) => [s.cardId, { cardId: s.cardId, grades: [] }]));
  for (const review of reviews) {
    byCard.get(review.cardId)?.grades.push({
      rating: review.rating as Grade,
      state: review.state as State,
      reviewedAt: review.reviewedAt,
    });
  }
  return { states, histories: [...byCard.values()].filter((history) => history.grades.length > 0) };
}

/**
 * Recomputes every studied card's stability, difficulty and due date from its review log with
 * the learner's current weights and settings (the replay runs in the heavy pool), then writes
 * them all in one transaction: if any card was graded meanwhile (its version moved), nothing is
 * written. Suspension, burying and leech flags are the learner's and stay as they are.
 */
export async function rescheduleLearnerCards(
  learnerId: string,
  now: Date,
  pool: HeavyPool = getHeavyPool(),
): Promise<RescheduleResult> {
  const refused = await takeHeavyJobAllowance("compute", learnerId, now);
  if (refused) return refused;
  const settings = await getStudySettings(learnerId);
  const { states, histories } = await readHistories(learnerId);
  const outcome = await runInPool({ kind: "fsrs-reschedule", histories, options: settings }, pool);
  if (!outcome.ok) return outcome;
  const versions = new Map(states.map((s) => [s.cardId, s]));
  try {
    await db.$transaction(async (tx) => {
      for (const { cardId, state } of outcome.value) {
        const read = versions.get(cardId);
        if (!state || !read) continue;
        const { count } = await tx.cardState.updateMany({
          where: { id: read.id, version: read.version },
          data: { ...state, version: read.version + 1 },
        });
        if (count !== 1) throw new CardChangedError();
      }
    });
  } catch (error) {
    if (!(error instanceof CardChangedError)) throw error;
    return { ok: false, message: "A card was graded while rescheduling; nothing was changed. Try again." };
  }
  return { ok: true, rescheduled: outcome.value.filter((card) => card.state).length };
}

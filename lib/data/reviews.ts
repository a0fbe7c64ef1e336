import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { serializableTransaction } from "@/lib/database/serializable-transaction";
import { db } from "@/lib/db";
import { isLeechLapse } from "@/lib/srs/leech";
import { storedCardStateToJson, type StoredCardState } from "@/lib/srs/memory-json";
import { gradeCard, type Grade } from "@/lib/srs/schedule";
import { ensureGuestLearner } from "./learners";
import type { StudySettings } from "./settings";
import { visibleCardWhere } from "./visibility";

export type RecordReviewResult =
  | { ok: true; deckId: string; becameLeech: boolean; isSuspended: boolean }
  | { ok: false; code: "unknown-card" | "already-graded"; message: string };

const alreadyGraded = {
  ok: false,
  code: "already-graded",
  message: "This card was already graded (a second click or another tab); nothing was recorded twice.",
} as const;

/** Longest answer time recorded; longer means the learner walked away. */
const maxDurationMs = 10 * 60_000;

export type ReviewInput = {
  learnerId: string;
  cardId: string;
  rating: Grade;
  /** The CardState version the learner was shown (0 for a card never seen). */
  version: number;
  shownAt?: number;
  now: Date;
  settings: StudySettings;
  source?: "study" | "quiz";
  /** What the learner answered and whether the server found it right (checked questions). */
  answer?: Prisma.InputJsonValue;
  isCorrect?: boolean;
  variantSeed?: number;
};

type Tx = Prisma.TransactionClient;

/**
 * Records one grade of a card by a learner, atomically: the new CardState and its ReviewLog row,
 * or nothing. `version` is the CardState version the learner was shown; a stale or repeated
 * submit finds a newer version (or the same ReviewLog requestKey) and writes nothing. A lapse
 * that crosses the leech threshold flags the card, and suspends it unless the learner chose "tag".
 */
export async function recordReview(input: ReviewInput): Promise<RecordReviewResult> {
  const card = await db.card.findFirst({
    where: { id: input.cardId, ...visibleCardWhere(input.learnerId) },
    select: { deckId: true },
  });
  if (!card) return { ok: false, code: "unknown-card", message: `There is no card "${input.cardId}" to grade.` };
  await ensureGuestLearner(input.learnerId);
  try {
    return await serializableTransaction(db, (tx) => recordReviewInTransaction(tx, input, card.deckId));
  } catch (error) {
    // Two submits racing: the loser hits the unique CardState or requestKey and rolls back.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return alreadyGraded;
    throw error;
  }
}

/** The writes of recordReview inside a caller's transaction (a quiz records its answer alongside). */
export async function recordReviewInTransaction(
  tx: Tx,
  input: ReviewInput,
  deckId: string,
): Promise<RecordReviewResult> {
  const { learnerId, cardId, rating, version, now, settings } = input;
  const durationMs = input.shownAt ? Math.min(Math.max(0, now.getTime() - input.shownAt), maxDurationMs) : null;
  const current = await tx.cardState.findUnique({ where: { userId_cardId: { userId: learnerId, cardId } } });
  if ((current?.version ?? 0) !== version) return alreadyGraded;
  const { before, after } = gradeCard(current, rating, now, settings);
  const becameLeech = isLeechLapse(before.lapses, after.lapses, settings.leechThreshold);
  const flags = {
    suspendedAt: becameLeech && settings.leechAction === "suspend" ? now : (current?.suspendedAt ?? null),
    leechAt: becameLeech ? now : (current?.leechAt ?? null),
  };
  const data = { ...after, ...flags, buriedUntil: null, version: version + 1 };
  if (current) {
    const { count } = await tx.cardState.updateMany({ where: { id: current.id, version }, data });
    if (count !== 1) return alreadyGraded;
  } else {
    await tx.cardState.create({ data: { userId: learnerId, cardId, ...data } });
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
      stateBefore: current ? storedCardStateToJson(current as StoredCardState) : Prisma.JsonNull,
      stateAfter: storedCardStateToJson({ ...after, ...flags }),
      requestKey: `${learnerId}:${cardId}:${version}`,
      source: input.source ?? "study",
      answer: input.answer,
      isCorrect: input.isCorrect,
      variantSeed: input.variantSeed,
    },
  });
  return { ok: true, deckId, becameLeech, isSuspended: flags.suspendedAt !== null };
}

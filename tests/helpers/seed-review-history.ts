import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ExportReview } from "@/lib/export/format-revlog-csv";
import { storedCardStateToJson } from "@/lib/srs/memory-json";
import { defaultSchedulerOptions, gradeCard, type Grade, type MemoryState } from "@/lib/srs/schedule";

const flags = { suspendedAt: null, leechAt: null };

/**
 * Writes a review history for a learner as the app would have recorded it: each grade applied
 * with the default scheduler (no fuzz), its ReviewLog row with the states before and after, and
 * each card's final CardState. The learner row is created if missing (a guest).
 */
export async function seedReviewHistory(db: PrismaClient, learnerId: string, history: ExportReview[]): Promise<void> {
  const options = { ...defaultSchedulerOptions, enableFuzz: false };
  const states = new Map<string, { state: MemoryState; version: number }>();
  const logs: Prisma.ReviewLogCreateManyInput[] = [];
  for (const review of history) {
    const current = states.get(review.cardId);
    const { before, after } = gradeCard(current?.state ?? null, review.rating as Grade, review.reviewedAt, options);
    const version = current?.version ?? 0;
    logs.push({
      userId: learnerId,
      cardId: review.cardId,
      rating: review.rating,
      state: before.state,
      reviewedAt: review.reviewedAt,
      elapsedDays: after.elapsedDays,
      scheduledDays: after.scheduledDays,
      durationMs: review.durationMs,
      stateBefore: current ? storedCardStateToJson({ ...before, ...flags }) : Prisma.JsonNull,
      stateAfter: storedCardStateToJson({ ...after, ...flags }),
      requestKey: `${learnerId}:${review.cardId}:${version}`,
    });
    states.set(review.cardId, { state: after, version: version + 1 });
  }
  await db.user.upsert({ where: { id: learnerId }, create: { id: learnerId, isGuest: true }, update: {} });
  await db.reviewLog.createMany({ data: logs });
  await db.cardState.createMany({
    data: [...states].map(([cardId, { state, version }]) => ({ userId: learnerId, cardId, ...state, version })),
  });
}

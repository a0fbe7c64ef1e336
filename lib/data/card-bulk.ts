import "server-only";
import { db } from "@/lib/db";
import { newMemoryState } from "@/lib/srs/schedule";
import type { BulkCardAction } from "@/lib/validations/browse";
import { ensureGuestLearner } from "./learners";
import { visibleCardWhere } from "./visibility";

export type BulkCardResult = { ok: true; changed: number } | { ok: false; message: string };

/**
 * Suspends, unsuspends or resets (forgets: new again, no flags, history kept) the selected cards
 * for one learner, all in one transaction. A selection with any card the learner cannot see is
 * refused whole: nothing is written for a tampered or stale request.
 */
export async function applyBulkCardAction(input: {
  learnerId: string;
  cardIds: string[];
  action: BulkCardAction;
  now: Date;
}): Promise<BulkCardResult> {
  const { learnerId, action, now } = input;
  const cardIds = [...new Set(input.cardIds)];
  const visible = await db.card.count({ where: { id: { in: cardIds }, ...visibleCardWhere(learnerId) } });
  if (visible !== cardIds.length)
    return {
      ok: false,
      message:
        "Some of the selected cards are not yours to change (or no " +
        "longer exist); nothing was changed. Reload the page.",
    };
  await ensureGuestLearner(learnerId);
  const data =
    action === "suspend"
      ? { suspendedAt: now }
      : action === "unsuspend"
        ? { suspendedAt: null, buriedUntil: null }
        : { ...newMemoryState(now), suspendedAt: null, buriedUntil: null, leechAt: null };
  await db.$transaction(async (tx) => {
    const existing = await tx.cardState.findMany({
      where: { userId: learnerId, cardId: { in: cardIds } },
      select: { id: true, cardId: true },
    });
    // Every write moves the version on, so a grade shown before this change is refused as stale.
    await tx.cardState.updateMany({
      where: { id: { in: existing.map((row) => row.id) } },
      data: { ...data, version: { increment: 1 } },
    });
    if (action !== "suspend") return; // a card never studied is already unsuspended and new
    const known = new Set(existing.map((row) => row.cardId));
    const missing = cardIds.filter((cardId) => !known.has(cardId));
    await tx.cardState.createMany({
      data: missing.map((cardId) => ({
        userId: learnerId,
        cardId,
        ...newMemoryState(now),
        suspendedAt: now,
        version: 1,
      })),
    });
  });
  return { ok: true, changed: cardIds.length };
}

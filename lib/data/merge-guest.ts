import "server-only";
import { serializableTransaction } from "@/lib/database/serializable-transaction";
import { db } from "@/lib/db";
import { storedCardStateFromJson } from "@/lib/srs/memory-json";
import { gradeCard, type Grade, type MemoryState } from "@/lib/srs/schedule";
import { getStudySettings } from "./settings";

export type MergeSummary = { cardsMoved: number; cardsReplayed: number; reviewsMoved: number };

/**
 * Moves a guest's progress into an account, in one transaction, then removes the guest. Every
 * review moves across as it was, so nothing is lost or counted twice. A card the account has
 * also studied gets the state FSRS computes from both learners' reviews replayed in time order,
 * as if they had all been made on one device.
 */
export async function mergeGuestIntoAccount(guestId: string, accountId: string): Promise<MergeSummary | null> {
  if (guestId === accountId) return null;
  const guest = await db.user.findFirst({ where: { id: guestId, isGuest: true }, select: { id: true } });
  if (!guest) return null;
  const settings = await getStudySettings(accountId);

  return serializableTransaction(db, async (tx) => {
    const guestStates = await tx.cardState.findMany({ where: { userId: guestId } });
    const accountStates = new Map(
      (
        await tx.cardState.findMany({ where: { userId: accountId, cardId: { in: guestStates.map((s) => s.cardId) } } })
      ).map((s) => [s.cardId, s]),
    );
    const { count: reviewsMoved } = await tx.reviewLog.updateMany({
      where: { userId: guestId },
      data: { userId: accountId },
    });
    let cardsReplayed = 0;
    for (const guestState of guestStates) {
      const accountState = accountStates.get(guestState.cardId);
      if (!accountState) {
        await tx.cardState.update({ where: { id: guestState.id }, data: { userId: accountId } });
        continue;
      }
      const reviews = await tx.reviewLog.findMany({
        where: { userId: accountId, cardId: guestState.cardId, undoneAt: null },
        orderBy: [{ reviewedAt: "asc" }, { createdAt: "asc" }],
        select: { rating: true, reviewedAt: true },
      });
      let state: MemoryState | null = null;
      for (const review of reviews) state = gradeCard(state, review.rating as Grade, review.reviewedAt, settings).after;
      const latest = state ?? storedCardStateFromJson(null);
      await tx.cardState.update({
        where: { id: accountState.id },
        data: {
          ...(latest ?? {}),
          suspendedAt: accountState.suspendedAt ?? guestState.suspendedAt,
          leechAt: accountState.leechAt ?? guestState.leechAt,
          buriedUntil: null,
          version: Math.max(accountState.version, guestState.version) + 1,
        },
      });
      await tx.cardState.delete({ where: { id: guestState.id } });
      cardsReplayed++;
    }
    await tx.quiz.updateMany({ where: { userId: guestId }, data: { userId: accountId } });
    await tx.replayView.updateMany({ where: { userId: guestId }, data: { userId: accountId } });
    await tx.deck.updateMany({ where: { ownerId: guestId }, data: { ownerId: accountId } });
    const hasSettings = await tx.learnerSettings.count({ where: { userId: accountId } });
    if (!hasSettings) await tx.learnerSettings.updateMany({ where: { userId: guestId }, data: { userId: accountId } });
    // A deck's limits move too, unless the account set its own for that deck.
    const accountDeckLimits = await tx.deckLimits.findMany({ where: { userId: accountId }, select: { deckId: true } });
    await tx.deckLimits.updateMany({
      where: { userId: guestId, deckId: { notIn: accountDeckLimits.map((row) => row.deckId) } },
      data: { userId: accountId },
    });
    await tx.user.delete({ where: { id: guestId } }); // what is left of the guest (settings) goes with it
    return { cardsMoved: guestStates.length - cardsReplayed, cardsReplayed, reviewsMoved };
  });
}

import "server-only";
import { db } from "@/lib/db";
import { storedCardStateFromJson } from "@/lib/srs/memory-json";
import { newMemoryState } from "@/lib/srs/schedule";

export type UndoResult = { ok: true; cardId: string; deckId: string; version: number } | { ok: false; message: string };

/**
 * Undoes the learner's last study grade (Anki's Ctrl+Z): the card goes back to the state it had
 * before, and the review stays in the log marked as undone, so history is never lost. Refused if
 * the card changed since that grade (graded again, buried or suspended).
 */
export async function undoLastReview(learnerId: string, now: Date): Promise<UndoResult> {
  return db.$transaction(async (tx) => {
    const last = await tx.reviewLog.findFirst({
      where: { userId: learnerId, undoneAt: null, source: "study" },
      orderBy: [{ reviewedAt: "desc" }, { createdAt: "desc" }],
      select: { id: true, cardId: true, stateBefore: true, requestKey: true, card: { select: { deckId: true } } },
    });
    if (!last) return { ok: false, message: "There is no grade to undo." };
    const gradedVersion = Number(last.requestKey.split(":").at(-1));
    const current = await tx.cardState.findUnique({
      where: { userId_cardId: { userId: learnerId, cardId: last.cardId } },
    });
    if (!current || current.version !== gradedVersion + 1) {
      return { ok: false, message: "That grade can no longer be undone: the card has changed since." };
    }
    // A card that was new goes back to a new-card state; its row stays so that its version keeps
    // counting up (a grade's requestKey names the version, and must not repeat).
    const before = storedCardStateFromJson(last.stateBefore) ?? {
      ...newMemoryState(now),
      suspendedAt: null,
      leechAt: null,
    };
    await tx.cardState.update({
      where: { id: current.id },
      data: { ...before, buriedUntil: null, version: current.version + 1 },
    });
    await tx.reviewLog.update({ where: { id: last.id }, data: { undoneAt: now } });
    return { ok: true, cardId: last.cardId, deckId: last.card.deckId, version: current.version + 1 };
  });
}

/** Whether undoLastReview has a grade to undo, so "Undo" is offered only then. */
export async function hasUndoableReview(learnerId: string | null): Promise<boolean> {
  if (!learnerId) return false;
  const last = await db.reviewLog.findFirst({
    where: { userId: learnerId, undoneAt: null, source: "study" },
    select: { id: true },
  });
  return last !== null;
}

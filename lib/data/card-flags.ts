import "server-only";
import { serializableTransaction } from "@/lib/database/serializable-transaction";
import { db } from "@/lib/db";
import { startOfNextLearnerDay } from "@/lib/srs/day";
import { newMemoryState } from "@/lib/srs/schedule";
import { ensureGuestLearner } from "./learners";
import type { StudySettings } from "./settings";
import { visibleCardWhere } from "./visibility";

export type CardFlag = "bury" | "suspend" | "unsuspend";

export type CardFlagResult = { ok: true; deckId: string } | { ok: false; message: string };

/**
 * Buries a card until the learner's next day, suspends it until they unsuspend it, or unsuspends
 * it (which also clears a bury). A card never studied gets a new-card state to carry the flag.
 */
export async function setCardFlag(input: {
  learnerId: string;
  cardId: string;
  flag: CardFlag;
  now: Date;
  settings: StudySettings;
}): Promise<CardFlagResult> {
  const { learnerId, cardId, flag, now, settings } = input;
  const card = await db.card.findFirst({
    where: { id: cardId, ...visibleCardWhere(learnerId) },
    select: { deckId: true },
  });
  if (!card) return { ok: false, message: `There is no card "${cardId}".` };
  await ensureGuestLearner(learnerId);
  const flags =
    flag === "bury"
      ? { buriedUntil: startOfNextLearnerDay(now, settings) }
      : flag === "suspend"
        ? { suspendedAt: now }
        : { suspendedAt: null, buriedUntil: null };
  await serializableTransaction(db, async (tx) => {
    const current = await tx.cardState.findUnique({
      where: { userId_cardId: { userId: learnerId, cardId } },
      select: { id: true, version: true },
    });
    if (current) {
      await tx.cardState.update({ where: { id: current.id }, data: { ...flags, version: current.version + 1 } });
    } else {
      await tx.cardState.create({ data: { userId: learnerId, cardId, ...newMemoryState(now), ...flags, version: 1 } });
    }
  });
  return { ok: true, deckId: card.deckId };
}

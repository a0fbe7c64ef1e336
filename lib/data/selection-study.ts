import "server-only";
import { db } from "@/lib/db";
import { State } from "@/lib/srs/schedule";
import { isHiddenCard, isLearningState } from "@/lib/study/card-status";
import { learnAheadMs } from "@/lib/study/pick-next-card";
import { presentCard } from "./present-card";
import type { StudySettings } from "./settings";
import type { StudyQueue } from "./study";
import { visibleCardWhere } from "./visibility";

// "Study these" from the card browser: a custom session over a selection of cards, whatever
// their due dates (Anki's filtered deck, without moving the cards). Each selected card is shown
// once after the session began (`since`); a card failed into learning comes back when it is due,
// as in a deck. Suspended cards, and buried ones until their day ends, stay out. The grades are
// ordinary reviews, so the schedule moves as it would in the deck.

export type Selection = { cardIds: string[]; since: Date };

export async function getSelectionQueue(
  learnerId: string,
  selection: Selection,
  now: Date,
  settings: StudySettings,
): Promise<StudyQueue> {
  const [cards, states, reviewed] = await Promise.all([
    db.card.findMany({
      where: { id: { in: selection.cardIds }, ...visibleCardWhere(learnerId) },
      select: { id: true },
    }),
    db.cardState.findMany({ where: { userId: learnerId, cardId: { in: selection.cardIds } } }),
    db.reviewLog.findMany({
      where: {
        userId: learnerId,
        cardId: { in: selection.cardIds },
        undoneAt: null,
        reviewedAt: { gte: selection.since },
      },
      select: { cardId: true },
      distinct: ["cardId"],
    }),
  ]);
  const visible = new Set(cards.map((card) => card.id));
  const doneIds = new Set(reviewed.map((row) => row.cardId));
  const stateOf = new Map(states.map((row) => [row.cardId, row]));
  const isHidden = (cardId: string) => {
    const state = stateOf.get(cardId);
    return state !== undefined && isHiddenCard(state, now);
  };
  const isLearning = (cardId: string) => isLearningState(stateOf.get(cardId)?.state ?? State.New);
  const ready = selection.cardIds.filter((cardId) => visible.has(cardId) && !isHidden(cardId));
  const firstTime = ready.filter((cardId) => !doneIds.has(cardId));
  const learningAgain = ready.filter((cardId) => doneIds.has(cardId) && isLearning(cardId));
  const learningDue = learningAgain.filter(
    (cardId) => stateOf.get(cardId)!.due.getTime() <= now.getTime() + learnAheadMs,
  );
  const queueOf = (cardId: string) =>
    isLearning(cardId) ? "learning" : stateOf.get(cardId)?.state === State.Review ? "review" : "new";
  const remaining = [...learningDue, ...firstTime];
  const counts = {
    new: remaining.filter((cardId) => queueOf(cardId) === "new").length,
    learning: remaining.filter((cardId) => queueOf(cardId) === "learning").length,
    review: remaining.filter((cardId) => queueOf(cardId) === "review").length,
  };
  const laterDue = learningAgain
    .map((cardId) => stateOf.get(cardId)!.due)
    .filter((due) => due.getTime() > now.getTime() + learnAheadMs);
  const nextLearningDue = laterDue.sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const cardId = remaining[0];
  if (!cardId) return { card: null, counts, nextLearningDue };
  const memory = stateOf.get(cardId) ?? null;
  return {
    card: await presentCard({ cardId, learnerId, memory, queue: queueOf(cardId), now, settings }),
    counts,
    nextLearningDue,
  };
}

import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { StudySettings } from "./settings";
import { visibleDeckWhere } from "./visibility";
import { getQueueCountsByDeck, type QueueCounts } from "./study";

export type DeckOverview = {
  id: string;
  title: string;
  description: string;
  cardCount: number;
  isPrivate: boolean;
  due: QueueCounts;
};

/**
 * The decks a learner can study, in order, with what each will show today, the total, and when the next learning card
 * is due.
 */
export async function getDeckOverview(
  learnerId: string | null,
  now: Date,
  settings: StudySettings,
): Promise<{ decks: DeckOverview[]; total: QueueCounts; nextLearningDue: Date | null }> {
  const [decks, counts] = await Promise.all([
    db.deck.findMany({
      where: visibleDeckWhere(learnerId),
      orderBy: { position: "asc" },
      select: {
        id: true,
        title: true,
        description: true,
        ownerId: true,
        _count: { select: { cards: { where: { retiredAt: null } } } },
      },
    }),
    getQueueCountsByDeck(learnerId, now, settings),
  ]);
  return {
    decks: decks.map((deck) => ({
      id: deck.id,
      title: deck.title,
      description: deck.description,
      cardCount: deck._count.cards,
      isPrivate: deck.ownerId !== null,
      due: counts.byDeck.get(deck.id) ?? { new: 0, learning: 0, review: 0 },
    })),
    total: counts.total,
    nextLearningDue: counts.nextLearningDue,
  };
}

/** One deck's title, or null when there is no such deck for this learner. Read once per request. */
export const getDeckTitle = cache(
  async (deckId: string, learnerId: string | null): Promise<{ id: string; title: string } | null> => {
    return db.deck.findFirst({
      where: { id: deckId, ...visibleDeckWhere(learnerId) },
      select: { id: true, title: true },
    });
  },
);

import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { StudySettings } from "./settings";
import { getQueueCountsByDeck, type QueueCounts } from "./study";

export type DeckOverview = { id: string; title: string; description: string; cardCount: number; due: QueueCounts };

/** The decks a learner can study, in order, with what is ready in each today. */
export async function getDeckOverview(learnerId: string | null, now: Date, settings: StudySettings): Promise<DeckOverview[]> {
  const [decks, counts] = await Promise.all([
    db.deck.findMany({
      where: { retiredAt: null },
      orderBy: { position: "asc" },
      select: { id: true, title: true, description: true, _count: { select: { cards: { where: { retiredAt: null } } } } },
    }),
    getQueueCountsByDeck(learnerId, now, settings),
  ]);
  return decks.map((deck) => ({
    id: deck.id,
    title: deck.title,
    description: deck.description,
    cardCount: deck._count.cards,
    due: counts.get(deck.id) ?? { new: 0, learning: 0, review: 0 },
  }));
}

/** One deck's title, or null when there is no such (active) deck. Read once per request. */
export const getDeckTitle = cache(async (deckId: string): Promise<{ id: string; title: string } | null> => {
  return db.deck.findFirst({ where: { id: deckId, retiredAt: null }, select: { id: true, title: true } });
});

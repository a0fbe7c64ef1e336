import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ensureGuestLearner } from "./learners";
import { ownDeckWhere } from "./visibility";

// A learner's own decks (imported or made here): create, rename, delete. Quorum's own decks
// (ownerId null) and other learners' decks are never matched by these writes: every one names
// the owner in its where clause, so a deck that is not the learner's looks like no deck at all.

export type DeckWrite = { ok: true; deckId: string } | { ok: false; message: string };

/** Own decks sort after Quorum's, as imported ones do. */
const ownDeckPosition = 10_000;
const notYours = (deckId: string) => `There is no deck "${deckId}" of yours.`;

/** The learner's own decks, for the card form's deck picker. */
export async function getOwnDecks(learnerId: string): Promise<{ id: string; title: string }[]> {
  return db.deck.findMany({
    where: ownDeckWhere(learnerId),
    orderBy: { position: "asc" },
    select: { id: true, title: true },
  });
}

export async function createOwnDeck(learnerId: string, title: string): Promise<DeckWrite> {
  await ensureGuestLearner(learnerId);
  const deckId = `own_${randomUUID().replaceAll("-", "")}`;
  await db.$transaction(async (tx) => {
    const position = ownDeckPosition + (await tx.deck.count({ where: { ownerId: learnerId } }));
    await tx.deck.create({
      data: { id: deckId, title, description: "Cards you wrote.", position, ownerId: learnerId },
    });
  });
  return { ok: true, deckId };
}

export async function renameOwnDeck(learnerId: string, deckId: string, title: string): Promise<DeckWrite> {
  const { count } = await db.deck.updateMany({ where: { id: deckId, ...ownDeckWhere(learnerId) }, data: { title } });
  return count === 1 ? { ok: true, deckId } : { ok: false, message: notYours(deckId) };
}

/** Deletes an own deck with its cards and everything that refers to them, in one transaction. */
export async function deleteOwnDeck(learnerId: string, deckId: string): Promise<DeckWrite> {
  return db.$transaction(async (tx) => {
    const deck = await tx.deck.findFirst({ where: { id: deckId, ownerId: learnerId }, select: { id: true } });
    if (!deck) return { ok: false, message: notYours(deckId) };
    await deleteCardsWhere(tx, { deckId });
    await tx.deck.delete({ where: { id: deckId } });
    return { ok: true, deckId };
  });
}

/**
 * Deletes cards and the rows that refer to them (memory states, review logs, quiz questions:
 * their foreign keys restrict). Review history of a deleted card goes with it: the learner
 * deleted the card.
 */
export async function deleteCardsWhere(tx: Prisma.TransactionClient, where: Prisma.CardWhereInput): Promise<void> {
  const card = { is: where };
  await tx.quizQuestion.deleteMany({ where: { card } });
  await tx.reviewLog.deleteMany({ where: { card } });
  await tx.cardState.deleteMany({ where: { card } });
  await tx.card.deleteMany({ where });
}

/** The learner's own decks with their card counts, for the deck management page. */
export async function getOwnDeckList(learnerId: string): Promise<{ id: string; title: string; cardCount: number }[]> {
  const decks = await db.deck.findMany({
    where: ownDeckWhere(learnerId),
    orderBy: { position: "asc" },
    select: { id: true, title: true, _count: { select: { cards: { where: { retiredAt: null } } } } },
  });
  return decks.map((deck) => ({ id: deck.id, title: deck.title, cardCount: deck._count.cards }));
}

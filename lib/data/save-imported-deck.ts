import { createHash, randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RenderedCard } from "@/lib/import/render-cards";
import { cardBytesOf, checkStorageQuota } from "@/lib/import/storage-quota";
import { storedCardBytes } from "./stored-card-bytes";

// Writes rendered cards as a new private deck of one learner: all of them or none, and none when
// the learner's storage quota would be exceeded. The database client is a parameter, and this file
// (like ./stored-card-bytes.ts) is not marked server-only, because the command line
// (scripts/import.ts) writes through it too, with its own client.

/** Imported ids start with "imp_", which content ids (kebab-case) can never do. */
const importedId = () => `imp_${randomUUID().replaceAll("-", "")}`;

/** Imported decks sort after Quorum's own. */
const importedDeckPosition = 10_000;

export type SavedDeck = { ok: true; deckId: string; imported: number } | { ok: false; message: string };

/** Writes what comes with the cards (an Anki package's states and reviews) before the deck is shown; ids in order. */
export type WriteWithCards = (db: PrismaClient, cardIds: string[]) => Promise<void>;

/** Cards per insert: each is its own short write, so other learners' writes interleave. */
const insertBatchSize = 100;

/**
 * A large import is written as a hidden deck (retiredAt set: lib/data/visibility.ts shows no
 * retired deck) in short batches, then shown in one last transaction. One transaction for all
 * 10,000 cards held the database, and every grade behind it, for seconds. A deck that fails
 * half-way is deleted; whatever happens, no learner ever sees part of an import.
 */
export async function saveImportedDeck(
  db: PrismaClient,
  input: {
    ownerId: string;
    deckName: string;
    description: string;
    cards: RenderedCard[];
    quotaBytes: number;
    writeWithCards?: WriteWithCards;
  },
): Promise<SavedDeck> {
  const deckId = importedId();
  const newBytes = input.cards.reduce((sum, card) => sum + cardBytesOf(card), 0);
  const created = await db.$transaction(async (tx) => {
    const quota = checkStorageQuota(await storedCardBytes(tx, input.ownerId), newBytes, input.quotaBytes);
    if (!quota.ok) return quota; // refused before anything is written
    const position = importedDeckPosition + (await tx.deck.count({ where: { ownerId: input.ownerId } }));
    await tx.deck.create({
      data: {
        id: deckId,
        title: input.deckName.slice(0, 120),
        description: input.description,
        position,
        ownerId: input.ownerId,
        retiredAt: new Date(0),
      },
    });
    return { ok: true as const };
  });
  if (!created.ok) return created;
  try {
    const cardIds = input.cards.map(() => importedId());
    for (let start = 0; start < input.cards.length; start += insertBatchSize) {
      await db.card.createMany({
        data: input.cards
          .slice(start, start + insertBatchSize)
          .map((card, index) => cardRow(cardIds[start + index]!, deckId, card, start + index)),
      });
      await new Promise((resolve) => setImmediate(resolve)); // let waiting requests run between batches
    }
    await input.writeWithCards?.(db, cardIds);
    const shown = await db.$transaction(async (tx) => {
      // Checked again with this deck counted: two imports at once cannot both fit.
      const quota = checkStorageQuota(
        (await storedCardBytes(tx, input.ownerId)) - newBytes,
        newBytes,
        input.quotaBytes,
      );
      if (quota.ok) await tx.deck.update({ where: { id: deckId }, data: { retiredAt: null } });
      return quota;
    });
    if (!shown.ok) await deleteDeck(db, deckId);
    return shown.ok ? { ok: true, deckId, imported: input.cards.length } : shown;
  } catch (error) {
    await deleteDeck(db, deckId);
    throw error;
  }
}

async function deleteDeck(db: PrismaClient, deckId: string): Promise<void> {
  await db.$transaction([
    db.reviewLog.deleteMany({ where: { card: { deckId } } }),
    db.cardState.deleteMany({ where: { card: { deckId } } }),
    db.card.deleteMany({ where: { deckId } }),
    db.deck.delete({ where: { id: deckId } }),
  ]);
}

function cardRow(id: string, deckId: string, card: RenderedCard, position: number) {
  return {
    id,
    deckId,
    type: "flashcard",
    prompt: card.front,
    answer: card.back,
    promptHtml: card.promptHtml,
    answerHtml: card.answerHtml,
    sources: [],
    tags: card.tags,
    position,
    contentHash: createHash("sha256")
      .update(JSON.stringify([card.front, card.back, card.tags]))
      .digest("hex"),
  };
}

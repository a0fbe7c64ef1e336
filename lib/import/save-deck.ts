import { createHash, randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { renderMarkdown } from "@/lib/content/markdown";
import type { ImportedCard } from "./types";

// Writes parsed cards as a new private deck of one learner, in one transaction: all of them or
// none. The database client is a parameter so that the app (lib/data/imports.ts) and the command
// line (scripts/import.ts) share this code.

/** Imported ids start with "imp_", which content ids (kebab-case) can never do. */
const importedId = () => `imp_${randomUUID().replaceAll("-", "")}`;

/** Imported decks sort after Quorum's own. */
const importedDeckPosition = 10_000;

export type SavedDeck = { deckId: string; imported: number };

export async function saveImportedDeck(
  db: PrismaClient,
  input: { ownerId: string; deckName: string; description: string; cards: ImportedCard[] },
): Promise<SavedDeck> {
  const rendered = await Promise.all(
    input.cards.map(async (card) => ({
      card,
      promptHtml: card.format === "html" ? card.front : await renderMarkdown(card.front),
      answerHtml: card.format === "html" ? card.back : await renderMarkdown(card.back),
    })),
  );
  const deckId = importedId();
  await db.$transaction(async (tx) => {
    const position = importedDeckPosition + (await tx.deck.count({ where: { ownerId: input.ownerId } }));
    await tx.deck.create({ data: { id: deckId, title: input.deckName.slice(0, 120), description: input.description, position, ownerId: input.ownerId } });
    await tx.card.createMany({
      data: rendered.map(({ card, promptHtml, answerHtml }, index) => ({
        id: importedId(),
        deckId,
        type: "flashcard",
        prompt: card.front,
        answer: card.back,
        promptHtml,
        answerHtml,
        sources: [],
        tags: card.tags,
        position: index,
        contentHash: createHash("sha256").update(JSON.stringify([card.front, card.back, card.tags])).digest("hex"),
      })),
    });
  });
  return { deckId, imported: input.cards.length };
}

import { createHash, randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { renderMarkdown } from "@/lib/content/markdown";
import { cardBytesOf, checkStorageQuota, storedCardBytes } from "./storage-quota";
import type { ImportedCard } from "./types";

// Writes parsed cards as a new private deck of one learner: all of them or none (see
// saveImportedDeck), and none when the learner's storage quota would be exceeded. The database client and the
// renderer are parameters so that the app (lib/data/imports.ts, rendering in the worker pool)
// and the command line (scripts/import.ts, rendering in process) share this code.

/** Imported ids start with "imp_", which content ids (kebab-case) can never do. */
const importedId = () => `imp_${randomUUID().replaceAll("-", "")}`;

/** Imported decks sort after Quorum's own. */
const importedDeckPosition = 10_000;

/** Cards rendered per batch: a batch is one pool job, so other work interleaves between batches. */
const renderBatchSize = 200;

type RenderedCard = ImportedCard & { promptHtml: string; answerHtml: string };
export type RenderBatch = (
  sources: string[],
) => Promise<{ ok: true; value: string[] } | { ok: false; message: string }>;

/** Renders in this process: for the command line, where no request waits on the event loop. */
export const renderInProcess: RenderBatch = async (sources) => {
  const html: string[] = [];
  for (const source of sources) html.push(await renderMarkdown(source));
  return { ok: true, value: html };
};

/** Renders the Markdown cards' two sides in batches (HTML cards are already sanitised HTML). */
export async function renderImportedCards(
  cards: ImportedCard[],
  render: RenderBatch,
): Promise<{ ok: true; cards: RenderedCard[] } | { ok: false; message: string }> {
  const rendered: RenderedCard[] = [];
  for (let start = 0; start < cards.length; start += renderBatchSize) {
    const batch = cards.slice(start, start + renderBatchSize);
    const markdown = batch.filter((card) => card.format === "markdown");
    const html = await render(markdown.flatMap((card) => [card.front, card.back]));
    if (!html.ok) return html;
    let next = 0;
    for (const card of batch) {
      if (card.format === "html") rendered.push({ ...card, promptHtml: card.front, answerHtml: card.back });
      else rendered.push({ ...card, promptHtml: html.value[next++]!, answerHtml: html.value[next++]! });
    }
  }
  return { ok: true, cards: rendered };
}

type SavedDeck = { ok: true; deckId: string; imported: number } | { ok: false; message: string };

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
  input: { ownerId: string; deckName: string; description: string; cards: RenderedCard[]; quotaBytes: number },
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
    for (let start = 0; start < input.cards.length; start += insertBatchSize) {
      await db.card.createMany({
        data: input.cards
          .slice(start, start + insertBatchSize)
          .map((card, index) => cardRow(deckId, card, start + index)),
      });
      await new Promise((resolve) => setImmediate(resolve)); // let waiting requests run between batches
    }
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
  await db.$transaction([db.card.deleteMany({ where: { deckId } }), db.deck.delete({ where: { id: deckId } })]);
}

function cardRow(deckId: string, card: RenderedCard, position: number) {
  return {
    id: importedId(),
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

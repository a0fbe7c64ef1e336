import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { checkMarkdownStructure } from "@/lib/content/markdown-structure";
import { renderMarkdown } from "@/lib/content/markdown";
import { serializableTransaction } from "@/lib/database/serializable-transaction";
import { db } from "@/lib/db";
import { checkStorageQuota, storageQuotaBytes } from "@/lib/import/storage-quota";
import type { OwnCardInput } from "@/lib/validations/own-cards";
import { deleteCardsWhere } from "./own-decks";
import { storedCardBytes } from "./stored-card-bytes";
import { ownDeckWhere } from "./visibility";

// Cards a learner writes in their own decks: Markdown, rendered once here (one card is small
// enough to render in the request; import-sized work goes to the worker pool) after the same
// structure caps as an import. Only cards in a deck the learner owns can be read for editing,
// changed or deleted.

export type CardWrite = { ok: true; cardId: string; deckId: string } | { ok: false; message: string };
export type OwnCard = { id: string; deckId: string; front: string; back: string; tags: string[] };

const noSuchCard = (cardId: string) => `There is no card "${cardId}" in a deck of yours.`;
const ownCardWhere = (learnerId: string, cardId: string) => ({
  id: cardId,
  retiredAt: null,
  deck: ownDeckWhere(learnerId),
});

/** A card of the learner's own, as its edit form shows it; null for any other card. */
export async function getOwnCard(learnerId: string, cardId: string): Promise<OwnCard | null> {
  const card = await db.card.findFirst({
    where: ownCardWhere(learnerId, cardId),
    select: { id: true, deckId: true, prompt: true, answer: true, tags: true },
  });
  if (!card) return null;
  const tags = Array.isArray(card.tags) ? card.tags.filter((tag): tag is string => typeof tag === "string") : [];
  return { id: card.id, deckId: card.deckId, front: card.prompt, back: card.answer, tags };
}

type RenderedSides = { ok: true; promptHtml: string; answerHtml: string } | { ok: false; message: string };

async function renderSides(input: OwnCardInput): Promise<RenderedSides> {
  for (const [label, text] of [
    ["front", input.front],
    ["back", input.back],
  ] as const) {
    const check = checkMarkdownStructure(text);
    if (!check.ok) return { ok: false, message: `The ${label}: ${check.message}` };
  }
  return { ok: true, promptHtml: await renderMarkdown(input.front), answerHtml: await renderMarkdown(input.back) };
}

function cardContent(input: OwnCardInput, rendered: { promptHtml: string; answerHtml: string }) {
  const contentHash = createHash("sha256")
    .update(JSON.stringify([input.front, input.back, input.tags]))
    .digest("hex");
  return {
    prompt: input.front,
    answer: input.back,
    promptHtml: rendered.promptHtml,
    answerHtml: rendered.answerHtml,
    tags: input.tags,
    contentHash,
  };
}

const sizeOf = (content: { prompt: string; answer: string; promptHtml: string; answerHtml: string }) =>
  [content.prompt, content.answer, content.promptHtml, content.answerHtml].reduce(
    (sum, text) => sum + Buffer.byteLength(text, "utf8"),
    0,
  );

export type PreviewResult = { ok: true; html: string } | { ok: false; message: string };

/** The HTML a side will be saved as: checked, rendered and sanitised exactly as when the card is saved. */
export async function previewCardSide(markdown: string): Promise<PreviewResult> {
  const check = checkMarkdownStructure(markdown);
  if (!check.ok) return check;
  return { ok: true, html: await renderMarkdown(markdown) };
}

export async function createOwnCard(learnerId: string, input: OwnCardInput): Promise<CardWrite> {
  const rendered = await renderSides(input);
  if (!rendered.ok) return rendered;
  const content = cardContent(input, rendered);
  const cardId = `own_${randomUUID().replaceAll("-", "")}`;
  return serializableTransaction(db, async (tx): Promise<CardWrite> => {
    const deck = await tx.deck.findFirst({
      where: { id: input.deckId, ...ownDeckWhere(learnerId) },
      select: { id: true },
    });
    if (!deck) return { ok: false, message: `There is no deck "${input.deckId}" of yours to add a card to.` };
    const quota = checkStorageQuota(await storedCardBytes(tx, learnerId), sizeOf(content), storageQuotaBytes);
    if (!quota.ok)
      return { ok: false, message: "This card does not fit in your storage quota; delete some cards first." };
    const position = await tx.card.count({ where: { deckId: deck.id } });
    await tx.card.create({
      data: { id: cardId, deckId: deck.id, type: "flashcard", sources: [], position, ...content },
    });
    return { ok: true, cardId, deckId: deck.id };
  });
}

/** Rewrites a card's text and tags; its review history stays (it is the same card). */
export async function updateOwnCard(learnerId: string, cardId: string, input: OwnCardInput): Promise<CardWrite> {
  const rendered = await renderSides(input);
  if (!rendered.ok) return rendered;
  const content = cardContent(input, rendered);
  return serializableTransaction(db, async (tx): Promise<CardWrite> => {
    const card = await tx.card.findFirst({
      where: ownCardWhere(learnerId, cardId),
      select: { id: true, prompt: true, answer: true, promptHtml: true, answerHtml: true },
    });
    if (!card) return { ok: false, message: noSuchCard(cardId) };
    const deck = await tx.deck.findFirst({
      where: { id: input.deckId, ...ownDeckWhere(learnerId) },
      select: { id: true },
    });
    if (!deck) return { ok: false, message: `There is no deck "${input.deckId}" of yours to move the card to.` };
    const quota = checkStorageQuota(
      (await storedCardBytes(tx, learnerId)) - sizeOf(card),
      sizeOf(content),
      storageQuotaBytes,
    );
    if (!quota.ok)
      return { ok: false, message: "This card no longer fits in your storage quota; delete some cards first." };
    await tx.card.update({ where: { id: card.id }, data: { ...content, deckId: deck.id } });
    return { ok: true, cardId, deckId: deck.id };
  });
}

export async function deleteOwnCard(learnerId: string, cardId: string): Promise<CardWrite> {
  return db.$transaction(async (tx): Promise<CardWrite> => {
    const card = await tx.card.findFirst({
      where: ownCardWhere(learnerId, cardId),
      select: { id: true, deckId: true },
    });
    if (!card) return { ok: false, message: noSuchCard(cardId) };
    await deleteCardsWhere(tx, { id: card.id });
    return { ok: true, cardId, deckId: card.deckId };
  });
}

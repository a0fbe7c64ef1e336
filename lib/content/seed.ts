import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { CardContent, Content, DeckContent } from "./load";
import { markdownRendererVersion, renderInlineMarkdown, renderMarkdown } from "./markdown";

// Upserts content into the database by stable id, in one transaction (learners' imported decks
// are not content and are never touched). Seeding twice writes
// nothing; an edited card is updated in place (every learner's state keys on its id and stays);
// a card or deck gone from content is retired, never deleted, so its history stays readable.

export type SeedCounts = { created: number; updated: number; retired: number; unchanged: number };
export type SeedSummary = { decks: SeedCounts; cards: SeedCounts };

const emptyCounts = (): SeedCounts => ({ created: 0, updated: 0, retired: 0, unchanged: 0 });

export async function seedContent(db: PrismaClient, content: Content, now: Date): Promise<SeedSummary> {
  const summary: SeedSummary = { decks: emptyCounts(), cards: emptyCounts() };
  const existingCards = new Map(
    (
      await db.card.findMany({
        where: { deck: { ownerId: null } },
        select: { id: true, contentHash: true, retiredAt: true },
      })
    ).map((card) => [card.id, card]),
  );
  // Render outside the transaction: it is the slow part and touches no data.
  const changedCards = await Promise.all(
    content.cards
      .map((card) => ({ card, hash: hashCard(card) }))
      .filter(({ card, hash }) => {
        const existing = existingCards.get(card.id);
        const unchanged = existing?.contentHash === hash && existing.retiredAt === null;
        if (unchanged) summary.cards.unchanged++;
        return !unchanged;
      })
      .map(async ({ card, hash }) => ({
        card,
        hash,
        promptHtml: await renderMarkdown(card.front),
        answerHtml: await renderMarkdown(card.back),
        details: (await renderDetails(card)) ?? Prisma.DbNull,
        ...(await renderInterview(card)),
      })),
  );

  await db.$transaction(
    async (tx) => {
      const existingDecks = new Map(
        (await tx.deck.findMany({ where: { ownerId: null } })).map((deck) => [deck.id, deck]),
      );
      for (const deck of content.decks) {
        const existing = existingDecks.get(deck.id);
        const data = deckData(deck);
        if (!existing) {
          await tx.deck.create({ data: { id: deck.id, ...data } });
          summary.decks.created++;
        } else if (
          existing.title !== data.title ||
          existing.description !== data.description ||
          existing.position !== data.position ||
          existing.retiredAt
        ) {
          await tx.deck.update({ where: { id: deck.id }, data });
          summary.decks.updated++;
        } else {
          summary.decks.unchanged++;
        }
      }
      const deckIds = new Set(content.decks.map((deck) => deck.id));
      const goneDecks = [...existingDecks.values()].filter((deck) => !deckIds.has(deck.id) && !deck.retiredAt);
      await tx.deck.updateMany({ where: { id: { in: goneDecks.map((deck) => deck.id) } }, data: { retiredAt: now } });
      summary.decks.retired = goneDecks.length;

      for (const { card, hash, ...rendered } of changedCards) {
        const data = { ...cardData(card), ...rendered, contentHash: hash, retiredAt: null };
        if (existingCards.has(card.id)) {
          await tx.card.update({ where: { id: card.id }, data });
          summary.cards.updated++;
        } else {
          await tx.card.create({ data: { id: card.id, ...data } });
          summary.cards.created++;
        }
      }
      const cardIds = new Set(content.cards.map((card) => card.id));
      const goneCards = [...existingCards.values()].filter((card) => !cardIds.has(card.id) && !card.retiredAt);
      await tx.card.updateMany({ where: { id: { in: goneCards.map((card) => card.id) } }, data: { retiredAt: now } });
      summary.cards.retired = goneCards.length;
    },
    { timeout: 60_000 },
  );
  return summary;
}

function deckData(deck: DeckContent) {
  return { title: deck.title, description: deck.description, position: deck.position, retiredAt: null };
}

function cardData(card: CardContent) {
  return {
    deckId: card.deck,
    type: card.type,
    prompt: card.front,
    answer: card.back,
    sources: card.sources,
    tags: card.tags,
    scenario: card.scenario ?? null,
    scenarioParams: card.params ?? Prisma.DbNull,
    scenarioClaim: card.claim ?? null,
    position: card.position,
  };
}

/** The type-specific part of a card, stored as JSON with its Markdown rendered (lib/study/questions.ts reads it). */
async function renderDetails(card: CardContent) {
  switch (card.type) {
    case "flashcard":
      return undefined;
    case "multiple-choice":
      return {
        choices: await Promise.all(
          card.choices.map(async (choice) => ({ ...choice, html: await renderInlineMarkdown(choice.text) })),
        ),
      };
    case "ordering":
      return {
        steps: await Promise.all(card.steps.map(async (text) => ({ text, html: await renderInlineMarkdown(text) }))),
      };
    case "predict":
      return { generator: card.generator };
  }
}

/**
 * The interview sections rendered for the Card's columns (lib/interview/sections.ts reads them); loadContent requires
 * them of every card.
 */
async function renderInterview(card: CardContent) {
  const { sayIt, keyPoints, followUps } = card.interview;
  return {
    sayItHtml: await renderMarkdown(sayIt),
    keyPoints: await Promise.all(keyPoints.map(async (text) => ({ text, html: await renderInlineMarkdown(text) }))),
    followUps: await Promise.all(
      followUps.map(async ({ question, cardId }) => ({
        question,
        html: await renderInlineMarkdown(question),
        ...(cardId ? { cardId } : {}),
      })),
    ),
  };
}

/** Bump when the seed writes new columns from unchanged content, so every card is written again once. */
const seedColumnsVersion = 2;

function hashCard(card: CardContent): string {
  const { file: _file, ...fields } = card;
  return createHash("sha256")
    .update(JSON.stringify({ fields, renderer: markdownRendererVersion, columns: seedColumnsVersion }))
    .digest("hex");
}

import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { interviewColumns, readInterview, type ShownInterview } from "@/lib/interview/sections";
import { replayHref } from "./simulations";
import { visibleCardWhere } from "./visibility";

type CardPage = {
  id: string;
  deckId: string;
  deckTitle: string;
  /** In a deck of the learner's own, so they may edit it. */
  isOwn: boolean;
  type: string;
  promptHtml: string;
  answerHtml: string;
  interview: ShownInterview | null;
  sources: string[];
  tags: string[];
  /** The replay that backs the answer, if any. */
  replay: { scenario: string; href: string } | null;
  reviews: { reviewedAt: Date; rating: number; undone: boolean; source: string }[];
};

const stringList = z.array(z.string());
const paramsSchema = z.record(z.string(), z.union([z.number(), z.boolean()])).nullable();

/** The columns a card is shown with, on its page and in study: its sides, sources, replay and interview sections. */
export const shownCardColumns = {
  id: true,
  deckId: true,
  type: true,
  promptHtml: true,
  answerHtml: true,
  sources: true,
  scenario: true,
  scenarioParams: true,
  scenarioClaim: true,
  ...interviewColumns,
} as const;

/** Where a card's Replay button goes: its scenario with its params, opened on its claim, coming back to the card. */
export function cardReplayHref(card: {
  id: string;
  scenario: string | null;
  scenarioParams: unknown;
  scenarioClaim?: string | null;
}): string | null {
  if (!card.scenario) return null;
  const params = paramsSchema.catch(null).parse(card.scenarioParams) ?? {};
  return replayHref(card.scenario, params, { from: card.id, claim: card.scenarioClaim ?? undefined });
}

/** A card as its own page shows it, with the learner's history of it; null if they cannot see it. */
export async function getCardPage(cardId: string, learnerId: string | null): Promise<CardPage | null> {
  const card = await db.card.findFirst({
    where: { id: cardId, ...visibleCardWhere(learnerId) },
    select: { ...shownCardColumns, tags: true, deck: { select: { title: true, ownerId: true } } },
  });
  if (!card) return null;
  const reviews = learnerId
    ? await db.reviewLog.findMany({
        where: { userId: learnerId, cardId },
        orderBy: { reviewedAt: "desc" },
        take: 50,
        select: { reviewedAt: true, rating: true, undoneAt: true, source: true },
      })
    : [];
  const href = cardReplayHref(card);
  return {
    id: card.id,
    deckId: card.deckId,
    deckTitle: card.deck.title,
    isOwn: learnerId !== null && card.deck.ownerId === learnerId,
    type: card.type,
    promptHtml: card.promptHtml,
    answerHtml: card.answerHtml,
    interview: readInterview(card),
    sources: stringList.parse(card.sources),
    tags: stringList.parse(card.tags),
    replay: card.scenario && href ? { scenario: card.scenario, href } : null,
    reviews: reviews.map((review) => ({
      reviewedAt: review.reviewedAt,
      rating: review.rating,
      undone: review.undoneAt !== null,
      source: review.source,
    })),
  };
}

/** A card's deck and first words, for "back to the card" links. */
export async function getCardLabel(
  cardId: string,
  learnerId: string | null,
): Promise<{ id: string; label: string } | null> {
  const card = await db.card.findFirst({
    where: { id: cardId, ...visibleCardWhere(learnerId) },
    select: { id: true, prompt: true },
  });
  if (!card) return null;
  const text = card.prompt
    .replace(/[`*_#>\[\]()]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return { id: card.id, label: text.length > 80 ? `${text.slice(0, 77)}…` : text };
}

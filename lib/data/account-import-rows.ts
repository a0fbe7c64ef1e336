import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RenderedCard } from "@/lib/import/render-cards";
import type { AccountExport } from "@/lib/validations/account-export";

// An account file's rows as rows of the learner it is imported into. The learner's rows get new
// ids (the exporting account may still exist and hold the old ones); own decks and cards get new
// ids too, and every reference to them is rewritten. A content card or deck keeps its stable id.

export type OwnIds = { decks: Map<string, string>; cards: Map<string, string> };

/** New ids that keep the old prefix: "imp_" for an imported deck or card, "own_" for one written here. */
export function newOwnIds(document: AccountExport): OwnIds {
  const fresh = (oldId: string) => `${oldId.startsWith("imp_") ? "imp" : "own"}_${randomUUID().replaceAll("-", "")}`;
  const decks = new Map(document.decks.map((deck) => [deck.id, fresh(deck.id)]));
  const cards = new Map(document.decks.flatMap((deck) => deck.cards.map((card) => [card.id, fresh(card.id)])));
  return { decks, cards };
}

const mapped = (ids: Map<string, string>, id: string) => ids.get(id) ?? id;

/** `row` with each of `fields` that is null as SQL NULL: Prisma takes no plain null for a nullable Json column. */
function withDbNulls<T extends object, K extends keyof T>(row: T, fields: readonly K[]) {
  const nulls = Object.fromEntries(fields.map((field) => [field, row[field] ?? Prisma.DbNull]));
  return { ...row, ...nulls } as Omit<T, K> & { [F in K]: NonNullable<T[F]> | typeof Prisma.DbNull };
}

/** Every card id the file refers to that is not one of its own cards, with what refers to it. */
export function contentCardReferences(document: AccountExport, ids: OwnIds): Map<string, Set<string>> {
  const references = new Map<string, Set<string>>();
  const note = (cardId: string | null, what: string) => {
    if (cardId === null || ids.cards.has(cardId)) return;
    references.set(cardId, (references.get(cardId) ?? new Set()).add(what));
  };
  for (const state of document.cardStates) note(state.cardId, "a card state");
  for (const review of document.reviewLogs) note(review.cardId, "reviews");
  for (const question of document.quizzes.flatMap((quiz) => quiz.questions)) {
    note(question.cardId, "quiz questions");
    note(question.interview?.followUpCardId ?? null, "interview follow-ups");
  }
  return references;
}

export function ownDeckRows(document: AccountExport, learnerId: string, ids: OwnIds): Prisma.DeckCreateManyInput[] {
  return document.decks.map(({ cards: _cards, ...deck }) => ({
    ...deck,
    id: mapped(ids.decks, deck.id),
    ownerId: learnerId,
  }));
}

/** `rendered` holds the file's own cards in file order, their HTML made again from their source. */
export function ownCardRows(
  document: AccountExport,
  ids: OwnIds,
  rendered: RenderedCard[],
): Prisma.CardCreateManyInput[] {
  const cards = document.decks.flatMap((deck) =>
    deck.cards.map((card) => ({ ...card, deckId: mapped(ids.decks, deck.id) })),
  );
  return cards.map((card, index) => {
    const safe = rendered[index]!;
    return {
      ...card,
      id: mapped(ids.cards, card.id),
      prompt: safe.front,
      answer: safe.back,
      promptHtml: safe.promptHtml,
      answerHtml: safe.answerHtml,
      details: Prisma.DbNull,
      scenarioParams: Prisma.DbNull,
      keyPoints: Prisma.DbNull,
      followUps: Prisma.DbNull,
    };
  });
}

export function cardStateRows(
  document: AccountExport,
  learnerId: string,
  ids: OwnIds,
): Prisma.CardStateCreateManyInput[] {
  return document.cardStates.map((state) => ({ ...state, userId: learnerId, cardId: mapped(ids.cards, state.cardId) }));
}

/**
 * A review's requestKey names who graded it ("<grader>:<card>:<version>"); a review merged in
 * from a guest names the guest. Each grader of the file becomes a key of this learner's own
 * ("<learner>" for the exporter, "<learner>+1"… for the others), so keys stay unique here and in
 * every other account the same file goes into, and the version that undo reads stays last.
 */
export function reviewLogRows(
  document: AccountExport,
  learnerId: string,
  ids: OwnIds,
): Prisma.ReviewLogCreateManyInput[] {
  const graders = new Map([[document.user.id, learnerId]]);
  return document.reviewLogs.map((review) => {
    const [grader = "", , version = ""] = review.requestKey.split(":");
    if (!graders.has(grader)) graders.set(grader, `${learnerId}+${graders.size}`);
    const cardId = mapped(ids.cards, review.cardId);
    return {
      ...withDbNulls(review, ["answer"]),
      userId: learnerId,
      cardId,
      requestKey: `${graders.get(grader)}:${cardId}:${version}`,
      stateBefore: review.stateBefore ?? Prisma.JsonNull,
      stateAfter: review.stateAfter ?? Prisma.JsonNull,
    };
  });
}

const interviewJsonFields = ["ticked", "followUpHinted", "followUpTicked"] as const;

/** One nested create per quiz, with its questions and their interview steps. */
export function quizCreates(
  document: AccountExport,
  learnerId: string,
  ids: OwnIds,
): Prisma.QuizUncheckedCreateInput[] {
  return document.quizzes.map(({ questions, ...quiz }) => ({
    ...quiz,
    userId: learnerId,
    deckIds: quiz.deckIds.map((deckId) => mapped(ids.decks, deckId)),
    questions: {
      create: questions.map(({ interview, ...question }) => ({
        ...withDbNulls(question, ["answer"]),
        cardId: mapped(ids.cards, question.cardId),
        ...(interview ? { interview: { create: withDbNulls(interview, interviewJsonFields) } } : {}),
      })),
    },
  }));
}

export function deckLimitRows(
  document: AccountExport,
  learnerId: string,
  ids: OwnIds,
): Prisma.DeckLimitsCreateManyInput[] {
  return document.deckLimits.map((limits) => ({
    ...limits,
    userId: learnerId,
    deckId: mapped(ids.decks, limits.deckId),
  }));
}

export function replayViewRows(document: AccountExport, learnerId: string): Prisma.ReplayViewCreateManyInput[] {
  return document.replayViews.map((view) => ({ ...view, userId: learnerId }));
}

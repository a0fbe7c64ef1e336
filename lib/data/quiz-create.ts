import "server-only";
import { randomInt } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import type { QuizSetup } from "@/lib/validations/quiz";
import { ensureGuestLearner } from "./learners";
import { findOwnInterview } from "./find-own-interview";
import { visibleCardWhere, visibleDeckWhere } from "./visibility";

/** Each deck and tag with its card count, and how many of those cards a mock interview can ask (interviewCount). */
export type QuizTopics = {
  decks: { id: string; title: string; cardCount: number; interviewCount: number }[];
  tags: { tag: string; cardCount: number; interviewCount: number }[];
};

/**
 * The cards a mock interview asks: open questions (flashcards) with interview sections to check a typed answer against.
 */
const interviewCardWhere = { type: "flashcard", sayItHtml: { not: null } };

const tagsSchema = z.array(z.string());

/** The decks and tags a learner can build a quiz from, with how many cards each holds. */
export async function getQuizTopics(learnerId: string | null): Promise<QuizTopics> {
  const [decks, cards] = await Promise.all([
    db.deck.findMany({
      where: visibleDeckWhere(learnerId),
      orderBy: { position: "asc" },
      select: { id: true, title: true, _count: { select: { cards: { where: { retiredAt: null } } } } },
    }),
    db.card.findMany({
      where: visibleCardWhere(learnerId),
      select: { deckId: true, tags: true, type: true, sayItHtml: true },
    }),
  ]);
  const tagCounts = new Map<string, { cardCount: number; interviewCount: number }>();
  const deckInterviewCounts = new Map<string, number>();
  for (const card of cards) {
    const isInterview = card.type === interviewCardWhere.type && card.sayItHtml !== null;
    if (isInterview) deckInterviewCounts.set(card.deckId, (deckInterviewCounts.get(card.deckId) ?? 0) + 1);
    for (const tag of tagsSchema.parse(card.tags)) {
      const counts = tagCounts.get(tag) ?? { cardCount: 0, interviewCount: 0 };
      counts.cardCount++;
      if (isInterview) counts.interviewCount++;
      tagCounts.set(tag, counts);
    }
  }
  return {
    decks: decks.map((deck) => ({
      id: deck.id,
      title: deck.title,
      cardCount: deck._count.cards,
      interviewCount: deckInterviewCounts.get(deck.id) ?? 0,
    })),
    tags: [...tagCounts]
      .map(([tag, counts]) => ({ tag, ...counts }))
      .sort((a, b) => b.cardCount - a.cardCount || a.tag.localeCompare(b.tag)),
  };
}

type CreateQuizResult = { ok: true; quizId: string } | { ok: false; message: string };

/**
 * Starts a quiz: a random draw of cards from the chosen decks and topics (all when none is
 * chosen). Interview mode gets a time limit for the whole quiz.
 */
export async function createQuiz(learnerId: string, setup: QuizSetup, now: Date): Promise<CreateQuizResult> {
  const candidates = await db.card.findMany({
    where: {
      ...visibleCardWhere(learnerId),
      ...(setup.deckIds.length ? { deckId: { in: setup.deckIds } } : {}),
      ...(setup.mode === "interview" ? interviewCardWhere : {}),
    },
    select: { id: true, tags: true },
    orderBy: { id: "asc" },
  });
  const wanted = new Set(setup.tags);
  const pool = wanted.size
    ? candidates.filter((card) => tagsSchema.parse(card.tags).some((tag) => wanted.has(tag)))
    : candidates;
  if (setup.mode === "interview" && pool.length < setup.questionCount)
    return { ok: false, message: tooFewForInterview(pool.length) };
  if (pool.length === 0) return { ok: false, message: "No cards match those decks and topics: choose fewer filters." };

  const drawn = draw(
    pool.map((card) => card.id),
    Math.min(setup.questionCount, pool.length),
  );
  await ensureGuestLearner(learnerId);
  const quiz = await db.quiz.create({
    data: {
      userId: learnerId,
      mode: setup.mode,
      deckIds: setup.deckIds,
      tags: setup.tags,
      timeLimitSec: setup.mode === "interview" ? drawn.length * setup.secondsPerQuestion : null,
      startedAt: now,
      questions: { create: drawn.map((cardId, position) => ({ cardId, position })) },
    },
    select: { id: true },
  });
  return { ok: true, quizId: quiz.id };
}

/** The builder's message when a mock interview's decks and topics hold too few cards it can ask. */
function tooFewForInterview(available: number): string {
  const sections = "interview sections (a 30-second answer, key points and follow-ups)";
  if (available === 0) return `No card in these decks and topics has ${sections}: choose other decks or topics.`;
  const plural = available === 1 ? "" : "s";
  return (
    `Only ${available} card${plural} in these decks and topics ${available === 1 ? "has" : "have"} ` +
    `${sections}: ask for at most ${available} question${plural}, or choose more decks or topics.`
  );
}

/**
 * "Retry": a new mock interview of the same questions, in the same order and with the same time
 * per question. Null when the quiz is not this learner's interview.
 */
export async function retryInterview(learnerId: string, quizId: string, now: Date): Promise<string | null> {
  const quiz = await findOwnInterview(learnerId, quizId, {
    deckIds: true,
    tags: true,
    timeLimitSec: true,
    questions: { orderBy: { position: "asc" }, select: { cardId: true } },
  });
  if (!quiz) return null;
  const retry = await db.quiz.create({
    data: {
      userId: learnerId,
      mode: "interview",
      deckIds: quiz.deckIds ?? [],
      tags: quiz.tags ?? [],
      timeLimitSec: quiz.timeLimitSec,
      startedAt: now,
      questions: { create: quiz.questions.map(({ cardId }, position) => ({ cardId, position })) },
    },
    select: { id: true },
  });
  return retry.id;
}

/** `count` distinct items, uniformly at random (partial Fisher–Yates). */
function draw<T>(items: T[], count: number): T[] {
  const pool = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

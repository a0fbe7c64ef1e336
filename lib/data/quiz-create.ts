import "server-only";
import { randomInt } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import type { QuizSetup } from "@/lib/validations/quiz";
import { ensureGuestLearner } from "./learners";
import { visibleCardWhere, visibleDeckWhere } from "./visibility";

export type QuizTopics = { decks: { id: string; title: string; cardCount: number }[]; tags: { tag: string; cardCount: number }[] };

const tagsSchema = z.array(z.string());

/** The decks and tags a learner can build a quiz from, with how many cards each holds. */
export async function getQuizTopics(learnerId: string | null): Promise<QuizTopics> {
  const [decks, cards] = await Promise.all([
    db.deck.findMany({ where: visibleDeckWhere(learnerId), orderBy: { position: "asc" }, select: { id: true, title: true, _count: { select: { cards: { where: { retiredAt: null } } } } } }),
    db.card.findMany({ where: visibleCardWhere(learnerId), select: { tags: true } }),
  ]);
  const tagCounts = new Map<string, number>();
  for (const card of cards) for (const tag of tagsSchema.parse(card.tags)) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  return {
    decks: decks.map((deck) => ({ id: deck.id, title: deck.title, cardCount: deck._count.cards })),
    tags: [...tagCounts].map(([tag, cardCount]) => ({ tag, cardCount })).sort((a, b) => b.cardCount - a.cardCount || a.tag.localeCompare(b.tag)),
  };
}

export type CreateQuizResult = { ok: true; quizId: string } | { ok: false; message: string };

/**
 * Starts a quiz: a random draw of cards from the chosen decks and topics (all when none is
 * chosen). Interview mode gets a time limit for the whole quiz.
 */
export async function createQuiz(learnerId: string, setup: QuizSetup, now: Date): Promise<CreateQuizResult> {
  const candidates = await db.card.findMany({
    where: { ...visibleCardWhere(learnerId), ...(setup.deckIds.length ? { deckId: { in: setup.deckIds } } : {}) },
    select: { id: true, tags: true },
    orderBy: { id: "asc" },
  });
  const wanted = new Set(setup.tags);
  const pool = wanted.size ? candidates.filter((card) => tagsSchema.parse(card.tags).some((tag) => wanted.has(tag))) : candidates;
  if (pool.length === 0) return { ok: false, message: "No cards match those decks and topics: choose fewer filters." };

  const drawn = draw(pool.map((card) => card.id), Math.min(setup.questionCount, pool.length));
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

/** `count` distinct items, uniformly at random (partial Fisher–Yates). */
function draw<T>(items: T[], count: number): T[] {
  const pool = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

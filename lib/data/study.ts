import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { startOfLearnerDay, startOfNextLearnerDay } from "@/lib/srs/day";
import { previewGrades, State, type MemoryState } from "@/lib/srs/schedule";
import type { StudySettings } from "./settings";

// What a learner should study next, Anki-style: learning cards that are due, then reviews due
// today, then new cards, within the daily limits; learning cards due within 20 minutes are shown
// early rather than ending the session.

/** Anki's "learn ahead limit": a learning card due this soon is shown rather than waiting. */
const learnAheadMs = 20 * 60_000;

export type QueueCounts = { new: number; learning: number; review: number };

export type StudyCard = {
  id: string;
  deckId: string;
  type: string;
  promptHtml: string;
  answerHtml: string;
  sources: string[];
  queue: keyof QueueCounts;
  /** The CardState version shown; grading names it so a double submit records one review. */
  version: number;
  previews: { rating: number; label: string }[];
};

export type StudyQueue = { card: StudyCard | null; counts: QueueCounts; nextLearningDue: Date | null };

type DayWindow = { now: Date; dayStart: Date; nextDayStart: Date };

function dayWindow(now: Date, settings: StudySettings): DayWindow {
  return { now, dayStart: startOfLearnerDay(now, settings), nextDayStart: startOfNextLearnerDay(now, settings) };
}

/** New cards and reviews left today under the learner's daily limits. */
async function getRemainingToday(learnerId: string | null, window: DayWindow, settings: StudySettings) {
  if (!learnerId) return { newLeft: settings.newCardsPerDay, reviewsLeft: settings.reviewsPerDay };
  const today = { userId: learnerId, reviewedAt: { gte: window.dayStart } };
  const [newToday, reviewsToday] = await Promise.all([
    db.reviewLog.count({ where: { ...today, state: State.New } }),
    db.reviewLog.count({ where: { ...today, state: State.Review } }),
  ]);
  return {
    newLeft: Math.max(0, settings.newCardsPerDay - newToday),
    reviewsLeft: Math.max(0, settings.reviewsPerDay - reviewsToday),
  };
}

type StateRow = { cardId: string; state: number; due: Date; card: { deckId: string } };

function isLearning(row: { state: number }) {
  return row.state === State.Learning || row.state === State.Relearning;
}

/** Per deck: how many new, learning and review cards are ready now (Anki's three numbers). */
export async function getQueueCountsByDeck(learnerId: string | null, now: Date, settings: StudySettings) {
  const window = dayWindow(now, settings);
  const [totals, states, remaining] = await Promise.all([
    db.card.groupBy({ by: ["deckId"], where: { retiredAt: null }, _count: { _all: true } }),
    learnerId
      ? db.cardState.findMany({ where: { userId: learnerId, card: { retiredAt: null } }, select: { cardId: true, state: true, due: true, card: { select: { deckId: true } } } })
      : Promise.resolve([] as StateRow[]),
    getRemainingToday(learnerId, window, settings),
  ]);
  const counts = new Map<string, QueueCounts & { seen: number }>();
  for (const { deckId, _count } of totals) counts.set(deckId, { new: _count._all, learning: 0, review: 0, seen: 0 });
  for (const row of states) {
    const deck = counts.get(row.card.deckId);
    if (!deck) continue;
    deck.new--;
    if (isLearning(row) && row.due <= now) deck.learning++;
    if (row.state === State.Review && row.due < window.nextDayStart) deck.review++;
  }
  return new Map(
    [...counts].map(([deckId, c]) => [deckId, { new: Math.min(c.new, remaining.newLeft), learning: c.learning, review: Math.min(c.review, remaining.reviewsLeft) }]),
  );
}

const stringListSchema = z.array(z.string());

/** The next card to study in a deck, or null with when the next learning card comes due. */
export async function getStudyQueue(learnerId: string | null, deckId: string, now: Date, settings: StudySettings): Promise<StudyQueue> {
  const window = dayWindow(now, settings);
  const [states, remaining, firstNew, newTotal] = await Promise.all([
    learnerId ? db.cardState.findMany({ where: { userId: learnerId, card: { deckId, retiredAt: null } }, orderBy: { due: "asc" } }) : Promise.resolve([]),
    getRemainingToday(learnerId, window, settings),
    db.card.findFirst({
      where: { deckId, retiredAt: null, ...(learnerId ? { cardStates: { none: { userId: learnerId } } } : {}) },
      orderBy: { position: "asc" },
      select: { id: true },
    }),
    db.card.count({ where: { deckId, retiredAt: null, ...(learnerId ? { cardStates: { none: { userId: learnerId } } } : {}) } }),
  ]);
  const learningDue = states.filter((row) => isLearning(row) && row.due <= now);
  const reviewsDue = states.filter((row) => row.state === State.Review && row.due < window.nextDayStart).slice(0, remaining.reviewsLeft);
  const learningSoon = states.filter((row) => isLearning(row) && row.due > now);
  const counts = { new: Math.min(newTotal, remaining.newLeft), learning: learningDue.length, review: reviewsDue.length };

  const soon = learningSoon.find((row) => row.due.getTime() - now.getTime() <= learnAheadMs);
  const next = learningDue[0] ?? reviewsDue[0] ?? (counts.new > 0 ? undefined : soon);
  const cardId = next?.cardId ?? (counts.new > 0 ? firstNew?.id : undefined);
  if (!cardId) return { card: null, counts, nextLearningDue: learningSoon[0]?.due ?? null };

  const card = await db.card.findUniqueOrThrow({
    where: { id: cardId },
    select: { id: true, deckId: true, type: true, promptHtml: true, answerHtml: true, sources: true },
  });
  const memory: MemoryState | null = next ?? null;
  return {
    card: {
      ...card,
      sources: stringListSchema.parse(card.sources),
      queue: !next ? "new" : isLearning(next) ? "learning" : "review",
      version: next?.version ?? 0,
      previews: previewGrades(memory, now, settings).map(({ rating, label }) => ({ rating, label })),
    },
    counts,
    nextLearningDue: learningSoon[0]?.due ?? null,
  };
}

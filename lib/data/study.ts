import "server-only";
import { db } from "@/lib/db";
import { startOfLearnerDay, startOfNextLearnerDay } from "@/lib/srs/day";
import { State } from "@/lib/srs/schedule";
import { presentCard, type ShownCard } from "./present-card";
import type { StudySettings } from "./settings";
import { visibleCardWhere } from "./visibility";

// What a learner should study next, Anki-style: learning cards that are due, then reviews due
// today, then new cards, within the daily limits; learning cards due within 20 minutes are shown
// early rather than ending the session. Suspended cards, and buried ones until their day ends,
// are left out.

/** Anki's "learn ahead limit": a learning card due this soon is shown rather than waiting. */
const learnAheadMs = 20 * 60_000;

export type QueueCounts = { new: number; learning: number; review: number };

export type StudyQueue = { card: ShownCard | null; counts: QueueCounts; nextLearningDue: Date | null };

type StateRow = { cardId: string; state: number; due: Date; suspendedAt: Date | null; buriedUntil: Date | null };

const isLearning = (row: { state: number }) => row.state === State.Learning || row.state === State.Relearning;
const isHidden = (row: StateRow, now: Date) => row.suspendedAt !== null || (row.buriedUntil !== null && row.buriedUntil > now);

/** Cards a learner has not started (no state, or a new-card state) and has not hidden. */
function newCardFilter(learnerId: string | null, now: Date) {
  if (!learnerId) return {};
  return {
    cardStates: {
      none: { userId: learnerId, OR: [{ state: { not: State.New } }, { suspendedAt: { not: null } }, { buriedUntil: { gt: now } }] },
    },
  };
}

/** New cards and reviews left today under the learner's daily limits (undone grades do not count). */
async function getRemainingToday(learnerId: string | null, now: Date, settings: StudySettings) {
  if (!learnerId) return { newLeft: settings.newCardsPerDay, reviewsLeft: settings.reviewsPerDay };
  const byState = await db.reviewLog.groupBy({
    by: ["state"],
    where: { userId: learnerId, undoneAt: null, source: "study", reviewedAt: { gte: startOfLearnerDay(now, settings) } },
    _count: { _all: true },
  });
  const today = (state: State) => byState.find((row) => row.state === state)?._count._all ?? 0;
  const [newToday, reviewsToday] = [today(State.New), today(State.Review)];
  return { newLeft: Math.max(0, settings.newCardsPerDay - newToday), reviewsLeft: Math.max(0, settings.reviewsPerDay - reviewsToday) };
}

const stateSelect = { cardId: true, state: true, due: true, suspendedAt: true, buriedUntil: true } as const;

export type DeckQueueCounts = { byDeck: Map<string, QueueCounts>; total: QueueCounts };

/**
 * Per deck: how many new, learning and review cards are ready now (Anki's three numbers), each
 * capped by today's limits; and the total, where the limits apply once across all decks.
 */
export async function getQueueCountsByDeck(learnerId: string | null, now: Date, settings: StudySettings): Promise<DeckQueueCounts> {
  const nextDayStart = startOfNextLearnerDay(now, settings);
  const [totals, states, remaining] = await Promise.all([
    db.card.groupBy({ by: ["deckId"], where: visibleCardWhere(learnerId), _count: { _all: true } }),
    learnerId
      ? db.cardState.findMany({ where: { userId: learnerId, card: { retiredAt: null } }, select: { ...stateSelect, card: { select: { deckId: true } } } })
      : Promise.resolve([]),
    getRemainingToday(learnerId, now, settings),
  ]);
  const uncapped = new Map<string, QueueCounts>();
  for (const { deckId, _count } of totals) uncapped.set(deckId, { new: _count._all, learning: 0, review: 0 });
  for (const row of states) {
    const deck = uncapped.get(row.card.deckId);
    if (!deck) continue;
    const hidden = isHidden(row, now);
    if (row.state !== State.New || hidden) deck.new--;
    if (hidden) continue;
    if (isLearning(row) && row.due <= now) deck.learning++;
    if (row.state === State.Review && row.due < nextDayStart) deck.review++;
  }
  const sum = (key: keyof QueueCounts) => [...uncapped.values()].reduce((total, deck) => total + deck[key], 0);
  const cap = (deck: QueueCounts) => ({ new: Math.min(deck.new, remaining.newLeft), learning: deck.learning, review: Math.min(deck.review, remaining.reviewsLeft) });
  return {
    byDeck: new Map([...uncapped].map(([deckId, deck]) => [deckId, cap(deck)])),
    total: cap({ new: sum("new"), learning: sum("learning"), review: sum("review") }),
  };
}

/**
 * The next card to study in a deck, or null with when the next learning card comes due.
 * `prefer` (the card whose grade was just undone, at the version the undo left) is shown first
 * when it is ready; once graded again its version moves on and the preference lapses.
 */
export async function getStudyQueue(
  learnerId: string | null,
  deckId: string,
  now: Date,
  settings: StudySettings,
  prefer?: { cardId: string; version: number },
): Promise<StudyQueue> {
  const nextDayStart = startOfNextLearnerDay(now, settings);
  const newWhere = { deckId, ...visibleCardWhere(learnerId), ...newCardFilter(learnerId, now) };
  const [allStates, remaining, newCards, newTotal] = await Promise.all([
    learnerId ? db.cardState.findMany({ where: { userId: learnerId, card: { deckId, retiredAt: null } }, orderBy: { due: "asc" } }) : Promise.resolve([]),
    getRemainingToday(learnerId, now, settings),
    db.card.findMany({ where: newWhere, orderBy: { position: "asc" }, select: { id: true }, take: 1 }),
    db.card.count({ where: newWhere }),
  ]);
  const states = allStates.filter((row) => !isHidden(row, now));
  const learningDue = states.filter((row) => isLearning(row) && row.due <= now);
  const reviewsDue = states.filter((row) => row.state === State.Review && row.due < nextDayStart).slice(0, remaining.reviewsLeft);
  const learningSoon = states.filter((row) => isLearning(row) && row.due > now);
  const counts = { new: Math.min(newTotal, remaining.newLeft), learning: learningDue.length, review: reviewsDue.length };
  const soon = learningSoon.find((row) => row.due.getTime() - now.getTime() <= learnAheadMs);
  const newCardIds = counts.new > 0 ? newCards.map((card) => card.id) : [];
  const preferredRow = prefer && allStates.find((row) => row.cardId === prefer.cardId && row.version === prefer.version);
  const isPreferredNew = Boolean(preferredRow && counts.new > 0 && (await db.card.count({ where: { ...newWhere, id: preferredRow.cardId } })));
  const preferred = preferredRow && [...learningDue, ...reviewsDue, ...(soon ? [soon] : [])].find((row) => row.cardId === preferredRow.cardId);

  const next = preferred ?? (isPreferredNew ? undefined : (learningDue[0] ?? reviewsDue[0] ?? (newCardIds.length ? undefined : soon)));
  const cardId = next?.cardId ?? (isPreferredNew ? preferredRow?.cardId : newCardIds[0]);
  if (!cardId) return { card: null, counts, nextLearningDue: learningSoon[0]?.due ?? null };

  const memory = next ?? allStates.find((row) => row.cardId === cardId) ?? null;
  const queue = !next || next.state === State.New ? "new" : isLearning(next) ? "learning" : "review";
  return {
    card: await presentCard({ cardId, learnerId, memory, queue, now, settings }),
    counts,
    nextLearningDue: learningSoon[0]?.due ?? null,
  };
}

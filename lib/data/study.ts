import "server-only";
import { db } from "@/lib/db";
import { startOfNextLearnerDay } from "@/lib/srs/day";
import { State } from "@/lib/srs/schedule";
import { isHiddenCard, isLearningState } from "@/lib/study/card-status";
import { limitCounts, totalCounts, type QueueCounts } from "@/lib/study/daily-limits";
import { nextLearningDue, pickNextCard, type LearningCard } from "@/lib/study/pick-next-card";
import type { CustomStudy } from "@/lib/validations/custom-study";
import { getForgottenCardIds } from "./custom-study";
import { getDailyAllowances } from "./deck-limits";
import { presentCard, type ShownCard } from "./present-card";
import type { StudySettings } from "./settings";
import { visibleCardWhere } from "./visibility";

// What a learner studies today, Anki-style. One function counts every deck's cards for today
// (new and reviews within each deck's limits and the cap across decks, every learning card due
// before the day ends), and the study queue shows exactly the cards it counted, so the three
// numbers always add up to what the deck will show. Suspended cards, and buried ones until
// their day ends, are left out.

export type { QueueCounts };

export type StudyQueue = { card: ShownCard | null; counts: QueueCounts; nextLearningDue: Date | null };

/** A deck's cards for today: counts within the limits, and the cards behind them. */
type DeckToday = { counts: QueueCounts; learning: LearningCard[]; reviewIds: string[]; newIds: string[] };

export type DeckQueueCounts = { byDeck: Map<string, QueueCounts>; total: QueueCounts; nextLearningDue: Date | null };

type StateRow = {
  cardId: string;
  state: number;
  due: Date;
  suspendedAt: Date | null;
  buriedUntil: Date | null;
  card: { deckId: string; tags?: unknown };
};

const unlimited = { new: Infinity, review: Infinity };
const isTagged = (tags: unknown, tag: string | undefined) =>
  tag === undefined || (Array.isArray(tags) && tags.includes(tag));

/**
 * Every deck's cards for today (or one deck's), within each deck's allowance and the one across
 * all decks. With a tag (custom study by tag), only cards with that tag, and no limits.
 */
async function getDecksToday(
  learnerId: string | null,
  now: Date,
  settings: StudySettings,
  scope: { deckId?: string; tag?: string } = {},
) {
  const nextDayStart = startOfNextLearnerDay(now, settings);
  const deckWhere = scope.deckId ? { deckId: scope.deckId } : {};
  const [allCards, allStates, limits] = await Promise.all([
    db.card.findMany({
      where: { ...deckWhere, ...visibleCardWhere(learnerId) },
      orderBy: { position: "asc" },
      select: { id: true, deckId: true, tags: scope.tag !== undefined },
    }),
    learnerId
      ? db.cardState.findMany({
          where: { userId: learnerId, card: { ...deckWhere, retiredAt: null } },
          orderBy: [{ due: "asc" }, { cardId: "asc" }],
          select: {
            cardId: true,
            state: true,
            due: true,
            suspendedAt: true,
            buriedUntil: true,
            card: { select: { deckId: true, tags: scope.tag !== undefined } },
          },
        })
      : Promise.resolve([] as StateRow[]),
    getDailyAllowances(learnerId, now, settings),
  ]);
  const cards = allCards.filter((card) => isTagged(card.tags, scope.tag));
  const states = allStates.filter((row) => isTagged(row.card.tags, scope.tag));
  const allowances = scope.tag === undefined ? limits : { forDeck: () => unlimited, all: unlimited };
  const started = new Set(
    states.filter((row) => row.state !== State.New || isHiddenCard(row, now)).map((row) => row.cardId),
  );
  const decks = new Map<string, { learning: LearningCard[]; reviewIds: string[]; newIds: string[] }>();
  const deckOf = (id: string) => decks.get(id) ?? decks.set(id, { learning: [], reviewIds: [], newIds: [] }).get(id)!;
  for (const card of cards) if (!started.has(card.id)) deckOf(card.deckId).newIds.push(card.id);
  for (const row of states) {
    if (isHiddenCard(row, now) || row.due >= nextDayStart) continue;
    if (isLearningState(row.state)) deckOf(row.card.deckId).learning.push({ cardId: row.cardId, due: row.due });
    else if (row.state === State.Review) deckOf(row.card.deckId).reviewIds.push(row.cardId);
  }
  const byDeck = new Map<string, DeckToday>();
  for (const [id, deck] of decks) {
    const ready = { new: deck.newIds.length, learning: deck.learning.length, review: deck.reviewIds.length };
    const counts = limitCounts(ready, allowances.forDeck(id), allowances.all);
    byDeck.set(id, {
      counts,
      learning: deck.learning,
      reviewIds: deck.reviewIds.slice(0, counts.review),
      newIds: deck.newIds.slice(0, counts.new),
    });
  }
  return { byDeck, all: allowances.all };
}

const noCards: QueueCounts = { new: 0, learning: 0, review: 0 };

/** Per deck: the new, learning and review cards it will show today (Anki's three numbers), and their total. */
export async function getQueueCountsByDeck(
  learnerId: string | null,
  now: Date,
  settings: StudySettings,
): Promise<DeckQueueCounts> {
  const { byDeck, all } = await getDecksToday(learnerId, now, settings);
  const learning = [...byDeck.values()]
    .flatMap((deck) => deck.learning)
    .sort((a, b) => a.due.getTime() - b.due.getTime());
  return {
    byDeck: new Map([...byDeck].map(([deckId, deck]) => [deckId, deck.counts])),
    total: totalCounts(
      [...byDeck.values()].map((deck) => deck.counts),
      all,
    ),
    nextLearningDue: nextLearningDue(learning, now),
  };
}

export type StudyQueueOptions = {
  /** The card whose grade was just undone, at the version the undo left: shown first while ready. */
  prefer?: { cardId: string; version: number };
  /** The card graded just before: not shown again straight away while another is ready. */
  justGradedId?: string;
  /** Custom study: forgotten cards, or one tag beyond the daily limits. */
  custom?: CustomStudy;
};

/** The next card to study in a deck, or null with when the next learning card comes due today. */
export async function getStudyQueue(
  learnerId: string | null,
  deckId: string,
  now: Date,
  settings: StudySettings,
  options: StudyQueueOptions = {},
): Promise<StudyQueue> {
  if (options.custom?.kind === "forgotten")
    return getForgottenQueue(learnerId, deckId, now, settings, options.custom.days, options.justGradedId);
  const tag = options.custom?.kind === "tag" ? options.custom.tag : undefined;
  const { byDeck } = await getDecksToday(learnerId, now, settings, { deckId, tag });
  const deck = byDeck.get(deckId) ?? { counts: noCards, learning: [], reviewIds: [], newIds: [] };
  const upcoming = nextLearningDue(deck.learning, now);
  const picked =
    (await preferredCandidate(learnerId, deck, options.prefer)) ??
    pickNextCard({ ...deck, now, justGradedId: options.justGradedId });
  if (!picked) return { card: null, counts: deck.counts, nextLearningDue: upcoming };
  const memory = learnerId
    ? await db.cardState.findUnique({ where: { userId_cardId: { userId: learnerId, cardId: picked.cardId } } })
    : null;
  return {
    card: await presentCard({ cardId: picked.cardId, learnerId, memory, queue: picked.queue, now, settings }),
    counts: deck.counts,
    nextLearningDue: upcoming,
  };
}

/** Custom study of forgotten cards: each shown whatever its due date, the one just graded last. */
async function getForgottenQueue(
  learnerId: string | null,
  deckId: string,
  now: Date,
  settings: StudySettings,
  days: number,
  justGradedId?: string,
): Promise<StudyQueue> {
  const cardIds = learnerId ? await getForgottenCardIds(learnerId, deckId, days, now, settings) : [];
  const counts = { new: 0, learning: 0, review: cardIds.length };
  const cardId = cardIds.find((id) => id !== justGradedId) ?? cardIds[0];
  if (!learnerId || !cardId) return { card: null, counts, nextLearningDue: null };
  const memory = await db.cardState.findUnique({ where: { userId_cardId: { userId: learnerId, cardId } } });
  return {
    card: await presentCard({ cardId, learnerId, memory, queue: "review", now, settings }),
    counts,
    nextLearningDue: null,
  };
}

/** The undone card, if it is still at the version the undo left and among today's cards. */
async function preferredCandidate(learnerId: string | null, deck: DeckToday, prefer: StudyQueueOptions["prefer"]) {
  if (!learnerId || !prefer) return null;
  const row = await db.cardState.findUnique({
    where: { userId_cardId: { userId: learnerId, cardId: prefer.cardId } },
    select: { version: true },
  });
  if (row && row.version !== prefer.version) return null;
  if (deck.newIds.includes(prefer.cardId)) return { cardId: prefer.cardId, queue: "new" as const };
  if (deck.reviewIds.includes(prefer.cardId)) return { cardId: prefer.cardId, queue: "review" as const };
  if (deck.learning.some((card) => card.cardId === prefer.cardId))
    return { cardId: prefer.cardId, queue: "learning" as const };
  return null;
}

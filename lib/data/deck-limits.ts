import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { startOfStudyDay } from "@/lib/srs/day";
import { State } from "@/lib/srs/schedule";
import {
  allDecksAllowance,
  deckAllowance,
  type Allowance,
  type DeckLimit,
  type DoneToday,
} from "@/lib/study/daily-limits";
import type { DeckLimitsInput } from "@/lib/validations/deck-limits";
import type { StudySettings } from "./settings";

// Each learner's limits per deck (Anki's deck options), the cap across all decks, and the
// extra new cards custom study grants for one day.

export type DailyAllowances = { forDeck: (deckId: string) => Allowance; all: Allowance };

export type OwnDeckLimits = { newCardsPerDay: number | null; reviewsPerDay: number | null };

type LimitsRow = {
  deckId: string;
  newCardsPerDay: number | null;
  reviewsPerDay: number | null;
  extraNewCards: number;
  extraNewDayStart: Date | null;
};

function toDeckLimit(row: LimitsRow | undefined, dayStart: Date, settings: StudySettings): DeckLimit {
  const isToday = row?.extraNewDayStart?.getTime() === dayStart.getTime();
  return {
    newCardsPerDay: row?.newCardsPerDay ?? settings.newCardsPerDay,
    reviewsPerDay: row?.reviewsPerDay ?? settings.reviewsPerDay,
    extraNewToday: isToday ? row!.extraNewCards : 0,
  };
}

/**
 * The learner's limits for every deck they set any for. Read once per request: the study page
 * needs them for the queue (getDailyAllowances) and for the deck limits form (getOwnDeckLimits).
 */
const getDeckLimitRows = cache(async (learnerId: string) => db.deckLimits.findMany({ where: { userId: learnerId } }));

/** What each deck, and all decks together, may still show today (undone grades do not count). */
export async function getDailyAllowances(
  learnerId: string | null,
  now: Date,
  settings: StudySettings,
): Promise<DailyAllowances> {
  const dayStart = startOfStudyDay(now, settings);
  const [rows, graded] = learnerId
    ? await Promise.all([
        getDeckLimitRows(learnerId),
        db.reviewLog.findMany({
          where: {
            userId: learnerId,
            undoneAt: null,
            source: "study",
            reviewedAt: { gte: dayStart },
            state: { in: [State.New, State.Review] },
          },
          select: { state: true, card: { select: { deckId: true } } },
        }),
      ])
    : [[], []];
  const doneByDeck = new Map<string, DoneToday>();
  const doneAll: DoneToday = { new: 0, review: 0 };
  for (const { state, card } of graded) {
    const done = doneByDeck.get(card.deckId) ?? { new: 0, review: 0 };
    const key = state === State.New ? "new" : "review";
    done[key]++;
    doneAll[key]++;
    doneByDeck.set(card.deckId, done);
  }
  const limits = new Map(rows.map((row) => [row.deckId, toDeckLimit(row, dayStart, settings)]));
  const extraNewToday = [...limits.values()].reduce((sum, limit) => sum + limit.extraNewToday, 0);
  const cap = { newCardsPerDay: settings.allDecksNewCardsPerDay, reviewsPerDay: settings.allDecksReviewsPerDay };
  return {
    forDeck: (deckId) =>
      deckAllowance(limits.get(deckId) ?? toDeckLimit(undefined, dayStart, settings), doneByDeck.get(deckId)),
    all: allDecksAllowance(cap, doneAll, extraNewToday),
  };
}

/** A deck's own limits (null where it uses the learner's default), for the deck limits form. */
export async function getOwnDeckLimits(learnerId: string | null, deckId: string): Promise<OwnDeckLimits> {
  const row = learnerId ? (await getDeckLimitRows(learnerId)).find((limits) => limits.deckId === deckId) : undefined;
  return { newCardsPerDay: row?.newCardsPerDay ?? null, reviewsPerDay: row?.reviewsPerDay ?? null };
}

/** Saves a deck's own limits; an empty field (null) goes back to the learner's default. */
export async function saveDeckLimits(learnerId: string, deckId: string, input: DeckLimitsInput): Promise<void> {
  await db.deckLimits.upsert({
    where: { userId_deckId: { userId: learnerId, deckId } },
    create: { userId: learnerId, deckId, ...input },
    update: input,
  });
}

/** Custom study: `count` more new cards in this deck today (added to any granted earlier today). */
export async function addExtraNewCards(
  learnerId: string,
  deckId: string,
  count: number,
  now: Date,
  settings: StudySettings,
): Promise<void> {
  const dayStart = startOfStudyDay(now, settings);
  await db.$transaction(async (tx) => {
    const row = await tx.deckLimits.findUnique({ where: { userId_deckId: { userId: learnerId, deckId } } });
    const extraNewCards = (row?.extraNewDayStart?.getTime() === dayStart.getTime() ? row.extraNewCards : 0) + count;
    await tx.deckLimits.upsert({
      where: { userId_deckId: { userId: learnerId, deckId } },
      create: { userId: learnerId, deckId, extraNewCards, extraNewDayStart: dayStart },
      update: { extraNewCards, extraNewDayStart: dayStart },
    });
  });
}

import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { currentStreak, reviewsByDay, timeStudiedMs } from "@/lib/progress/activity";
import { daysBetweenDates, learnerDateKey, learnerDayOffset } from "@/lib/progress/day-index";
import { dueForecast, forecastFromToday } from "@/lib/progress/forecast";
import { planForInterview, type Plan } from "@/lib/progress/planner";
import { trueRetention, type RetentionRow } from "@/lib/progress/true-retention";
import { retrievability, State } from "@/lib/srs/schedule";
import { countReplays } from "./replays";
import type { StudySettings } from "./settings";
import { getQueueCountsByDeck, type QueueCounts } from "./study";
import { visibleDeckWhere } from "./visibility";

export type TopicMastery = {
  deckId: string;
  title: string;
  cardCount: number;
  studied: number;
  averageRetrievability: number;
};

export type Progress = {
  dueToday: QueueCounts;
  forecast: number[];
  reviewsByDay: { date: string; count: number }[];
  streak: number;
  reviewCount: number;
  timeStudiedMs: { today: number; week: number; total: number };
  retention: RetentionRow[];
  mastery: TopicMastery[];
  replays: { views: number; scenarios: number };
  planner: { interviewDate: string | null; daysLeft: number | null; plan: Plan | null; unseenCards: number };
};

const intervalSchema = z.object({ scheduledDays: z.number() }).nullable().catch(null);

/** Everything the progress dashboard shows, computed on the learner's own calendar. */
export async function getProgress(learnerId: string | null, now: Date, settings: StudySettings): Promise<Progress> {
  const [counts, states, reviews, decks, replays] = await Promise.all([
    getQueueCountsByDeck(learnerId, now, settings),
    learnerId
      ? db.cardState.findMany({
          where: { userId: learnerId, card: { retiredAt: null } },
          include: { card: { select: { deckId: true } } },
        })
      : Promise.resolve([]),
    learnerId
      ? db.reviewLog.findMany({
          where: { userId: learnerId, undoneAt: null },
          select: { reviewedAt: true, rating: true, state: true, durationMs: true, stateBefore: true },
        })
      : Promise.resolve([]),
    db.deck.findMany({
      where: visibleDeckWhere(learnerId),
      orderBy: { position: "asc" },
      select: { id: true, title: true, _count: { select: { cards: { where: { retiredAt: null } } } } },
    }),
    countReplays(learnerId),
  ]);
  const recent = (days: number) =>
    reviews.filter((review) => learnerDayOffset(review.reviewedAt, now, settings) > -days);
  const studiedByDeck = new Map<string, { studied: number; retrievability: number }>();
  for (const state of states) {
    if (state.state === State.New) continue;
    const entry = studiedByDeck.get(state.card.deckId) ?? { studied: 0, retrievability: 0 };
    entry.studied++;
    entry.retrievability += retrievability(state, now, settings);
    studiedByDeck.set(state.card.deckId, entry);
  }
  const cardCount = decks.reduce((sum, deck) => sum + deck._count.cards, 0);
  const seen = [...studiedByDeck.values()].reduce((sum, entry) => sum + entry.studied, 0);
  return {
    dueToday: counts.total,
    forecast: forecastFromToday(counts.total, dueForecast(states, now, settings)),
    reviewsByDay: [...reviewsByDay(reviews, settings)].map(([date, count]) => ({ date, count })),
    streak: currentStreak(reviews, now, settings),
    reviewCount: reviews.length,
    timeStudiedMs: { today: timeStudiedMs(recent(1)), week: timeStudiedMs(recent(7)), total: timeStudiedMs(reviews) },
    retention: trueRetention(
      reviews.map((review) => ({
        ...review,
        intervalDays: intervalSchema.parse(review.stateBefore)?.scheduledDays ?? 0,
      })),
      now,
      settings,
    ),
    mastery: decks.map((deck) => {
      const entry = studiedByDeck.get(deck.id);
      // Unstudied cards count as forgotten: mastery is the expected share of the deck you would recall now.
      return {
        deckId: deck.id,
        title: deck.title,
        cardCount: deck._count.cards,
        studied: entry?.studied ?? 0,
        averageRetrievability: deck._count.cards ? (entry?.retrievability ?? 0) / deck._count.cards : 0,
      };
    }),
    replays,
    planner: plannerFor(settings.interviewDate ?? null, now, settings, cardCount - seen, recent(7)),
  };
}

function plannerFor(
  interviewDate: string | null,
  now: Date,
  settings: StudySettings,
  unseenCards: number,
  lastWeek: { state: number }[],
) {
  if (!interviewDate) return { interviewDate: null, daysLeft: null, plan: null, unseenCards };
  const daysLeft = daysBetweenDates(learnerDateKey(now, settings), interviewDate);
  const recentNewPerDay = lastWeek.filter((review) => review.state === State.New).length / 7;
  return {
    interviewDate,
    daysLeft,
    unseenCards,
    plan: planForInterview({ daysLeft, unseenCards, newCardsPerDay: settings.newCardsPerDay, recentNewPerDay }),
  };
}

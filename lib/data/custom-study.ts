import "server-only";
import { db } from "@/lib/db";
import { dayMs, startOfStudyDay } from "@/lib/srs/day";
import { Rating } from "@/lib/srs/schedule";
import type { StudySettings } from "./settings";

/**
 * Cards of a deck the learner forgot lately (Anki's "review forgotten cards"): graded Again in
 * the last `days` learner days, and not passed since. Passing one takes it out of the session;
 * failing it again keeps it in, behind the others. Oldest failure first.
 */
export async function getForgottenCardIds(
  learnerId: string,
  deckId: string,
  days: number,
  now: Date,
  settings: StudySettings,
): Promise<string[]> {
  const since = new Date(startOfStudyDay(now, settings).getTime() - (days - 1) * dayMs);
  const reviews = await db.reviewLog.findMany({
    where: {
      userId: learnerId,
      undoneAt: null,
      source: "study",
      reviewedAt: { gte: since },
      card: { deckId, retiredAt: null },
    },
    orderBy: [{ reviewedAt: "asc" }, { createdAt: "asc" }],
    select: { cardId: true, rating: true, reviewedAt: true },
  });
  const latest = new Map<string, { rating: number; reviewedAt: Date }>();
  for (const review of reviews) latest.set(review.cardId, review);
  const forgotten = [...latest].filter(([, review]) => review.rating === Rating.Again).map(([cardId]) => cardId);
  const hidden = await db.cardState.findMany({
    where: {
      userId: learnerId,
      cardId: { in: forgotten },
      OR: [{ suspendedAt: { not: null } }, { buriedUntil: { gt: now } }],
    },
    select: { cardId: true },
  });
  const isHidden = new Set(hidden.map((row) => row.cardId));
  return forgotten.filter((cardId) => !isHidden.has(cardId));
}

/** The tags used by a deck's cards, sorted, for "study by tag". */
export async function getDeckTags(deckId: string): Promise<string[]> {
  const cards = await db.card.findMany({ where: { deckId, retiredAt: null }, select: { tags: true } });
  const tags = new Set(
    cards.flatMap((card) =>
      Array.isArray(card.tags) ? card.tags.filter((tag): tag is string => typeof tag === "string") : [],
    ),
  );
  return [...tags].sort();
}

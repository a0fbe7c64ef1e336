import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from "ts-fsrs";
import type { ExportReview } from "@/lib/export/format-revlog-csv";
import { createRng, seedRng, type Rng } from "@/lib/sim/core/rng";

// A review history drawn from a known memory model: each card is reviewed when the "true" FSRS
// weights below say it is due (stretched or shrunk at random, so recall is observed over a range
// of retrievability), and is recalled with the probability those weights predict. An optimizer
// given this history should find weights that fit it better than the defaults do.

/** Weights unlike ts-fsrs's defaults: slower initial forgetting and a steeper stability gain. */
export const trueWeights = [
  1.2, 3.5, 7.0, 18.0, 5.8, 0.9, 2.2, 0.02, 2.3, 0.2, 1.2, 1.2, 0.08, 0.3, 1.9, 0.4, 2.4, 0.5, 0.1, 0.05, 0.25,
];

const trueModel = fsrs(
  generatorParameters({
    w: trueWeights,
    enable_fuzz: false,
    learning_steps: [],
    relearning_steps: [],
    maximum_interval: 180,
  }),
);

const dayMs = 86_400_000;
/** Reviews happen at noon UTC: well inside one study day whatever the day-start hour. */
const firstDay = Date.UTC(2026, 0, 1, 12);

function gradeOnRecall(rng: Rng): Grade {
  const roll = rng.int(100);
  return roll < 15 ? Rating.Hard : roll < 88 ? Rating.Good : Rating.Easy;
}

function reviewCard(cardId: string, startDay: number, rng: Rng, reviewsMax: number): ExportReview[] {
  const reviews: ExportReview[] = [];
  let card: Card = createEmptyCard(new Date(firstDay + startDay * dayMs));
  let day = startDay;
  while (reviews.length < reviewsMax) {
    const at = new Date(firstDay + day * dayMs + rng.int(3_600) * 1000);
    const recallPercent = card.reps === 0 ? 80 : Math.round(trueModel.get_retrievability(card, at, false) * 100);
    const rating = rng.int(100) < recallPercent ? gradeOnRecall(rng) : Rating.Again;
    reviews.push({ cardId, reviewedAt: at, rating, state: card.state, durationMs: 4_000 + rng.int(12_000) });
    card = trueModel.next(card, at, rating).card;
    // Come back somewhere between half and twice the scheduled interval (at least the next day).
    const scheduled = Math.max(1, card.scheduled_days);
    day += Math.max(1, Math.round((scheduled * (50 + rng.int(151))) / 100));
  }
  return reviews;
}

/** Reviews of each card in a synthetic history. */
export const reviewsPerCard = 8;

/**
 * `reviewsPerCard` reviews of each card, in time order, from one seed: cards start on one of 60
 * days from 2026-01-01, or, with `endsBefore`, the whole history is moved by whole days (so every
 * gap in days stays the same) to end within the day before it. Pure: the same arguments give the same history.
 */
export function syntheticReviewHistory(options: {
  cardIds: string[];
  seed: number;
  endsBefore?: Date;
}): ExportReview[] {
  const rng = createRng(seedRng(options.seed));
  const reviews = options.cardIds.flatMap((cardId) => reviewCard(cardId, rng.int(60), rng, reviewsPerCard));
  reviews.sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
  const last = reviews.at(-1);
  if (!options.endsBefore || !last) return reviews;
  const shiftMs = Math.floor((options.endsBefore.getTime() - last.reviewedAt.getTime()) / dayMs) * dayMs;
  return reviews.map((review) => ({ ...review, reviewedAt: new Date(review.reviewedAt.getTime() + shiftMs) }));
}

/** Card ids for a history of about `reviewCount` reviews, for tests that need no real cards. */
export function syntheticCardIds(reviewCount: number): string[] {
  return Array.from({ length: Math.ceil(reviewCount / reviewsPerCard) }, (_, index) => `card-${index}`);
}

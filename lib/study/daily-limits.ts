// Anki's daily limits: each deck has its own new-card and review limits, and an optional cap
// across all decks together (Anki's parent-deck limit) bounds their sum. Learning cards are
// never limited: a card already started is always finished. Pure: counts in, counts out.

export type QueueCounts = { new: number; learning: number; review: number };

/** What a deck allows per day: its limits, plus the extra new cards custom study granted today. */
export type DeckLimit = { newCardsPerDay: number; reviewsPerDay: number; extraNewToday: number };

/** New cards started and reviews done today (study grades that were not undone). */
export type DoneToday = { new: number; review: number };

/** Optional caps across all decks; null means none. */
type AllDecksCap = { newCardsPerDay: number | null; reviewsPerDay: number | null };

export type Allowance = { new: number; review: number };

const noneDone: DoneToday = { new: 0, review: 0 };

/** New cards and reviews a deck may still show today. */
export function deckAllowance(limit: DeckLimit, done: DoneToday = noneDone): Allowance {
  return {
    new: Math.max(0, limit.newCardsPerDay + limit.extraNewToday - done.new),
    review: Math.max(0, limit.reviewsPerDay - done.review),
  };
}

/**
 * New cards and reviews all decks together may still show today. Extra new cards from custom
 * study raise the cap as well, or "study 10 more" would do nothing once the cap is reached.
 */
export function allDecksAllowance(cap: AllDecksCap, doneAll: DoneToday, extraNewToday: number): Allowance {
  return {
    new: cap.newCardsPerDay === null ? Infinity : Math.max(0, cap.newCardsPerDay + extraNewToday - doneAll.new),
    review: cap.reviewsPerDay === null ? Infinity : Math.max(0, cap.reviewsPerDay - doneAll.review),
  };
}

/** A deck's cards ready today, within its own allowance and what is left across all decks. */
export function limitCounts(ready: QueueCounts, deck: Allowance, all: Allowance): QueueCounts {
  return {
    new: Math.min(ready.new, deck.new, all.new),
    learning: ready.learning,
    review: Math.min(ready.review, deck.review, all.review),
  };
}

/** The total over decks already limited one by one, with the cap across all decks applied once. */
export function totalCounts(decks: QueueCounts[], all: Allowance): QueueCounts {
  const sum = (key: keyof QueueCounts) => decks.reduce((total, deck) => total + deck[key], 0);
  return { new: Math.min(sum("new"), all.new), learning: sum("learning"), review: Math.min(sum("review"), all.review) };
}

/** How many cards a deck (or all decks) will show today: the three counts added up. */
export function countToday(counts: QueueCounts): number {
  return counts.new + counts.learning + counts.review;
}

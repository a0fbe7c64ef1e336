import { z } from "zod";
import { gradeCard, type Grade, type MemoryState, type SchedulerOptions } from "@/lib/srs/schedule";
import type { AnkiCard, AnkiRevlog } from "./collection-types";

// An Anki card's review log, replayed through Quorum's FSRS scheduler (lib/srs/schedule.ts) in
// the importing learner's settings, so the card arrives with the memory state its history gives
// and every review becomes a ReviewLog row with its state before and after. Which entries count
// follows Anki's own FSRS (rslib/src/revlog/mod.rs `has_rating_and_affects_scheduling`,
// rslib/src/scheduler/fsrs/params.rs `reviews_for_fsrs`): a graded entry counts unless it is
// cramming (Filtered with factor 0); a reset (Manual with factor 0) makes the card new again;
// other manual and rescheduling entries carry no grade and change no memory.
// Two things in the card row win over the replay, because they are what the learner has in Anki:
// an FSRS memory state in `cards.data` ({"s","d"}, rslib/src/storage/card/data.rs), computed
// with their own parameters, and a due date moved by "set due date" or a different scheduler.

export type ReplayedReview = {
  rating: Grade;
  reviewedAt: Date;
  durationMs: number;
  /** Null when the card was new: Quorum has no CardState for it yet. */
  before: MemoryState | null;
  after: MemoryState;
};

export type ReplayedCard = {
  reviews: ReplayedReview[];
  /** Null for a card still new. */
  state: MemoryState | null;
  isSuspended: boolean;
};

const secondsPerDay = 86_400;
const cardDataSchema = z.object({ s: z.number().positive(), d: z.number().min(1).max(10) });

/** The FSRS memory Anki stored on the card, if any. */
function cardMemory(data: string): { stability: number; difficulty: number } | null {
  try {
    const parsed = cardDataSchema.safeParse(JSON.parse(data || "{}"));
    return parsed.success ? { stability: parsed.data.s, difficulty: parsed.data.d } : null;
  } catch {
    return null;
  }
}

/** Learning steps are due in epoch seconds; reviews and day-long steps in days since `crt`. */
function isIntradayDue(card: Pick<AnkiCard, "queue" | "type" | "due">): boolean {
  if (card.queue === 1) return true;
  if (card.queue === 2 || card.queue === 3) return false;
  return (card.type === 1 || card.type === 3) && card.due > 1_000_000_000;
}

function ankiDueDate(card: AnkiCard, crt: number): Date | null {
  if (card.type === 0) return null; // a new card's due is its position in the new queue
  return new Date((isIntradayDue(card) ? card.due : crt + card.due * secondsPerDay) * 1000);
}

/** Whether `due` falls in the same unit (second or day) as Anki's due for the card. */
function isSameDue(due: Date, card: AnkiCard, crt: number): boolean {
  const seconds = due.getTime() / 1000;
  return isIntradayDue(card)
    ? Math.floor(seconds) === card.due
    : Math.round((seconds - crt) / secondsPerDay) === card.due;
}

function replayEntries(
  entries: AnkiRevlog[],
  options: SchedulerOptions,
): { reviews: ReplayedReview[]; current: MemoryState | null } {
  const reviews: ReplayedReview[] = [];
  let current: MemoryState | null = null;
  for (const entry of entries) {
    if (entry.type === 4 && entry.factor === 0) current = null;
    const isGraded = entry.ease >= 1 && entry.ease <= 4 && !(entry.type === 3 && entry.factor === 0);
    if (!isGraded) continue;
    const reviewedAt = new Date(entry.id);
    const { before, after } = gradeCard(current, entry.ease as Grade, reviewedAt, options);
    reviews.push({
      rating: entry.ease as Grade,
      reviewedAt,
      durationMs: Math.max(0, entry.time),
      before: current ? before : null,
      after,
    });
    current = after;
  }
  return { reviews, current };
}

/** Replays one card's entries (oldest first). Pure. */
function replayCard(card: AnkiCard, entries: AnkiRevlog[], crt: number, options: SchedulerOptions): ReplayedCard {
  const { reviews, current } = replayEntries(entries, options);
  const memory = cardMemory(card.data);
  const ankiDue = ankiDueDate(card, crt);
  let state = current;
  if (!state && card.type !== 0 && memory && ankiDue) {
    // Scheduled in Anki but exported without its history: the stored memory and schedule are all there is.
    state = {
      due: ankiDue,
      ...memory,
      elapsedDays: 0,
      scheduledDays: Math.max(0, card.ivl),
      learningSteps: 0,
      reps: card.reps,
      lapses: card.lapses,
      state: card.type,
      lastReview: null,
    };
  }
  if (state && memory) state = { ...state, ...memory };
  if (state && ankiDue && !isSameDue(state.due, card, crt)) state = { ...state, due: ankiDue };
  return { reviews, state, isSuspended: card.queue === -1 };
}

/** Review-log entries replayed per pool job: about a second of work, so other jobs interleave. */
const replayBatchEntries = 10_000;

/** Splits cards into consecutive batches of about `replayBatchEntries` entries each. */
export function replayBatches<T extends { entries: AnkiRevlog[] }>(cards: T[]): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let entries = 0;
  for (const card of cards) {
    batch.push(card);
    entries += card.entries.length;
    if (entries >= replayBatchEntries) {
      batches.push(batch);
      batch = [];
      entries = 0;
    }
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** Replays a batch of cards (a pool job). Pure. */
export function replayCards(
  cards: { anki: AnkiCard; entries: AnkiRevlog[] }[],
  crt: number,
  options: SchedulerOptions,
): ReplayedCard[] {
  return cards.map((card) => replayCard(card.anki, card.entries, crt, options));
}

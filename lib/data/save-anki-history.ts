import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { storedCardStateToJson } from "@/lib/srs/memory-json";
import { newMemoryState, type MemoryState } from "@/lib/srs/schedule";
import type { ReplayedCard } from "@/lib/import/apkg/replay-revlog";

// An imported package's memory: one CardState per scheduled card and one ReviewLog row per
// replayed review, shaped exactly as a grade in Quorum writes them (lib/data/reviews.ts), with
// source "anki" so daily limits and undo, which count the learner's own study, leave them alone.
// Written in short batches while the deck is still hidden (lib/data/save-imported-deck.ts).

const rowsPerBatch = 500;

const flagsNone = { suspendedAt: null, leechAt: null };

const stateJson = (state: MemoryState | null) =>
  state ? storedCardStateToJson({ ...state, ...flagsNone }) : Prisma.JsonNull;

function reviewRows(learnerId: string, cardId: string, history: ReplayedCard) {
  return history.reviews.map((review, version) => ({
    userId: learnerId,
    cardId,
    rating: review.rating,
    state: review.before?.state ?? 0,
    reviewedAt: review.reviewedAt,
    elapsedDays: review.after.elapsedDays,
    scheduledDays: review.after.scheduledDays,
    durationMs: review.durationMs,
    stateBefore: stateJson(review.before),
    stateAfter: stateJson(review.after),
    requestKey: `${learnerId}:${cardId}:${version}`,
    source: "anki",
  }));
}

async function createInBatches<T>(rows: T[], create: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerBatch) {
    await create(rows.slice(start, start + rowsPerBatch));
    await new Promise((resolve) => setImmediate(resolve)); // let waiting requests run between batches
  }
}

/** Writes the states and reviews of the cards just inserted (`cardIds[i]` is the card of `histories[i]`). */
export async function saveCardHistories(
  db: PrismaClient,
  input: { learnerId: string; cardIds: string[]; histories: ReplayedCard[]; now: Date },
): Promise<void> {
  const states = input.histories.flatMap((history, index) => {
    // A suspended card never studied still needs a row to carry its suspension.
    const state = history.state ?? (history.isSuspended ? newMemoryState(input.now) : null);
    if (!state) return [];
    return [
      {
        userId: input.learnerId,
        cardId: input.cardIds[index]!,
        ...state,
        suspendedAt: history.isSuspended ? input.now : null,
        version: history.reviews.length,
      },
    ];
  });
  const reviews = input.histories.flatMap((history, index) =>
    reviewRows(input.learnerId, input.cardIds[index]!, history),
  );
  await createInBatches(states, (data) => db.cardState.createMany({ data }));
  await createInBatches(reviews, (data) => db.reviewLog.createMany({ data }));
}

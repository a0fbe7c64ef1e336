import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { ApkgExportCard } from "@/lib/export/apkg/build-apkg";
import { runInPool, type HeavyOutcome } from "@/lib/pool/heavy-job";
import { storedCardStateFromJson } from "@/lib/srs/memory-json";
import type { MemoryState } from "@/lib/srs/schedule";
import { getStudySettings } from "./settings";
import { visibleCardWhere, visibleDeckWhere } from "./visibility";

// Taking a deck to Anki with its progress: the cards the learner can study (one deck, or all),
// their CardStates and every review that counts, as an .apkg (lib/export/apkg/build-apkg.ts).
// The SQLite and the zip are built in the worker pool: for 10,000 cards with 100,000 reviews that
// is about 1.7 s of work (npm run bench -- apkg), too long for the request loop.

const tagsSchema = z.array(z.string());

/** The CardState columns the export reads: the card's FSRS memory state, and whether it is suspended. */
const exportedStateSelect = {
  due: true,
  stability: true,
  difficulty: true,
  elapsedDays: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
  suspendedAt: true,
} satisfies Record<keyof MemoryState | "suspendedAt", true>;

/**
 * The .apkg of one deck the learner can study (or of every such deck when `deckId` is null); null
 * for an unknown deck, a refusal when the pool cannot take the job now.
 */
export async function exportAnkiPackage(
  learnerId: string,
  deckId: string | null,
  now: Date,
): Promise<HeavyOutcome<Uint8Array> | null> {
  const cards = await db.card.findMany({
    where: { ...visibleCardWhere(learnerId), ...(deckId ? { deckId } : {}) },
    orderBy: [{ deck: { position: "asc" } }, { position: "asc" }],
    select: {
      id: true,
      promptHtml: true,
      answerHtml: true,
      tags: true,
      deck: { select: { title: true } },
      cardStates: { where: { userId: learnerId }, select: exportedStateSelect },
      reviewLogs: {
        where: { userId: learnerId, undoneAt: null },
        orderBy: [{ reviewedAt: "asc" }, { createdAt: "asc" }],
        select: { rating: true, reviewedAt: true, durationMs: true, stateBefore: true, stateAfter: true },
      },
    },
  });
  if (deckId && cards.length === 0) return null;
  const settings = await getStudySettings(learnerId);
  const exported: ApkgExportCard[] = cards.map((card) => {
    const state = card.cardStates[0];
    return {
      id: card.id,
      deck: `Quorum::${card.deck.title.replaceAll("::", ":")}`,
      frontHtml: card.promptHtml,
      backHtml: card.answerHtml,
      tags: tagsSchema.parse(card.tags),
      state: state ?? null,
      isSuspended: state?.suspendedAt != null,
      reviews: card.reviewLogs.map((review) => ({
        rating: review.rating,
        reviewedAt: review.reviewedAt,
        durationMs: review.durationMs,
        before: storedCardStateFromJson(review.stateBefore),
        after: storedCardStateFromJson(review.stateAfter)!,
      })),
    };
  });
  const input = {
    cards: exported,
    now,
    dayPrefs: { timeZone: settings.timeZone, dayStartHour: settings.dayStartHour },
    steps: { learning: settings.learningSteps.length, relearning: settings.relearningSteps.length },
    desiredRetention: settings.desiredRetention,
  };
  return runInPool({ kind: "build-apkg", input });
}

/** The decks the learner can study, to choose one to export: Quorum's and their own, in study order. */
export async function getExportableDecks(learnerId: string | null): Promise<{ id: string; title: string }[]> {
  return db.deck.findMany({
    where: visibleDeckWhere(learnerId),
    orderBy: { position: "asc" },
    select: { id: true, title: true },
  });
}

import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { formatAnkiExport } from "@/lib/export/format-anki-export";
import { formatRevlogCsv } from "@/lib/export/format-revlog-csv";
import { visibleCardWhere } from "./visibility";

// Taking everything out: the review log in the FSRS optimizer's CSV format, every card the
// learner can study as an Anki plain-text file, and the whole account as JSON.

const tagsSchema = z.array(z.string());

/** Every review that counts (undone ones left out), oldest first, as the optimizer's CSV. */
export async function exportReviewLogCsv(learnerId: string): Promise<string> {
  const reviews = await db.reviewLog.findMany({
    where: { userId: learnerId, undoneAt: null },
    orderBy: [{ reviewedAt: "asc" }, { createdAt: "asc" }],
    select: { cardId: true, reviewedAt: true, rating: true, state: true, durationMs: true },
  });
  return formatRevlogCsv(reviews);
}

/** The cards a learner can study, as Anki "Notes in Plain Text" (decks under "Quorum::"). */
export async function exportCardsAnki(learnerId: string): Promise<string> {
  const cards = await db.card.findMany({
    where: visibleCardWhere(learnerId),
    orderBy: [{ deck: { position: "asc" } }, { position: "asc" }],
    select: { id: true, promptHtml: true, answerHtml: true, tags: true, deck: { select: { title: true } } },
  });
  return formatAnkiExport(
    cards.map((card) => ({
      guid: card.id,
      deck: `Quorum::${card.deck.title.replaceAll("::", ":")}`,
      frontHtml: card.promptHtml,
      backHtml: card.answerHtml,
      tags: tagsSchema.parse(card.tags),
    })),
  );
}

/** Everything stored about a learner, as one JSON document (password hash and OAuth tokens left out). */
export async function exportAccountJson(learnerId: string, now: Date): Promise<string> {
  const [user, settings, decks, cardStates, reviewLogs, quizzes, replayViews] = await Promise.all([
    db.user.findUnique({
      where: { id: learnerId },
      select: {
        id: true,
        email: true,
        name: true,
        isGuest: true,
        createdAt: true,
        accounts: { select: { provider: true, providerAccountId: true } },
      },
    }),
    db.learnerSettings.findUnique({ where: { userId: learnerId } }),
    db.deck.findMany({
      where: { ownerId: learnerId },
      include: {
        cards: { select: { id: true, prompt: true, answer: true, tags: true, position: true, retiredAt: true } },
      },
    }),
    db.cardState.findMany({ where: { userId: learnerId }, omit: { id: true, userId: true } }),
    db.reviewLog.findMany({ where: { userId: learnerId }, orderBy: { reviewedAt: "asc" }, omit: { userId: true } }),
    db.quiz.findMany({
      where: { userId: learnerId },
      include: { questions: { omit: { id: true, quizId: true } } },
      omit: { userId: true },
    }),
    db.replayView.findMany({
      where: { userId: learnerId },
      orderBy: { viewedAt: "asc" },
      select: { scenario: true, key: true, viewedAt: true },
    }),
  ]);
  return JSON.stringify(
    {
      format: "quorum-account",
      version: 1,
      exportedAt: now.toISOString(),
      user,
      settings,
      decks,
      cardStates,
      reviewLogs,
      quizzes,
      replayViews,
    },
    null,
    2,
  );
}

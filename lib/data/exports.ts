import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { formatAnkiExport } from "@/lib/export/format-anki-export";
import { formatRevlogCsv } from "@/lib/export/format-revlog-csv";
import { visibleCardWhere } from "./visibility";

// Taking everything out: the review log in the FSRS optimizer's CSV format and every card the
// learner can study as an Anki plain-text file (the whole account: lib/data/account-export.ts).

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

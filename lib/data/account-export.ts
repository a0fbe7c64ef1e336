import "server-only";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { db } from "@/lib/db";
import { accountExportFormat, accountExportVersion } from "@/lib/validations/account-export";

// The whole account as one JSON document (lib/validations/account-export.ts), which
// lib/data/account-import.ts restores into an account without study history. Rows are read
// whole, leaving out only the keys that tie them to this account (row ids, the learner's id):
// a column added to a table travels without a change here, and the round-trip test checks that
// every column does. Left out on purpose: the password hash, OAuth tokens, sessions and
// password-reset links (credentials of this account, not the learner's study), and sign-in
// throttles (about a client address, not a learner).

/** Everything a learner studied and set, compact JSON (an account file must stay under the import limit). */
export async function exportAccountJson(learnerId: string, now: Date): Promise<string> {
  const where = { userId: learnerId };
  const [user, settings, deckLimits, decks, cardStates, reviewLogs, quizzes, replayViews] = await Promise.all([
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
    db.learnerSettings.findUnique({ where, omit: { userId: true } }),
    db.deckLimits.findMany({ where, omit: { userId: true }, orderBy: { deckId: "asc" } }),
    db.deck.findMany({
      where: { ownerId: learnerId },
      omit: { ownerId: true },
      orderBy: { position: "asc" },
      include: { cards: { omit: { deckId: true }, orderBy: { position: "asc" } } },
    }),
    db.cardState.findMany({ where, omit: { id: true, userId: true }, orderBy: { cardId: "asc" } }),
    db.reviewLog.findMany({
      where,
      omit: { id: true, userId: true },
      orderBy: [{ reviewedAt: "asc" }, { createdAt: "asc" }],
    }),
    db.quiz.findMany({
      where,
      omit: { id: true, userId: true },
      orderBy: { startedAt: "asc" },
      include: {
        questions: {
          omit: { id: true, quizId: true },
          orderBy: { position: "asc" },
          include: { interview: { omit: { quizQuestionId: true } } },
        },
      },
    }),
    db.replayView.findMany({ where, omit: { id: true, userId: true }, orderBy: { viewedAt: "asc" } }),
  ]);
  return JSON.stringify({
    format: accountExportFormat,
    version: accountExportVersion,
    exportedAt: now.toISOString(),
    user: user ?? { id: learnerId },
    settings,
    deckLimits,
    decks,
    cardStates,
    reviewLogs,
    quizzes,
    replayViews,
  });
}

const gzipAsync = promisify(gzip);

/** The same, gzipped (about a tenth of the size), so a big account stays under the import size limit. */
export async function exportAccountGzip(learnerId: string, now: Date): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await gzipAsync(await exportAccountJson(learnerId, now)));
}

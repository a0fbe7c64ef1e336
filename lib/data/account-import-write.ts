import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RenderedCard } from "@/lib/import/render-cards";
import { cardBytesOf, checkStorageQuota, storageQuotaBytes } from "@/lib/import/storage-quota";
import { storedCardBytes } from "./stored-card-bytes";
import type { AccountExport } from "@/lib/validations/account-export";
import type { RestoredCounts } from "@/lib/validations/account";
import {
  cardStateRows,
  contentCardReferences,
  deckLimitRows,
  newOwnIds,
  ownCardRows,
  ownDeckRows,
  quizCreates,
  replayViewRows,
  reviewLogRows,
  type OwnIds,
} from "./account-import-rows";

// Writes an account file into one learner, inside the caller's transaction. Anything that
// refuses the file throws AccountImportRefusal, so the transaction rolls back and nothing of the
// file is left behind; the caller turns it into the message the learner sees.

export class AccountImportRefusal extends Error {
  override name = "AccountImportRefusal";
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/** Rows per insert statement, well under SQLite's and PostgreSQL's bound-parameter limits. */
const insertBatchSize = 500;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += insertBatchSize)
    await insert(rows.slice(start, start + insertBatchSize));
}

/**
 * An account file goes only into an account without study history, so that a restore is exact:
 * merging two histories of one card would replay both through FSRS into a state neither had, and
 * importing a file twice would count every review twice. Settings are not history: a new account
 * has some as soon as its time zone is detected, and the file's replace them.
 */
async function refuseStudyHistory(tx: Prisma.TransactionClient, learnerId: string): Promise<void> {
  const where = { userId: learnerId };
  const [reviews, cardStates, decks, quizzes, replayViews, deckLimits] = await Promise.all([
    tx.reviewLog.count({ where }),
    tx.cardState.count({ where }),
    tx.deck.count({ where: { ownerId: learnerId } }),
    tx.quiz.count({ where }),
    tx.replayView.count({ where }),
    tx.deckLimits.count({ where }),
  ]);
  const held = Object.entries({ reviews, cardStates, decks, quizzes, replayViews, deckLimits }).filter(
    ([, n]) => n > 0,
  );
  if (held.length === 0) return;
  throw new AccountImportRefusal(
    `This account already has study history (${held.map(([what, n]) => `${what}: ${n}`).join(", ")}). ` +
      "An account file restores only into an account without any, so that nothing is mixed or counted twice: " +
      "import it into a new account, or delete this account first.",
  );
}

/** Every card and deck the file refers to must exist: its own, or Quorum's content here. */
async function refuseMissingReferences(tx: Prisma.TransactionClient, document: AccountExport, ids: OwnIds) {
  const cardReferences = contentCardReferences(document, ids);
  const foundCards = await tx.card.findMany({
    where: { id: { in: [...cardReferences.keys()] }, deck: { ownerId: null } },
    select: { id: true },
  });
  const deckIds = document.deckLimits.map((limits) => limits.deckId).filter((deckId) => !ids.decks.has(deckId));
  const foundDecks = await tx.deck.findMany({ where: { id: { in: deckIds }, ownerId: null }, select: { id: true } });
  const [cards, decks] = [new Set(foundCards.map((card) => card.id)), new Set(foundDecks.map((deck) => deck.id))];
  const problems = [
    ...[...cardReferences]
      .filter(([cardId]) => !cards.has(cardId))
      .map(([cardId, what]) => `card "${cardId}" (in ${[...what].join(", ")}) is neither Quorum's nor in the file`),
    ...deckIds.filter((deckId) => !decks.has(deckId)).map((deckId) => `deck "${deckId}" (its limits) does not exist`),
  ];
  if (problems.length) {
    throw new AccountImportRefusal(
      `The file refers to ${problems.length} ${problems.length === 1 ? "card or deck" : "cards or decks"} ` +
        "this Quorum does not have; nothing was imported.",
      problems,
    );
  }
}

/**
 * The settings row as the file has it, column by column: whatever columns LearnerSettings has
 * (one added later travels with no change here); a column this version lacks is refused by name.
 * A null is left to the column's default, which is null for every nullable column.
 */
async function restoreSettings(tx: Prisma.TransactionClient, learnerId: string, settings: AccountExport["settings"]) {
  await tx.learnerSettings.deleteMany({ where: { userId: learnerId } });
  if (!settings) return;
  const columns = new Set<string>(Object.values(Prisma.LearnerSettingsScalarFieldEnum));
  const unknown = Object.keys(settings).filter((column) => !columns.has(column) || column === "userId");
  if (unknown.length) {
    throw new AccountImportRefusal(
      "The file's settings have columns this version of Quorum does not know; nothing was imported.",
      unknown.map((column) => `settings.${column}: no such setting`),
    );
  }
  const values = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== null));
  try {
    await tx.learnerSettings.create({
      data: { ...values, userId: learnerId } as Prisma.LearnerSettingsUncheckedCreateInput,
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientValidationError)) throw error;
    const detail = error.message.trim().split("\n").at(-1) ?? "";
    throw new AccountImportRefusal("A setting in the file does not fit its column; nothing was imported.", [
      `settings: ${detail}`,
    ]);
  }
}

/** Writes the file into an account without study history; `rendered` is its own cards, in file order. */
export async function writeAccount(
  tx: Prisma.TransactionClient,
  input: { learnerId: string; document: AccountExport; rendered: RenderedCard[] },
): Promise<RestoredCounts> {
  const { learnerId, document } = input;
  await refuseStudyHistory(tx, learnerId);
  const ids = newOwnIds(document);
  await refuseMissingReferences(tx, document, ids);
  const cards = ownCardRows(document, ids, input.rendered);
  const newBytes = input.rendered.reduce((sum, card) => sum + cardBytesOf(card), 0);
  const quota = checkStorageQuota(await storedCardBytes(tx, learnerId), newBytes, storageQuotaBytes);
  if (!quota.ok) throw new AccountImportRefusal(quota.message);
  await restoreSettings(tx, learnerId, document.settings);
  await tx.deck.createMany({ data: ownDeckRows(document, learnerId, ids) });
  await insertInBatches(cards, (batch) => tx.card.createMany({ data: batch }));
  await insertInBatches(cardStateRows(document, learnerId, ids), (batch) => tx.cardState.createMany({ data: batch }));
  await insertInBatches(reviewLogRows(document, learnerId, ids), (batch) => tx.reviewLog.createMany({ data: batch }));
  for (const quiz of quizCreates(document, learnerId, ids)) await tx.quiz.create({ data: quiz, select: { id: true } });
  await tx.deckLimits.createMany({ data: deckLimitRows(document, learnerId, ids) });
  await insertInBatches(replayViewRows(document, learnerId), (batch) => tx.replayView.createMany({ data: batch }));
  return {
    decks: document.decks.length,
    cards: cards.length,
    cardStates: document.cardStates.length,
    reviews: document.reviewLogs.length,
    quizzes: document.quizzes.length,
    replayViews: document.replayViews.length,
    deckLimits: document.deckLimits.length,
    hasSettings: document.settings !== null,
  };
}

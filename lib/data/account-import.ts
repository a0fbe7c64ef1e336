import "server-only";
import { serializableTransaction } from "@/lib/database/serializable-transaction";
import { db } from "@/lib/db";
import { ownCardFormat } from "@/lib/import/account-file";
import { checkImportSize } from "@/lib/import/limits";
import { renderImportedCards } from "@/lib/import/render-cards";
import { runInPool, takeHeavyJobAllowance } from "@/lib/pool/heavy-job";
import type { AccountExport } from "@/lib/validations/account-export";
import type { RestoredCounts } from "@/lib/validations/account";
import { AccountImportRefusal, writeAccount } from "./account-import-write";
import { renderInPool } from "./imports";
import { ensureGuestLearner } from "./learners";

export type AccountImportOutcome =
  { ok: true; restored: RestoredCounts } | { ok: false; message: string; problems: string[] };

/** A big account's rows are written in one transaction; it may take longer than Prisma's default 5 s. */
const writeTimeoutMs = 60_000;

const refusal = (message: string, problems: string[] = []): AccountImportOutcome => ({ ok: false, message, problems });

/** The file's own cards with their HTML made again: Markdown rendered in the pool, Anki HTML as sanitised. */
function renderOwnCards(document: AccountExport) {
  const cards = document.decks.flatMap((deck) => deck.cards);
  return renderImportedCards(
    cards.map((card, index) => ({
      line: index + 1,
      front: card.prompt,
      back: card.answer,
      format: ownCardFormat(card),
      tags: card.tags,
    })),
    renderInPool,
  );
}

/**
 * Restores an account file (lib/data/account-export.ts) into a learner without study history:
 * all of it in one transaction, or nothing and a message that says why, with every problem
 * found. Reading and checking the file and rendering its cards run in the worker pool.
 */
export async function importAccountFile(input: {
  learnerId: string;
  bytes: Uint8Array;
  now: Date;
}): Promise<AccountImportOutcome> {
  const refused = await takeHeavyJobAllowance("imports", input.learnerId, input.now);
  if (refused) return refusal(refused.message);
  const size = checkImportSize(input.bytes.byteLength, 0);
  if (!size.ok) return refusal(size.message);
  const read = await runInPool({ kind: "parse-account", bytes: input.bytes });
  if (!read.ok) return refusal(read.message);
  if (!read.value.ok)
    return refusal(
      "The file is not a Quorum account file this version can read; nothing was imported.",
      read.value.problems,
    );
  const document = read.value.document;
  const cardCount = checkImportSize(
    input.bytes.byteLength,
    document.decks.reduce((sum, deck) => sum + deck.cards.length, 0),
  );
  if (!cardCount.ok) return refusal(cardCount.message);
  const rendered = await renderOwnCards(document);
  if (!rendered.ok) return refusal(`${rendered.message} Nothing was imported.`);
  await ensureGuestLearner(input.learnerId);
  try {
    const restored = await serializableTransaction(
      db,
      (tx) => writeAccount(tx, { learnerId: input.learnerId, document, rendered: rendered.cards }),
      { timeoutMs: writeTimeoutMs },
    );
    return { ok: true, restored };
  } catch (error) {
    if (error instanceof AccountImportRefusal) return refusal(error.message, error.problems);
    throw error;
  }
}

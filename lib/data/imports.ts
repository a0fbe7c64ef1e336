import "server-only";
import { db } from "@/lib/db";
import { parseImportFile } from "@/lib/import/parse-import";
import { renderImportedCards, type RenderBatch } from "@/lib/import/render-cards";
import { storageQuotaBytes } from "@/lib/import/storage-quota";
import type { ImportFormat, ImportOutcome } from "@/lib/import/types";
import { runInPool, takeHeavyJobAllowance } from "@/lib/pool/heavy-job";
import { ensureGuestLearner } from "./learners";
import { importAnkiPackage, isAnkiPackageName } from "./import-anki-package";
import { saveImportedDeck } from "./save-imported-deck";

/** Markdown is rendered in the worker pool, a batch per job, never on the request loop. */
export const renderInPool: RenderBatch = (sources) => runInPool({ kind: "render-markdown", sources });

/**
 * Imports an uploaded Anki package (lib/data/import-anki-package.ts), Anki text or Markdown Q&A
 * file as a new private deck of the learner. A file with any error imports nothing and says, line
 * by line, what to fix; so does an import over the learner's rate limit or storage quota, or one
 * the worker pool cannot take now.
 */
export async function importFile(input: {
  learnerId: string;
  fileName: string;
  bytes: Uint8Array;
  format?: ImportFormat;
  deckName?: string;
  now: Date;
}): Promise<ImportOutcome> {
  const refused = await takeHeavyJobAllowance("imports", input.learnerId, input.now);
  if (refused) return { ok: false, message: refused.message, errors: [], skipped: [] };
  if (isAnkiPackageName(input.fileName)) return importAnkiPackage(input);
  const result = parseImportFile({ bytes: input.bytes, fileName: input.fileName, format: input.format });
  if (result.errors.length) {
    return {
      ok: false,
      message:
        `The file has ${result.errors.length} ` +
        `problem${result.errors.length === 1 ? "" : "s"}; nothing was imported.`,
      errors: result.errors,
      skipped: result.skipped,
    };
  }
  if (result.cards.length === 0)
    return { ok: false, message: "The file holds no card to import.", errors: [], skipped: result.skipped };
  const rendered = await renderImportedCards(result.cards, renderInPool);
  if (!rendered.ok)
    return { ok: false, message: `${rendered.message} Nothing was imported.`, errors: [], skipped: result.skipped };
  const deckName =
    input.deckName?.trim() || result.meta.deck || input.fileName.replace(/\.[^.]+$/, "") || "Imported cards";
  await ensureGuestLearner(input.learnerId);
  const saved = await saveImportedDeck(db, {
    ownerId: input.learnerId,
    deckName,
    description: `Imported from ${input.fileName}: ${result.cards.length} card${result.cards.length === 1 ? "" : "s"}.`,
    cards: rendered.cards,
    quotaBytes: storageQuotaBytes,
  });
  if (!saved.ok) return { ok: false, message: saved.message, errors: [], skipped: result.skipped };
  return { ok: true, deckId: saved.deckId, deckName, imported: saved.imported, skipped: result.skipped };
}

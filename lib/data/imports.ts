import "server-only";
import { db } from "@/lib/db";
import { parseImportFile } from "@/lib/import/parse-import";
import { saveImportedDeck } from "@/lib/import/save-deck";
import type { ImportFormat, ImportResult } from "@/lib/import/types";
import { ensureGuestLearner } from "./learners";

export type ImportOutcome =
  | { ok: true; deckId: string; deckName: string; imported: number; skipped: ImportResult["skipped"] }
  | { ok: false; message: string; errors: ImportResult["errors"]; skipped: ImportResult["skipped"] };

/**
 * Imports an uploaded Anki text or Markdown Q&A file as a new private deck of the learner. A file
 * with any error imports nothing and says, line by line, what to fix.
 */
export async function importFile(input: { learnerId: string; fileName: string; bytes: Uint8Array; format?: ImportFormat; deckName?: string }): Promise<ImportOutcome> {
  const result = parseImportFile({ bytes: input.bytes, fileName: input.fileName, format: input.format });
  if (result.errors.length) {
    return { ok: false, message: `The file has ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"}; nothing was imported.`, errors: result.errors, skipped: result.skipped };
  }
  if (result.cards.length === 0) return { ok: false, message: "The file holds no card to import.", errors: [], skipped: result.skipped };
  const deckName = input.deckName?.trim() || result.meta.deck || input.fileName.replace(/\.[^.]+$/, "") || "Imported cards";
  await ensureGuestLearner(input.learnerId);
  const saved = await saveImportedDeck(db, {
    ownerId: input.learnerId,
    deckName,
    description: `Imported from ${input.fileName}: ${result.cards.length} card${result.cards.length === 1 ? "" : "s"}.`,
    cards: result.cards,
  });
  return { ok: true, deckId: saved.deckId, deckName, imported: saved.imported, skipped: result.skipped };
}

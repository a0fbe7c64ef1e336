import "server-only";
import { db } from "@/lib/db";
import { saveCardHistories } from "@/lib/import/apkg/save-history";
import { saveImportedDeck } from "@/lib/import/save-deck";
import { storageQuotaBytes } from "@/lib/import/storage-quota";
import { runInPool } from "@/lib/pool/heavy-job";
import type { SchedulerOptions } from "@/lib/srs/schedule";
import type { ImportOutcome } from "./imports";
import { ensureGuestLearner } from "./learners";
import { getStudySettings } from "./settings";

const packageExtension = /\.(apkg|colpkg)$/i;

/** Anki packages are told apart by their name, as Anki's own import dialog does. */
export function isAnkiPackageName(fileName: string): boolean {
  return packageExtension.test(fileName);
}

const plural = (count: number, noun: string) => `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;

/**
 * Imports an .apkg or .colpkg as a new private deck with each card's memory state and review
 * history, replayed in the learner's scheduler settings. Parsing (unzip, zstd, SQLite, replay)
 * runs in the worker pool; a package with any problem imports nothing and names each note.
 */
export async function importAnkiPackage(input: {
  learnerId: string;
  fileName: string;
  bytes: Uint8Array;
  deckName?: string;
  now: Date;
}): Promise<ImportOutcome> {
  const settings = await getStudySettings(input.learnerId);
  const options: SchedulerOptions = {
    timeZone: settings.timeZone,
    dayStartHour: settings.dayStartHour,
    desiredRetention: settings.desiredRetention,
    enableFuzz: settings.enableFuzz,
    learningSteps: settings.learningSteps,
    relearningSteps: settings.relearningSteps,
  };
  const parsed = await runInPool({ kind: "parse-apkg", bytes: input.bytes, options });
  if (!parsed.ok) return { ok: false, message: parsed.message, errors: [], skipped: [] };
  const { cards, errors, reviewCount } = parsed.value;
  if (errors.length) {
    const message = `The package has ${plural(errors.length, "problem")}; nothing was imported.`;
    return { ok: false, message, errors, skipped: [] };
  }
  if (cards.length === 0) return { ok: false, message: "The package holds no card to import.", errors: [], skipped: [] };
  const deckName =
    input.deckName?.trim() || parsed.value.deckName || input.fileName.replace(packageExtension, "") || "Anki deck";
  await ensureGuestLearner(input.learnerId);
  const saved = await saveImportedDeck(db, {
    ownerId: input.learnerId,
    deckName,
    description: `Imported from ${input.fileName}: ${plural(cards.length, "card")}, ${plural(reviewCount, "review")}.`,
    cards: cards.map((card) => ({ ...card, promptHtml: card.front, answerHtml: card.back })),
    quotaBytes: storageQuotaBytes,
    writeWithCards: (client, cardIds) =>
      saveCardHistories(client, {
        learnerId: input.learnerId,
        cardIds,
        histories: cards.map((card) => card.history),
        now: input.now,
      }),
  });
  if (!saved.ok) return { ok: false, message: saved.message, errors: [], skipped: [] };
  return { ok: true, deckId: saved.deckId, deckName, imported: saved.imported, skipped: [] };
}

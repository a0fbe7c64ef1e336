import "server-only";
import { db } from "@/lib/db";
import { replayBatches, type ReplayedCard } from "@/lib/import/apkg/replay-revlog";
import { storageQuotaBytes } from "@/lib/import/storage-quota";
import { runInPool, type HeavyOutcome } from "@/lib/pool/heavy-job";
import type { ApkgCard } from "@/lib/import/apkg/parse-apkg";
import type { SchedulerOptions } from "@/lib/srs/schedule";
import type { ImportOutcome } from "@/lib/import/types";
import { ensureGuestLearner } from "./learners";
import { saveCardHistories } from "./save-anki-history";
import { saveImportedDeck } from "./save-imported-deck";
import { getStudySettings } from "./settings";

const packageExtension = /\.(apkg|colpkg)$/i;

/** Anki packages are told apart by their name, as Anki's own import dialog does. */
export function isAnkiPackageName(fileName: string): boolean {
  return packageExtension.test(fileName);
}

const plural = (count: number, noun: string) => `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;

async function schedulerOptionsOf(learnerId: string): Promise<SchedulerOptions> {
  const settings = await getStudySettings(learnerId);
  return {
    timeZone: settings.timeZone,
    dayStartHour: settings.dayStartHour,
    desiredRetention: settings.desiredRetention,
    enableFuzz: settings.enableFuzz,
    learningSteps: settings.learningSteps,
    relearningSteps: settings.relearningSteps,
    weights: settings.weights,
  };
}

async function replayInPool(
  cards: ApkgCard[],
  crt: number,
  options: SchedulerOptions,
): Promise<HeavyOutcome<ReplayedCard[]>> {
  const histories: ReplayedCard[] = [];
  for (const batch of replayBatches(cards)) {
    const replayed = await runInPool({
      kind: "replay-anki-history",
      cards: batch.map((card) => ({ anki: card.anki, entries: card.entries })),
      crt,
      options,
    });
    if (!replayed.ok) return replayed;
    for (const history of replayed.value) histories.push(history);
  }
  return { ok: true, value: histories };
}

/**
 * Imports an .apkg or .colpkg as a new private deck with each card's memory state and review
 * history, replayed in the learner's scheduler settings. Parsing (unzip, zstd, SQLite) is one
 * pool job and the replay a job per batch of about 10,000 reviews, so a large history neither
 * blocks the request loop nor runs past one job's budget; a package with any problem imports
 * nothing and names each note.
 */
export async function importAnkiPackage(input: {
  learnerId: string;
  fileName: string;
  bytes: Uint8Array;
  deckName?: string;
  now: Date;
}): Promise<ImportOutcome> {
  const parsed = await runInPool({ kind: "parse-apkg", bytes: input.bytes });
  if (!parsed.ok) return { ok: false, message: parsed.message, errors: [], skipped: [] };
  const { cards, errors } = parsed.value;
  if (errors.length) {
    const message = `The package has ${plural(errors.length, "problem")}; nothing was imported.`;
    return { ok: false, message, errors, skipped: [] };
  }
  const refused = (message: string): ImportOutcome => ({ ok: false, message, errors: [], skipped: [] });
  if (cards.length === 0) return refused("The package holds no card to import.");
  const options = await schedulerOptionsOf(input.learnerId);
  const histories = await replayInPool(cards, parsed.value.crt, options);
  if (!histories.ok) return refused(`${histories.message} Nothing was imported.`);
  const reviewCount = histories.value.reduce((sum, history) => sum + history.reviews.length, 0);
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
        histories: histories.value,
        now: input.now,
      }),
  });
  if (!saved.ok) return refused(saved.message);
  return { ok: true, deckId: saved.deckId, deckName, imported: saved.imported, skipped: [] };
}

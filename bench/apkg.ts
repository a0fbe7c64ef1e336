// Anki packages at the import limits: a 10,000-card legacy .apkg with 10 reviews a card (100,000
// reviews) fits the 5 MB upload limit; parsing it (one pool job) and replaying each batch of
// ~10,000 reviews (one pool job each) stay well inside a job's 10 s budget (lib/pool/heavy-pool.ts).
// Exporting the 10,000 cards with their history (one pool job) is held to the same bound.
import { buildApkg, type ApkgExportCard } from "../lib/export/apkg/build-apkg";
import { parseAnkiPackage } from "../lib/import/apkg/parse-apkg";
import { replayBatches, replayCards, type ReplayedCard } from "../lib/import/apkg/replay-revlog";
import { importBytesMax } from "../lib/import/limits";
import { defaultSchedulerOptions } from "../lib/srs/schedule";
import { legacyPackage, type TestCollection } from "../tests/helpers/anki-package";
import { report, timeMs } from "./support/stats";

const cardCount = 10_000;
const reviewsPerCard = 10;
const crt = Date.parse("2025-01-01T04:00:00Z") / 1000;
const basic = { qfmt: "{{Front}}", afmt: "{{FrontSide}}<hr id=answer>{{Back}}" };

function collection(): TestCollection {
  const ids = Array.from({ length: cardCount }, (_, index) => index + 1);
  return {
    crt,
    decks: [{ id: 1, name: "Bench" }],
    notetypes: [{ id: 1, name: "Basic", isCloze: false, fields: ["Front", "Back"], templates: [basic] }],
    notes: ids.map((id) => ({
      id,
      mid: 1,
      guid: `g${id}`,
      tags: "bench",
      fields: [`Question ${id}?`, `Answer ${id}`],
    })),
    cards: ids.map((id) => ({
      id,
      nid: id,
      did: 1,
      ord: 0,
      type: 2,
      queue: 2,
      due: 400,
      ivl: 30,
      reps: 10,
      lapses: 0,
    })),
    revlog: ids.flatMap((id) =>
      Array.from({ length: reviewsPerCard }, (_, review) => ({
        id: (crt + review * 3 * 86_400) * 1000 + id,
        cid: id,
        ease: review % 4 === 3 ? 1 : 3,
        ivl: 3,
        time: 5000,
        type: review === 0 ? 0 : 1,
      })),
    ),
  };
}

const bytes = legacyPackage(collection());
const fits = bytes.byteLength <= importBytesMax;
console.log(
  `package: ${cardCount} cards, ${cardCount * reviewsPerCard} reviews, ${(bytes.byteLength / 2 ** 20).toFixed(2)} MB` +
    `   upload limit ${(importBytesMax / 2 ** 20).toFixed(0)} MB ${fits ? "✓" : "✗"}`,
);
let parsed = parseAnkiPackage(bytes);
const parseSamples: number[] = [];
for (let i = 0; i < 3; i++) parseSamples.push(await timeMs(async () => (parsed = parseAnkiPackage(bytes))));
const parseMet = report("parse 10,000 cards (one job)", parseSamples, 5_000);
const batches = replayBatches(parsed.cards);
const histories: ReplayedCard[] = [];
const replaySamples: number[] = [];
for (const batch of batches) {
  replaySamples.push(
    await timeMs(async () => histories.push(...replayCards(batch, parsed.crt, defaultSchedulerOptions))),
  );
}
const replayMet = report(`replay a batch (${batches.length} batches)`, replaySamples, 5_000);

const exportCards: ApkgExportCard[] = parsed.cards.map((card, index) => ({
  id: `c${index}`,
  deck: "Quorum::Bench",
  frontHtml: card.front,
  backHtml: card.back,
  tags: card.tags,
  state: histories[index]!.state,
  isSuspended: false,
  reviews: histories[index]!.reviews,
}));
const exportInput = {
  cards: exportCards,
  now: new Date(),
  dayPrefs: { timeZone: "UTC", dayStartHour: 4 },
  steps: { learning: 2, relearning: 1 },
  desiredRetention: 0.9,
};
const exportSamples: number[] = [];
for (let i = 0; i < 3; i++) exportSamples.push(await timeMs(async () => buildApkg(exportInput)));
const exportMet = report("export 10,000 cards (one job)", exportSamples, 5_000);
process.exit(fits && parseMet && replayMet && exportMet && parsed.errors.length === 0 ? 0 : 1);

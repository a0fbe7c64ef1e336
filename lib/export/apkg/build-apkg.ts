import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { zipSync } from "fflate";
import { startOfLearnerDay, type DayPrefs } from "@/lib/srs/day";
import type { MemoryState } from "@/lib/srs/schedule";
import { cardColumns, revlogColumns, type ExportedReview, type StepCounts } from "./anki-schedule-columns";
import { basicNotetypeId, deckOptionsJson, decksJson, notetypeJson } from "./collection-json";
import { schema11Sql } from "./schema11-sql";

// An .apkg of the learner's cards, scheduling and review history. It is the legacy package Anki
// writes with "Support older Anki versions": a zip with a schema-11 SQLite `collection.anki2`
// and an empty media map, and no `meta` (rslib/src/import_export/package/meta.rs reads such a
// package as Legacy1). Every Anki since 2.1, AnkiDroid and AnkiMobile import it and upgrade it
// themselves; the newer anki21b would need a zstd compressor, and current Anki reads both.
// Notes use a Basic notetype; the GUID is the Quorum card id, so Anki updates a note it already
// has on a second import instead of adding a duplicate.

export type ApkgExportCard = {
  id: string;
  /** Anki deck path, levels joined by "::". */
  deck: string;
  frontHtml: string;
  backHtml: string;
  tags: string[];
  state: MemoryState | null;
  isSuspended: boolean;
  /** Oldest first; undone reviews left out. */
  reviews: ExportedReview[];
};

export type ApkgExportInput = {
  cards: ApkgExportCard[];
  now: Date;
  dayPrefs: DayPrefs;
  steps: StepCounts;
  desiredRetention: number;
};

const plainText = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Anki's duplicate check: the first 8 hex digits of the SHA-1 of the first field's text, as a number. */
function fieldChecksum(html: string): number {
  return Number.parseInt(createHash("sha1").update(plainText(html)).digest("hex").slice(0, 8), 16);
}

/** Anki's collection day 0 starts on the learner's earliest day here, so every due day counts up from 0. */
function collectionStart(input: ApkgExportInput): number {
  let earliest = input.now.getTime();
  for (const card of input.cards) {
    if (card.state) earliest = Math.min(earliest, card.state.due.getTime());
    for (const review of card.reviews) earliest = Math.min(earliest, review.reviewedAt.getTime());
  }
  return Math.floor(startOfLearnerDay(new Date(earliest), input.dayPrefs).getTime() / 1000);
}

function insertRows(db: Database.Database, input: ApkgExportInput, crtSeconds: number, deckIds: Map<string, number>) {
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const insertNote = db.prepare("INSERT INTO notes VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, '')");
  const insertCard = db.prepare(
    "INSERT INTO cards VALUES (@id, @id, @did, 0, @mod, 0, @type, @queue, @due, @ivl, @factor, @reps, @lapses," +
      " @left, 0, 0, 0, @data)",
  );
  const insertRevlog = db.prepare(
    "INSERT INTO revlog VALUES (@id, @cid, 0, @ease, @ivl, @lastIvl, @factor, @time, @type)",
  );
  // Note, card and review ids are epoch milliseconds in Anki; Anki renumbers any that clash on import.
  const idBase = input.now.getTime() - input.cards.length;
  const revlogIds = new Set<number>();
  input.cards.forEach((card, position) => {
    const id = idBase + position;
    const tags = card.tags.map((tag) => tag.trim().replace(/\s+/g, "_")).filter(Boolean);
    const fields = `${card.frontHtml}\x1f${card.backHtml}`;
    const tagText = tags.length ? ` ${tags.join(" ")} ` : "";
    insertNote.run(
      id,
      card.id,
      basicNotetypeId,
      nowSeconds,
      tagText,
      fields,
      plainText(card.frontHtml),
      fieldChecksum(card.frontHtml),
    );
    const columns = cardColumns(card.state, {
      isSuspended: card.isSuspended,
      position,
      crtSeconds,
      steps: input.steps,
    });
    insertCard.run({ id, did: deckIds.get(card.deck)!, mod: nowSeconds, ...columns });
    for (const review of card.reviews) {
      // The revlog id is the review's time; two reviews in one millisecond cannot share it.
      let revlogId = review.reviewedAt.getTime();
      while (revlogIds.has(revlogId)) revlogId += 1;
      revlogIds.add(revlogId);
      insertRevlog.run({ id: revlogId, cid: id, ...revlogColumns(review) });
    }
  });
}

/** The collection as schema-11 SQLite bytes. */
function buildCollection(input: ApkgExportInput): Uint8Array {
  const db = new Database(":memory:");
  try {
    db.exec(schema11Sql);
    const crtSeconds = collectionStart(input);
    const nowSeconds = Math.floor(input.now.getTime() / 1000);
    const deckNames = [...new Set(input.cards.map((card) => card.deck))];
    const deckIds = new Map(deckNames.map((name, index) => [name, basicNotetypeId + 1 + index]));
    const decks = decksJson(
      [...deckIds].map(([name, id]) => ({ id, name })),
      nowSeconds,
    );
    db.prepare("INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, '{}', ?, ?, ?, '{}')").run(
      crtSeconds,
      input.now.getTime(),
      input.now.getTime(),
      JSON.stringify(notetypeJson(nowSeconds)),
      JSON.stringify(decks),
      JSON.stringify(deckOptionsJson(nowSeconds, input.desiredRetention)),
    );
    db.transaction(() => insertRows(db, input, crtSeconds, deckIds))();
    return new Uint8Array(db.serialize());
  } finally {
    db.close();
  }
}

/** The .apkg bytes: the collection and an empty media map (media files are not exported). */
export function buildApkg(input: ApkgExportInput): Uint8Array {
  return zipSync({
    "collection.anki2": buildCollection(input),
    media: new TextEncoder().encode("{}"),
  });
}

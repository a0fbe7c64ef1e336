import { importedCardSchema } from "@/lib/import/card-schema";
import { checkImportSize } from "@/lib/import/limits";
import type { ImportedCard, ImportError } from "@/lib/import/types";
import type { AnkiCard, AnkiCollection, AnkiRevlog } from "./collection-types";
import { noteCardSides } from "./note-card-sides";
import { readAnkiPackage } from "./read-package";
import { readCollection } from "./read-collection";

// The one entry point for .apkg and .colpkg files: size limit, zip and zstd, the SQLite
// collection, and every card's two sides with its scheduling row and review log, ready to be
// replayed (replay-revlog.ts) in batches. Pure apart from the in-memory SQLite it opens and
// closes; it runs in the heavy-work pool (lib/pool/heavy-tasks.ts).
// Problems are reported per note, by the note id Anki shows in its browser ("Note ID"); a package
// with any problem must import nothing.

/** A card to import, with what its history replay needs: Anki's row and its review log, oldest first. */
export type ApkgCard = ImportedCard & { anki: AnkiCard; entries: AnkiRevlog[] };

export type ApkgImport = {
  cards: ApkgCard[];
  errors: ImportError[];
  /** The collection's day 0 (epoch seconds), for due dates counted in days. */
  crt: number;
  /** The Anki deck holding most of the cards: the name of the Quorum deck. */
  deckName?: string;
};

/** Problems reported at most; a few show the pattern, all would only be noise. */
const errorsMax = 50;

const refused = (message: string): ApkgImport => ({
  cards: [],
  errors: [{ line: 0, message }],
  crt: 0,
});

function entriesByCard(revlog: AnkiRevlog[]): Map<number, AnkiRevlog[]> {
  const byCard = new Map<number, AnkiRevlog[]>();
  for (const entry of revlog) {
    const entries = byCard.get(entry.cid) ?? [];
    entries.push(entry);
    byCard.set(entry.cid, entries);
  }
  return byCard;
}

function largestDeck(collection: AnkiCollection): string | undefined {
  const counts = new Map<number, number>();
  for (const card of collection.cards) counts.set(card.did, (counts.get(card.did) ?? 0) + 1);
  const [deckId] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  return deckId === undefined ? undefined : collection.decks.get(deckId);
}

function collectionCards(collection: AnkiCollection): ApkgImport {
  const notes = new Map(collection.notes.map((note) => [note.id, note]));
  const entries = entriesByCard(collection.revlog);
  const cards: ApkgCard[] = [];
  const errors: ImportError[] = [];
  const report = (noteId: number, message: string) => {
    if (errors.length < errorsMax) errors.push({ line: 0, message: `Note ${noteId}: ${message}` });
  };
  for (const card of collection.cards) {
    const note = notes.get(card.nid);
    const notetype = note && collection.notetypes.get(note.mid);
    if (!note || !notetype) {
      report(card.nid, note ? `its note type ${note.mid} is not in the package.` : "it is not in the package.");
      continue;
    }
    const sides = noteCardSides(notetype, note, card.ord);
    if (!sides.ok) {
      report(note.id, sides.message);
      continue;
    }
    const imported: ImportedCard = {
      line: cards.length + 1,
      front: sides.front,
      back: sides.back,
      format: "html",
      tags: note.tags.split(/\s+/).filter(Boolean),
      deck: collection.decks.get(card.did),
      guid: note.guid,
    };
    const checked = importedCardSchema.safeParse(imported);
    if (!checked.success) {
      for (const issue of checked.error.issues) report(note.id, issue.message);
      continue;
    }
    cards.push({ ...imported, anki: card, entries: entries.get(card.id) ?? [] });
  }
  return { cards, errors, crt: collection.crt, deckName: largestDeck(collection) };
}

/** Parses an uploaded package. Import only when `errors` is empty. */
export function parseAnkiPackage(bytes: Uint8Array): ApkgImport {
  const size = checkImportSize(bytes.byteLength, 0);
  if (!size.ok) return refused(size.message);
  const sqlite = readAnkiPackage(bytes);
  if (!sqlite.ok) return refused(sqlite.message);
  const collection = readCollection(sqlite.sqlite);
  if (!collection.ok) return refused(collection.message);
  const parsed = collectionCards(collection.collection);
  return parsed.errors.length ? { ...parsed, cards: [] } : parsed;
}

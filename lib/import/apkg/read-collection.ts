import Database from "better-sqlite3";
import { z } from "zod";
import { importCardsMax } from "@/lib/import/limits";
import type { AnkiCard, AnkiCollection, AnkiNote, AnkiNotetype, AnkiRevlog } from "./collection-types";
import { readProtoFields } from "./protobuf-fields";

// Reads an Anki collection's SQLite (schema 11 of collection.anki2/anki21, or schema 18 of
// collection.anki21b) into plain rows. Schema 11 keeps notetypes and decks as JSON in `col`;
// schema 15+ moved them to the notetypes/fields/templates/decks tables with protobuf configs
// (rslib/src/storage/upgrades/schema15_upgrade.sql). The database is deserialised in memory,
// read-only; nothing touches the disk.

/** Reviews read from one package at most: 10,000 cards with 20 reviews each. */
const importReviewsMax = 200_000;

export type ReadCollection = { ok: true; collection: AnkiCollection } | { ok: false; message: string };

const legacyModelsSchema = z.record(
  z.string(),
  z.object({
    id: z.coerce.number(),
    name: z.string(),
    type: z.number().int().default(0),
    flds: z.array(z.object({ name: z.string(), ord: z.number().int().optional() })),
    tmpls: z.array(z.object({ ord: z.number().int().optional(), qfmt: z.string(), afmt: z.string().default("") })),
  }),
);
const legacyDecksSchema = z.record(z.string(), z.object({ id: z.coerce.number(), name: z.string() }));

type Db = Database.Database;

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function readLegacyNotetypes(modelsJson: string): Map<number, AnkiNotetype> {
  const models = legacyModelsSchema.parse(JSON.parse(modelsJson));
  const notetypes = new Map<number, AnkiNotetype>();
  for (const model of Object.values(models)) {
    notetypes.set(model.id, {
      id: model.id,
      name: model.name,
      isCloze: model.type === 1,
      fields: model.flds.map((field) => field.name),
      templates: model.tmpls.map((template, index) => ({ ...template, ord: template.ord ?? index })),
    });
  }
  return notetypes;
}

function readNotetypeTables(db: Db): Map<number, AnkiNotetype> {
  const notetypes = new Map<number, AnkiNotetype>();
  const rows = db.prepare("SELECT id, name, config FROM notetypes").all() as {
    id: number;
    name: string;
    config: Buffer;
  }[];
  for (const row of rows) {
    const fields = db.prepare("SELECT name FROM fields WHERE ntid = ? ORDER BY ord").pluck().all(row.id) as string[];
    const templates = (
      db.prepare("SELECT ord, config FROM templates WHERE ntid = ? ORDER BY ord").all(row.id) as {
        ord: number;
        config: Buffer;
      }[]
    ).map((template) => {
      const config = readProtoFields(template.config);
      return { ord: template.ord, qfmt: config.strings.get(1) ?? "", afmt: config.strings.get(2) ?? "" };
    });
    const isCloze = readProtoFields(row.config).varints.get(1) === 1;
    notetypes.set(row.id, { id: row.id, name: row.name, isCloze, fields, templates });
  }
  return notetypes;
}

function readDecks(db: Db, decksJson: string): Map<number, string> {
  if (hasTable(db, "decks")) {
    const rows = db.prepare("SELECT id, name FROM decks").all() as { id: number; name: string }[];
    // Schema 15+ joins deck levels with \x1f; "::" is how they are shown and typed.
    return new Map(rows.map((row) => [row.id, row.name.replaceAll("\x1f", "::")]));
  }
  return new Map(Object.values(legacyDecksSchema.parse(JSON.parse(decksJson))).map((deck) => [deck.id, deck.name]));
}

const count = (value: number) => value.toLocaleString("en-US");

function countRows(db: Db, table: string): number {
  return db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
}

function readTables(db: Db): ReadCollection {
  const cardCount = countRows(db, "cards");
  if (cardCount > importCardsMax) {
    return {
      ok: false,
      message: `The package has ${count(cardCount)} cards; the limit is ${count(importCardsMax)} per import.`,
    };
  }
  const reviewCount = countRows(db, "revlog");
  if (reviewCount > importReviewsMax) {
    return {
      ok: false,
      message: `The package has ${count(reviewCount)} reviews; the limit is ${count(importReviewsMax)} per import.`,
    };
  }
  const col = db.prepare("SELECT crt, models, decks FROM col").get() as { crt: number; models: string; decks: string };
  const notetypes = hasTable(db, "notetypes") ? readNotetypeTables(db) : readLegacyNotetypes(col.models);
  const collection: AnkiCollection = {
    crt: col.crt,
    notetypes,
    decks: readDecks(db, col.decks),
    notes: db.prepare("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id").all() as AnkiNote[],
    // A card in a filtered deck keeps its home deck in odid and its own due date in odue.
    cards: db
      .prepare(
        "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END AS did, ord, type, queue," +
          " CASE WHEN odid != 0 AND odue != 0 THEN odue ELSE due END AS due, ivl, factor, reps, lapses, data" +
          " FROM cards ORDER BY nid, ord",
      )
      .all() as AnkiCard[],
    revlog: db
      .prepare("SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY cid, id")
      .all() as AnkiRevlog[],
  };
  return { ok: true, collection };
}

const sqliteHeader = "SQLite format 3\0";

/** Reads the collection; a file that is not an Anki SQLite collection is an error value, never a throw. */
export function readCollection(sqlite: Uint8Array): ReadCollection {
  const header = new TextDecoder().decode(sqlite.subarray(0, sqliteHeader.length));
  if (header !== sqliteHeader) return { ok: false, message: "The package's collection is not an SQLite database." };
  const db = new Database(Buffer.from(sqlite.buffer, sqlite.byteOffset, sqlite.byteLength), { readonly: true });
  try {
    return readTables(db);
  } catch (error) {
    return {
      ok: false,
      message: `The package's collection cannot be read as an Anki collection: ${(error as Error).message}`,
    };
  } finally {
    db.close();
  }
}

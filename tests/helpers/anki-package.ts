// Builds Anki packages for tests, the way Anki lays them out (rslib/src/storage/schema11.sql,
// rslib/src/storage/upgrades/schema15_upgrade.sql, rslib/src/import_export/package/meta.rs):
// a legacy one with collection.anki2 (notetypes and decks as JSON in `col`), and a current one
// with collection.anki21b (notetypes/fields/templates/decks tables with protobuf configs),
// zstd-compressed. No registry package compresses zstd in pure JavaScript without a native or
// WASM build, so the frame is written here with raw (stored) blocks: RFC 8878 section 3.1.1,
// no content size in the header, as Anki's streaming encoder writes it. `COLLATE unicase` (an
// Anki collation better-sqlite3 does not have) is left off the name columns.
import Database from "better-sqlite3";
import { zipSync } from "fflate";
import { schema11Sql } from "@/lib/export/apkg/schema11-sql";
import type { AnkiCard, AnkiRevlog } from "@/lib/import/apkg/collection-types";

type TestNote = { id: number; mid: number; guid: string; tags: string; fields: string[] };
/** A card row (factor is SM-2's 2500); `odid`/`odue`: the home deck and due date of a card in a filtered deck. */
type TestCard = Omit<AnkiCard, "factor" | "data"> & { data?: string; odid?: number; odue?: number };
type TestRevlog = Omit<AnkiRevlog, "lastIvl" | "factor"> & { factor?: number };
type TestNotetype = {
  id: number;
  name: string;
  isCloze: boolean;
  fields: string[];
  templates: { qfmt: string; afmt: string }[];
};
export type TestCollection = {
  crt: number;
  notetypes: TestNotetype[];
  decks: { id: number; name: string }[];
  notes: TestNote[];
  cards: TestCard[];
  revlog: TestRevlog[];
};

const blockBytesMax = 128 * 1024;

/** A zstd frame of raw blocks: magic, a header with a 128 KB window and no content size, then the blocks. */
export function zstdRawFrame(data: Uint8Array): Uint8Array {
  const blockCount = Math.max(1, Math.ceil(data.length / blockBytesMax));
  const frame = new Uint8Array(6 + 3 * blockCount + data.length);
  frame.set([0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3]);
  let at = 6;
  for (let index = 0; index < blockCount; index += 1) {
    const block = data.subarray(index * blockBytesMax, (index + 1) * blockBytesMax);
    const isLast = index === blockCount - 1 ? 1 : 0;
    // Block header: bit 0 Last_Block, bits 1-2 Block_Type (0: raw), bits 3-23 Block_Size.
    const header = isLast | (block.length << 3);
    frame.set([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff], at);
    frame.set(block, at + 3);
    at += 3 + block.length;
  }
  return frame;
}

function protoVarint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return bytes;
}

/** A protobuf message of string (wire type 2) and varint (wire type 0) fields. */
function protoMessage(fields: { strings?: Record<number, string>; varints?: Record<number, number> }): Buffer {
  const bytes: number[] = [];
  for (const [field, value] of Object.entries(fields.varints ?? {}))
    bytes.push(...protoVarint(Number(field) * 8), ...protoVarint(value));
  for (const [field, value] of Object.entries(fields.strings ?? {})) {
    const encoded = new TextEncoder().encode(value);
    bytes.push(...protoVarint(Number(field) * 8 + 2), ...protoVarint(encoded.length), ...encoded);
  }
  return Buffer.from(bytes);
}

function insertCommon(db: Database.Database, collection: TestCollection): void {
  const note = db.prepare("INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, '', 0, 0, '')");
  for (const n of collection.notes) note.run(n.id, n.guid, n.mid, n.tags, n.fields.join("\x1f"));
  const card = db.prepare(
    "INSERT INTO cards VALUES (@id, @nid, @did, @ord, 0, 0, @type, @queue, @due, @ivl, 2500, @reps, @lapses, 0," +
      " @odue, @odid, 0, @data)",
  );
  for (const c of collection.cards) card.run({ data: "{}", odue: 0, odid: 0, ...c });
  const revlog = db.prepare("INSERT INTO revlog VALUES (@id, @cid, 0, @ease, @ivl, 0, @factor, @time, @type)");
  for (const r of collection.revlog) revlog.run({ factor: 2500, ...r });
}

function legacyModels(collection: TestCollection) {
  return Object.fromEntries(
    collection.notetypes.map((nt) => [
      nt.id,
      {
        id: nt.id,
        name: nt.name,
        type: nt.isCloze ? 1 : 0,
        flds: nt.fields.map((name, ord) => ({ name, ord })),
        tmpls: nt.templates.map((t, ord) => ({ name: `Card ${ord + 1}`, ord, ...t })),
      },
    ]),
  );
}

/** collection.anki2 in schema 11. */
function legacyCollection(collection: TestCollection): Uint8Array {
  const db = new Database(":memory:");
  db.exec(schema11Sql);
  const decks = Object.fromEntries(collection.decks.map((deck) => [deck.id, deck]));
  db.prepare("INSERT INTO col VALUES (1, ?, 0, 0, 11, 0, 0, 0, '{}', ?, ?, '{}', '{}')").run(
    collection.crt,
    JSON.stringify(legacyModels(collection)),
    JSON.stringify(decks),
  );
  insertCommon(db, collection);
  const bytes = new Uint8Array(db.serialize());
  db.close();
  return bytes;
}

/** collection.anki21b in schema 18 (uncompressed). */
function latestCollection(collection: TestCollection): Uint8Array {
  const db = new Database(":memory:");
  db.exec(schema11Sql);
  db.exec(`
    CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL, config blob NOT NULL,
      PRIMARY KEY (ntid, ord)) without rowid;
    CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL,
      mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
    CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL, mtime_secs integer NOT NULL,
      usn integer NOT NULL, config blob NOT NULL);
    CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL,
      usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);`);
  db.prepare("INSERT INTO col VALUES (1, ?, 0, 0, 18, 0, 0, 0, '', '', '', '', '')").run(collection.crt);
  for (const nt of collection.notetypes) {
    const config = protoMessage({ varints: { 1: nt.isCloze ? 1 : 0 }, strings: { 3: ".card {}" } });
    db.prepare("INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)").run(nt.id, nt.name, config);
    nt.fields.forEach((name, ord) =>
      db.prepare("INSERT INTO fields VALUES (?, ?, ?, ?)").run(nt.id, ord, name, protoMessage({})),
    );
    nt.templates.forEach((t, ord) =>
      db
        .prepare("INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)")
        .run(nt.id, ord, `Card ${ord + 1}`, protoMessage({ strings: { 1: t.qfmt, 2: t.afmt } })),
    );
  }
  for (const deck of collection.decks)
    db.prepare("INSERT INTO decks VALUES (?, ?, 0, 0, ?, ?)").run(
      deck.id,
      deck.name.replaceAll("::", "\x1f"),
      Buffer.alloc(0),
      Buffer.alloc(0),
    );
  insertCommon(db, collection);
  const bytes = new Uint8Array(db.serialize());
  db.close();
  return bytes;
}

/** A legacy .apkg: collection.anki2 and an empty media map. */
export function legacyPackage(collection: TestCollection): Uint8Array {
  return zipSync({ "collection.anki2": legacyCollection(collection), media: new TextEncoder().encode("{}") });
}

/** A current .apkg: zstd collection.anki21b, the stub collection.anki2 Anki adds, and a meta file (version 3). */
export function latestPackage(collection: TestCollection): Uint8Array {
  const stub = legacyCollection({ ...collection, notes: [], cards: [], revlog: [] });
  return zipSync({
    "collection.anki21b": zstdRawFrame(latestCollection(collection)),
    "collection.anki2": stub,
    meta: new Uint8Array(protoMessage({ varints: { 1: 3 } })),
    media: new Uint8Array(0),
  });
}

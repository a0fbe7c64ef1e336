// The .apkg Quorum writes, read back column by column against Anki's schema 11
// (rslib/src/storage/schema11.sql) and card data (rslib/src/storage/card/data.rs).
import Database from "better-sqlite3";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildApkg, type ApkgExportCard } from "@/lib/export/apkg/build-apkg";
import { State, type MemoryState } from "@/lib/srs/schedule";

const now = new Date("2026-03-10T12:00:00Z");
const dayMs = 86_400_000;
const crt = Date.parse("2026-03-01T04:00:00Z") / 1000;

const memory = (overrides: Partial<MemoryState>): MemoryState => ({
  due: now,
  stability: 0,
  difficulty: 0,
  elapsedDays: 0,
  scheduledDays: 0,
  learningSteps: 0,
  reps: 0,
  lapses: 0,
  state: State.New,
  lastReview: null,
  ...overrides,
});

const review = memory({
  due: new Date(Date.parse("2026-03-15T04:00:00Z")),
  stability: 7.123456,
  difficulty: 5.5,
  scheduledDays: 5,
  reps: 4,
  lapses: 1,
  state: State.Review,
  lastReview: new Date("2026-03-10T09:00:00Z"),
});
const learning = memory({
  due: new Date("2026-03-10T12:10:00.500Z"),
  stability: 1,
  difficulty: 6,
  reps: 1,
  state: State.Learning,
  learningSteps: 1,
});

const card = (id: string, state: MemoryState | null, overrides: Partial<ApkgExportCard> = {}): ApkgExportCard => ({
  id,
  deck: "Quorum::Pods",
  frontHtml: `<b>Q ${id}</b>`,
  backHtml: `A ${id}`,
  tags: ["k8s", "two words"],
  state,
  isSuspended: false,
  reviews: [],
  ...overrides,
});

function openExport(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  expect(Object.keys(files).sort()).toEqual(["collection.anki2", "media"]);
  return new Database(Buffer.from(files["collection.anki2"]!), { readonly: true });
}

describe("buildApkg", () => {
  const reviewed = card("c-review", review, {
    reviews: [
      { rating: 3, reviewedAt: new Date("2026-03-01T09:00:00Z"), durationMs: 4200, before: null, after: learning },
      { rating: 1, reviewedAt: new Date("2026-03-10T09:00:00Z"), durationMs: null, before: review, after: review },
    ],
  });
  const db = openExport(
    buildApkg({
      cards: [reviewed, card("c-learn", learning), card("c-new", null, { isSuspended: true })],
      now,
      dayPrefs: { timeZone: "UTC", dayStartHour: 4 },
      steps: { learning: 2, relearning: 1 },
      desiredRetention: 0.9,
    }),
  );

  it("writes a schema-11 col whose day 0 is the learner's earliest day, with a Basic notetype and the deck", () => {
    const col = db.prepare("SELECT crt, ver, models, decks FROM col").get() as Record<string, string | number>;
    expect(col.crt).toBe(crt);
    expect(col.ver).toBe(11);
    const models = Object.values(JSON.parse(col.models as string)) as { flds: { name: string }[]; tmpls: unknown[] }[];
    expect(models.map((model) => model.flds.map((field) => field.name))).toEqual([["Front", "Back"]]);
    const decks = Object.values(JSON.parse(col.decks as string)) as { name: string; conf: number }[];
    expect(decks.map((deck) => deck.name)).toEqual(["Default", "Quorum::Pods"]);
  });

  it("writes notes with the Quorum id as GUID and Anki's space-padded tags", () => {
    const notes = db.prepare("SELECT guid, tags, flds, sfld FROM notes ORDER BY id").all();
    expect(notes[0]).toEqual({
      guid: "c-review",
      tags: " k8s two_words ",
      flds: "<b>Q c-review</b>\x1fA c-review",
      sfld: "Q c-review",
    });
  });

  it("writes each card's type, queue, due, interval and FSRS memory in Anki's units", () => {
    const cards = db.prepare("SELECT type, queue, due, ivl, reps, lapses, left, data FROM cards ORDER BY id").all();
    expect(cards).toEqual([
      {
        type: 2,
        queue: 2,
        due: 14,
        ivl: 5,
        reps: 4,
        lapses: 1,
        left: 0,
        data: JSON.stringify({ s: 7.123456, d: 5.5, lrt: Date.parse("2026-03-10T09:00:00Z") / 1000 }),
      },
      {
        type: 1,
        queue: 1,
        due: Math.floor(Date.parse("2026-03-10T12:10:00Z") / 1000),
        ivl: 0,
        reps: 1,
        lapses: 0,
        left: 1,
        data: '{"s":1,"d":6}',
      },
      { type: 0, queue: -1, due: 2, ivl: 0, reps: 0, lapses: 0, left: 0, data: "{}" },
    ]);
    expect(crt * 1000 + 14 * dayMs).toBe(review.due.getTime());
  });

  it("writes the review log with its kind by the state before, intervals in days or negative seconds", () => {
    expect(db.prepare("SELECT id, ease, ivl, lastIvl, time, type FROM revlog ORDER BY id").all()).toEqual([
      {
        id: Date.parse("2026-03-01T09:00:00Z"),
        ease: 3,
        ivl: -Math.round((learning.due.getTime() - Date.parse("2026-03-01T09:00:00Z")) / 1000),
        lastIvl: 0,
        time: 4200,
        type: 0,
      },
      { id: Date.parse("2026-03-10T09:00:00Z"), ease: 1, ivl: 5, lastIvl: 5, time: 0, type: 1 },
    ]);
  });
});

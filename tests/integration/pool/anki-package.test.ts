// Anki packages through the real worker pool and database: both package layouts import with their
// notes, cards, states and reviews; an exported .apkg imports back losslessly; a bad package
// writes nothing and says why, naming the note.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportAnkiPackage } from "@/lib/data/export-anki-package";
import { importFile } from "@/lib/data/imports";
import { recordReview } from "@/lib/data/reviews";
import { getStudySettings } from "@/lib/data/settings";
import { collectionBytesMax } from "@/lib/import/apkg/read-package";
import type { Grade } from "@/lib/srs/schedule";
import { latestPackage, legacyPackage } from "@/tests/helpers/anki-package";
import { reviewTimes, sampleCollection } from "@/tests/helpers/anki-sample";

const now = new Date("2026-02-01T10:00:00Z");
let learnerCount = 0;
const newLearner = () => `guest_${(++learnerCount).toString(16).padStart(32, "a")}`;

async function deckContents(deckId: string, learnerId: string) {
  const cards = await db.card.findMany({
    where: { deckId },
    orderBy: { position: "asc" },
    select: {
      prompt: true,
      answer: true,
      promptHtml: true,
      answerHtml: true,
      tags: true,
      cardStates: { where: { userId: learnerId }, omit: { id: true, cardId: true, createdAt: true, updatedAt: true } },
      reviewLogs: {
        where: { userId: learnerId },
        orderBy: { reviewedAt: "asc" },
        select: {
          rating: true,
          state: true,
          reviewedAt: true,
          elapsedDays: true,
          scheduledDays: true,
          durationMs: true,
          stateBefore: true,
          stateAfter: true,
        },
      },
    },
  });
  return cards;
}

async function writtenRows(learnerId: string) {
  const [decks, states, reviews] = await Promise.all([
    db.deck.count({ where: { ownerId: learnerId } }),
    db.cardState.count({ where: { userId: learnerId } }),
    db.reviewLog.count({ where: { userId: learnerId } }),
  ]);
  return { decks, states, reviews };
}

describe.each([
  ["legacy collection.anki2", legacyPackage],
  ["zstd collection.anki21b", latestPackage],
])("importing an Anki package, %s", (_layout, build) => {
  it("writes the deck, its cards, the cards' states and the replayed review history", async () => {
    const learnerId = newLearner();
    const outcome = await importFile({ learnerId, fileName: "pods.apkg", bytes: build(sampleCollection()), now });
    expect(outcome).toMatchObject({ ok: true, imported: 5, deckName: "Kubernetes::Pods" });
    if (!outcome.ok) return;
    const cards = await deckContents(outcome.deckId, learnerId);
    expect(cards.map((card) => card.promptHtml)).toEqual([
      "What runs a <b>Pod</b>?[image: pod.png]",
      "etcd",
      "The key-value store",
      "[...] elects a leader",
      "Raft elects a [...]",
    ]);
    expect(
      cards[0]!.reviewLogs.map((review) => [review.rating, review.reviewedAt.getTime(), review.durationMs]),
    ).toEqual([
      [3, reviewTimes[0], 4000],
      [3, reviewTimes[1], 3000],
      [3, reviewTimes[2], 5000],
    ]);
    expect(cards[0]!.reviewLogs[0]!.stateBefore).toBeNull();
    expect(cards[0]!.cardStates[0]).toMatchObject({ state: 2, reps: 3, version: 3, suspendedAt: null });
    expect(cards[2]!.cardStates[0]).toMatchObject({ state: 0, suspendedAt: now });
    expect(cards[4]!.cardStates[0]).toMatchObject({ stability: 12.5, difficulty: 4.25, version: 0 });
    expect(await writtenRows(learnerId)).toEqual({ decks: 1, states: 3, reviews: 3 });
    const sources = await db.reviewLog.findMany({ where: { userId: learnerId }, distinct: ["source"] });
    expect(sources.map((review) => review.source)).toEqual(["anki"]);
  });
});

describe("exporting a deck as .apkg", () => {
  it("imports back losslessly: card content, card states and review logs", async () => {
    const learnerId = newLearner();
    const text =
      "#separator:tab\n#html:true\nWhat is a Pod?\tThe smallest <b>unit</b>\nWho binds Pods?\tThe scheduler\n";
    const first = await importFile({ learnerId, fileName: "pods.txt", bytes: new TextEncoder().encode(text), now });
    if (!first.ok) throw new Error(first.message);
    const settings = await getStudySettings(learnerId);
    const [pod, binder] = await db.card.findMany({ where: { deckId: first.deckId }, orderBy: { position: "asc" } });
    const grades: [string, Grade, number][] = [
      [pod!.id, 3, 0],
      [pod!.id, 3, 10 * 60_000],
      [pod!.id, 1, 3 * 86_400_000],
      [pod!.id, 3, 3 * 86_400_000 + 600_000],
      [binder!.id, 4, 60_000],
    ];
    for (const [index, [cardId, rating, offsetMs]] of grades.entries()) {
      const at = new Date(now.getTime() + offsetMs);
      const version = (await db.cardState.findFirst({ where: { userId: learnerId, cardId } }))?.version ?? 0;
      const graded = await recordReview({
        learnerId,
        cardId,
        rating,
        version,
        now: at,
        shownAt: at.getTime() - 1000 * (index + 2),
        settings,
      });
      expect(graded.ok).toBe(true);
    }
    const exportedAt = new Date(now.getTime() + 4 * 86_400_000);
    const built = await exportAnkiPackage(learnerId, first.deckId, exportedAt);
    if (!built?.ok) throw new Error("the export was refused");
    const second = await importFile({ learnerId, fileName: "quorum-deck.apkg", bytes: built.value, now: exportedAt });
    expect(second).toMatchObject({ ok: true, imported: 2, deckName: "Quorum::pods" });
    if (!second.ok) return;
    const original = await deckContents(first.deckId, learnerId);
    const reimported = await deckContents(second.deckId, learnerId);
    expect(original[0]!.reviewLogs).toHaveLength(4);
    expect(reimported).toEqual(original);
  });

  it("answers null for a deck the learner cannot see", async () => {
    expect(await exportAnkiPackage(newLearner(), "imp_not_theirs", now)).toBeNull();
  });
});

describe("a bad package", () => {
  const collection = sampleCollection();

  it.each([
    [
      "not a zip",
      new TextEncoder().encode("front\tback\n"),
      "The file is not an Anki package: it is not a zip archive.",
    ],
    [
      "a zip without a collection",
      zipSync({ media: new TextEncoder().encode("{}") }),
      "The package holds no Anki collection (none of collection.anki21b, collection.anki21, collection.anki2).",
    ],
    [
      "a collection over the uncompressed cap",
      zipSync({ "collection.anki2": new Uint8Array(collectionBytesMax + 1) }, { level: 1 }),
      "The package's collection.anki2 is 64.0 MB uncompressed; the limit is 64.0 MB.",
    ],
    [
      "a collection that is not SQLite",
      zipSync({ "collection.anki21": new TextEncoder().encode("not a database") }),
      "The package's collection is not an SQLite database.",
    ],
  ])("refuses %s and writes nothing", async (_case, bytes, message) => {
    const learnerId = newLearner();
    const outcome = await importFile({ learnerId, fileName: "bad.apkg", bytes, now });
    expect(outcome).toEqual({
      ok: false,
      message: "The package has 1 problem; nothing was imported.",
      errors: [{ line: 0, message }],
      skipped: [],
    });
    expect(await writtenRows(learnerId)).toEqual({ decks: 0, states: 0, reviews: 0 });
  });

  it("refuses a package with a bad note, naming every such note, and writes none of the good ones", async () => {
    const learnerId = newLearner();
    const broken = {
      ...collection,
      notes: collection.notes.map((note) =>
        note.id === 12
          ? { ...note, fields: ["", "no question"] }
          : note.id === 13
            ? { ...note, fields: ["no cloze", ""] }
            : note,
      ),
    };
    const outcome = await importFile({ learnerId, fileName: "broken.apkg", bytes: legacyPackage(broken), now });
    expect(outcome).toMatchObject({ ok: false, message: "The package has 4 problems; nothing was imported." });
    expect(!outcome.ok && outcome.errors.map((error) => error.message)).toEqual([
      "Note 12: The question side is empty.",
      "Note 12: The answer side is empty.",
      "Note 13: The cloze note has no {{c1::…}} deletion.",
      "Note 13: The cloze note has no {{c1::…}} deletion.",
    ]);
    expect(await writtenRows(learnerId)).toEqual({ decks: 0, states: 0, reviews: 0 });
  });
});

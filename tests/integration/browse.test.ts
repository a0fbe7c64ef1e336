import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { applyBulkCardAction } from "@/lib/data/card-bulk";
import { setCardFlag } from "@/lib/data/card-flags";
import { getBrowseFacets, searchCards, type BrowseFilter } from "@/lib/data/card-search";
import { ensureGuestLearner } from "@/lib/data/learners";
import { recordReview } from "@/lib/data/reviews";
import { defaultStudySettings } from "@/lib/data/settings";
import { Rating, State } from "@/lib/srs/schedule";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";

// The card browser's search, filters and bulk actions against a real, migrated SQLite file.

const settings = { ...defaultStudySettings, enableFuzz: false };
const now = new Date("2026-03-02T10:00:00Z");
let learnerCount = 0;
const newLearner = async () => {
  const id = `guest_${(++learnerCount).toString(16).padStart(32, "b")}`;
  await ensureGuestLearner(id);
  return id;
};
const search = async (learnerId: string, filter: Partial<BrowseFilter>) =>
  (await searchCards(learnerId, { text: "", sort: "deck", page: 1, ...filter }, now)).cards.map((card) => card.id);

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-a.md", deckFile("alpha"));
  fixture.write("decks/02-b.md", deckFile("beta"));
  fixture.write(
    "cards/alpha/c1.md",
    cardFile({ id: "c1", deck: "alpha", front: "What places a pod?", back: "The scheduler binds each pod to a node." }),
  );
  fixture.write(
    "cards/alpha/c2.md",
    cardFile({
      id: "c2",
      deck: "alpha",
      front: "Where is cluster state kept?",
      back: "In etcd, behind the API server.",
    }),
  );
  fixture.write(
    "cards/beta/c3.md",
    cardFile({
      id: "c3",
      deck: "beta",
      front: "What restarts a crashed container?",
      back: "The kubelet, following the restart policy.",
    }),
  );
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
});

describe("searchCards: full-text search", () => {
  it("finds a card by a word of its back, by a stem and by a prefix", async () => {
    const learnerId = await newLearner();
    expect(await search(learnerId, { text: "etcd" })).toEqual(["c2"]);
    expect(await search(learnerId, { text: "bind" })).toEqual(["c1"]); // porter: bind ~ binds
    expect(await search(learnerId, { text: "kubel" })).toEqual(["c3"]); // the last word is a prefix
    expect(await search(learnerId, { text: "scheduler node" })).toEqual(["c1"]); // every word must match
    expect(await search(learnerId, { text: "scheduler etcd" })).toEqual([]);
  });

  it.each([
    '"',
    "*",
    "NEAR(",
    "-",
    "AND",
    "OR NOT",
    '"unclosed',
    "prompt:etcd",
    "^etcd",
    "(((",
    "'; DROP TABLE Card; --",
    "etcd AND",
    "NEAR(etcd kubelet, 2)",
    "\u0000",
    "é*ü",
  ])("treats hostile FTS syntax %j as words, never as an error", async (text) => {
    const learnerId = await newLearner();
    const result = await searchCards(learnerId, { text, sort: "deck", page: 1 }, now);
    expect(result.total).toBeGreaterThanOrEqual(0);
    expect(await db.card.count()).toBeGreaterThanOrEqual(3);
  });

  it("reads syntax as the words inside it", async () => {
    const learnerId = await newLearner();
    // "near" and "etcd" both required: no card has both
    expect(await search(learnerId, { text: 'NEAR("etcd"' })).toEqual([]);
    expect(await search(learnerId, { text: '"etcd" -' })).toEqual(["c2"]);
    // not a column filter: "answer" is not in c3
    expect(await search(learnerId, { text: "answer:kubelet" })).toEqual([]);
    expect(await search(learnerId, { text: "kubelet*" })).toEqual(["c3"]);
  });
});

describe("searchCards: filters, sort and pages", () => {
  it("filters by deck and by state, and sorts by lapses", async () => {
    const learnerId = await newLearner();
    expect(await search(learnerId, { deckId: "beta" })).toEqual(["c3"]);
    await recordReview({ learnerId, cardId: "c1", rating: Rating.Again, version: 0, now, settings });
    await setCardFlag({ learnerId, cardId: "c2", flag: "bury", now, settings });
    expect(await search(learnerId, { state: "learning" })).toEqual(["c1"]);
    expect(await search(learnerId, { state: "buried" })).toEqual(["c2"]);
    expect(await search(learnerId, { state: "new" })).toEqual(["c3"]);
    expect(await search(learnerId, { state: "review" })).toEqual([]);
    await db.cardState.updateMany({ where: { userId: learnerId, cardId: "c2" }, data: { lapses: 9, leechAt: now } });
    expect(await search(learnerId, { state: "leech" })).toEqual(["c2"]);
    expect((await search(learnerId, { sort: "lapses" }))[0]).toBe("c2");
    expect((await search(learnerId, { sort: "due" })).at(-1)).toBe("c3"); // never studied: no due date, last
  });

  it("filters by tag and lists the tags and decks a learner can see", async () => {
    const learnerId = await newLearner();
    const facets = await getBrowseFacets(learnerId);
    expect(facets.tags).toContain("test");
    expect(facets.decks.map((deck) => deck.id)).toEqual(["alpha", "beta"]);
    expect(await search(learnerId, { tag: "test" })).toEqual(["c1", "c2", "c3"]);
    expect(await search(learnerId, { tag: "nope" })).toEqual([]);
  });

  it("pages by 50 and clamps a page past the end to the last one", async () => {
    const learnerId = await newLearner();
    const result = await searchCards(learnerId, { text: "", sort: "deck", page: 99 }, now);
    expect(result).toMatchObject({ total: 3, page: 1, pageCount: 1 });
  });
});

describe("applyBulkCardAction", () => {
  it("suspends, unsuspends and resets the selected cards", async () => {
    const learnerId = await newLearner();
    await recordReview({ learnerId, cardId: "c1", rating: Rating.Good, version: 0, now, settings });
    expect(await applyBulkCardAction({ learnerId, cardIds: ["c1", "c2"], action: "suspend", now })).toEqual({
      ok: true,
      changed: 2,
    });
    expect(await search(learnerId, { state: "suspended" })).toEqual(["c1", "c2"]);
    await applyBulkCardAction({ learnerId, cardIds: ["c1"], action: "unsuspend", now });
    expect(await search(learnerId, { state: "suspended" })).toEqual(["c2"]);
    await applyBulkCardAction({ learnerId, cardIds: ["c1", "c2"], action: "reset", now });
    const states = await db.cardState.findMany({ where: { userId: learnerId }, orderBy: { cardId: "asc" } });
    expect(states.map((row) => [row.cardId, row.state, row.reps, row.suspendedAt])).toEqual([
      ["c1", State.New, 0, null],
      ["c2", State.New, 0, null],
    ]);
    expect(await db.reviewLog.count({ where: { userId: learnerId } })).toBe(1); // history is kept
  });

  it("refuses a selection with a card the learner cannot see, and writes nothing", async () => {
    const learnerId = await newLearner();
    const other = await newLearner();
    await db.deck.create({
      data: { id: "private-b", title: "B's", description: "", position: 10_000, ownerId: other },
    });
    await db.card.create({
      data: {
        id: "pb1",
        deckId: "private-b",
        type: "flashcard",
        prompt: "secret",
        answer: "secret answer",
        promptHtml: "",
        answerHtml: "",
        sources: [],
        tags: ["secret"],
        position: 0,
        contentHash: "x",
      },
    });
    const result = await applyBulkCardAction({ learnerId, cardIds: ["c1", "pb1"], action: "suspend", now });
    expect(result.ok).toBe(false);
    expect(await db.cardState.count({ where: { userId: learnerId } })).toBe(0);
    expect(await search(learnerId, { text: "secret" })).toEqual([]);
    expect((await getBrowseFacets(learnerId)).tags).not.toContain("secret");
    expect(await search(other, { text: "secret" })).toEqual(["pb1"]);
  });
});

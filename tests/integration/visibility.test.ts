// Who may see what (lib/data/visibility.ts), on a real migrated database: Quorum's decks are
// everyone's, a learner's own deck is theirs alone, a retired deck is nobody's, and only one's
// own decks can be changed.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ownDeckWhere, visibleCardWhere, visibleDeckWhere } from "@/lib/data/visibility";

const [ann, bob] = [`guest_${"a".repeat(32)}`, `guest_${"b".repeat(32)}`];

const deck = (id: string, ownerId: string | null, retiredAt: Date | null = null) => ({
  id,
  title: id,
  description: "",
  position: 0,
  ownerId,
  retiredAt,
});
const card = (id: string, deckId: string, retiredAt: Date | null = null) => ({
  id,
  deckId,
  type: "flashcard",
  prompt: id,
  answer: id,
  promptHtml: id,
  answerHtml: id,
  sources: [],
  tags: [],
  position: 0,
  contentHash: id,
  retiredAt,
});

beforeAll(async () => {
  for (const id of [ann, bob]) await db.user.create({ data: { id, isGuest: true } });
  const retired = new Date("2026-03-01T00:00:00Z");
  await db.deck.createMany({
    data: [
      deck("quorum", null),
      deck("quorum-retired", null, retired),
      deck("ann-notes", ann),
      deck("ann-old", ann, retired),
      deck("bob-notes", bob),
    ],
  });
  await db.card.createMany({
    data: [
      card("q1", "quorum"),
      card("q-retired", "quorum", retired),
      card("qr1", "quorum-retired"),
      card("a1", "ann-notes"),
      card("ao1", "ann-old"),
      card("b1", "bob-notes"),
    ],
  });
});

const deckIds = async (where: object) => (await db.deck.findMany({ where, orderBy: { id: "asc" } })).map((d) => d.id);
const cardIds = async (where: object) => (await db.card.findMany({ where, orderBy: { id: "asc" } })).map((c) => c.id);

describe("visibility", () => {
  it("shows a visitor Quorum's live decks and cards only", async () => {
    expect(await deckIds(visibleDeckWhere(null))).toEqual(["quorum"]);
    expect(await cardIds(visibleCardWhere(null))).toEqual(["q1"]);
  });

  it("shows a learner Quorum's decks and their own, never another learner's or a retired one", async () => {
    expect(await deckIds(visibleDeckWhere(ann))).toEqual(["ann-notes", "quorum"]);
    expect(await cardIds(visibleCardWhere(ann))).toEqual(["a1", "q1"]);
    expect(await deckIds(visibleDeckWhere(bob))).toEqual(["bob-notes", "quorum"]);
  });

  it("lets a learner change only their own live decks, never Quorum's", async () => {
    expect(await deckIds(ownDeckWhere(ann))).toEqual(["ann-notes"]);
    expect(await deckIds(ownDeckWhere(bob))).toEqual(["bob-notes"]);
  });
});

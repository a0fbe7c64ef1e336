import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { applyBulkCardAction } from "@/lib/data/card-bulk";
import { searchCards } from "@/lib/data/card-search";
import { ensureGuestLearner } from "@/lib/data/learners";
import { createOwnCard, deleteOwnCard, getOwnCard, updateOwnCard } from "@/lib/data/own-cards";
import { createOwnDeck, deleteOwnDeck, renameOwnDeck } from "@/lib/data/own-decks";
import { recordReview } from "@/lib/data/reviews";
import { getSelectionQueue } from "@/lib/data/selection-study";
import { defaultStudySettings } from "@/lib/data/settings";
import { Rating } from "@/lib/srs/schedule";
import { ownCardInputSchema } from "@/lib/validations/own-cards";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";

// A learner's own decks and cards: written, edited, deleted, studied; never another's, never Quorum's.

const settings = { ...defaultStudySettings, enableFuzz: false };
const now = new Date("2026-03-02T10:00:00Z");
let learnerCount = 0;
const newLearner = async () => {
  const id = `guest_${(++learnerCount).toString(16).padStart(32, "c")}`;
  await ensureGuestLearner(id);
  return id;
};
const cardInput = (deckId: string, front: string, back: string, tags = "") =>
  ownCardInputSchema.parse({ deckId, front, back, tags });
const found = async (learnerId: string, text: string) =>
  (await searchCards(learnerId, { text, sort: "deck", page: 1 }, now)).cards.map((card) => card.id);

async function deckWithCard(learnerId: string) {
  const deck = await createOwnDeck(learnerId, "Mine");
  if (!deck.ok) throw new Error(deck.message);
  const card = await createOwnCard(
    learnerId,
    cardInput(deck.deckId, "What does **kube-proxy** do?", "Programs iptables rules for Services.", "networking svc"),
  );
  if (!card.ok) throw new Error(card.message);
  return { deckId: deck.deckId, cardId: card.cardId };
}

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-a.md", deckFile("alpha"));
  fixture.write("cards/alpha/c1.md", cardFile({ id: "c1", deck: "alpha" }));
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
});

describe("own cards", () => {
  it("are created rendered and searchable, edited in place, and deleted with their history", async () => {
    const learnerId = await newLearner();
    const { cardId } = await deckWithCard(learnerId);
    const created = await db.card.findUniqueOrThrow({ where: { id: cardId } });
    expect(created.promptHtml).toContain("<strong>kube-proxy</strong>");
    expect(created.tags).toEqual(["networking", "svc"]);
    expect(await found(learnerId, "iptables")).toEqual([cardId]);

    await recordReview({ learnerId, cardId, rating: Rating.Good, version: 0, now, settings });
    const edited = await updateOwnCard(
      learnerId,
      cardId,
      cardInput(created.deckId, "What does kube-proxy do?", "Programs nftables or IPVS rules.", "networking"),
    );
    expect(edited.ok).toBe(true);
    expect(await found(learnerId, "iptables")).toEqual([]);
    expect(await found(learnerId, "nftables")).toEqual([cardId]);
    expect(await getOwnCard(learnerId, cardId)).toMatchObject({
      back: "Programs nftables or IPVS rules.",
      tags: ["networking"],
    });
    expect(await db.reviewLog.count({ where: { cardId } })).toBe(1); // an edit keeps the history

    expect(await deleteOwnCard(learnerId, cardId)).toMatchObject({ ok: true });
    expect(await db.card.count({ where: { id: cardId } })).toBe(0);
    expect(await db.reviewLog.count({ where: { cardId } })).toBe(0);
    expect(await db.cardSearchKey.count({ where: { cardId } })).toBe(0);
    expect(await found(learnerId, "nftables")).toEqual([]);
  });

  it("refuses Markdown over the structure caps, and writes nothing", async () => {
    const learnerId = await newLearner();
    const { deckId } = await deckWithCard(learnerId);
    const result = await createOwnCard(learnerId, cardInput(deckId, `${"> ".repeat(40)}deep`, "back"));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^The front: line 1 nests 40 levels deep/) });
    expect(await db.card.count({ where: { deckId } })).toBe(1);
  });

  it("validates the form with clear messages", () => {
    const parsed = ownCardInputSchema.safeParse({
      deckId: "d",
      front: "  ",
      back: "x".repeat(20_001),
      tags: "ok bad<tag>",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
      "Write the card's front.",
      "The back is at most 20,000 characters.",
      "A tag uses letters, digits and - _ . : / only.",
    ]);
  });
});

describe("ownership", () => {
  it("keeps another learner's deck and cards out of reach: not found, not changed", async () => {
    const owner = await newLearner();
    const intruder = await newLearner();
    const { deckId, cardId } = await deckWithCard(owner);
    expect(await getOwnCard(intruder, cardId)).toBeNull();
    expect(await updateOwnCard(intruder, cardId, cardInput(deckId, "hacked", "hacked"))).toMatchObject({ ok: false });
    expect(await deleteOwnCard(intruder, cardId)).toMatchObject({ ok: false });
    expect(await createOwnCard(intruder, cardInput(deckId, "planted", "planted"))).toMatchObject({ ok: false });
    expect(await renameOwnDeck(intruder, deckId, "hacked")).toMatchObject({ ok: false });
    expect(await deleteOwnDeck(intruder, deckId)).toMatchObject({ ok: false });
    expect(await found(intruder, "iptables")).toEqual([]);
    const deck = await db.deck.findUniqueOrThrow({ where: { id: deckId }, include: { cards: true } });
    expect(deck.title).toBe("Mine");
    expect(deck.cards.map((card) => card.prompt)).toEqual(["What does **kube-proxy** do?"]);
  });

  it("keeps Quorum's content decks read-only", async () => {
    const learnerId = await newLearner();
    const { deckId } = await deckWithCard(learnerId);
    expect(await getOwnCard(learnerId, "c1")).toBeNull();
    expect(await updateOwnCard(learnerId, "c1", cardInput(deckId, "x", "y"))).toMatchObject({ ok: false });
    expect(await deleteOwnCard(learnerId, "c1")).toMatchObject({ ok: false });
    expect(await createOwnCard(learnerId, cardInput("alpha", "x", "y"))).toMatchObject({ ok: false });
    expect(await renameOwnDeck(learnerId, "alpha", "x")).toMatchObject({ ok: false });
    expect(await deleteOwnDeck(learnerId, "alpha")).toMatchObject({ ok: false });
    expect(await db.card.findUniqueOrThrow({ where: { id: "c1" } })).toMatchObject({
      prompt: "Question c1?",
      deckId: "alpha",
    });
    expect(await db.deck.findUniqueOrThrow({ where: { id: "alpha" } })).toMatchObject({ title: "Deck alpha" });
  });
});

describe("own decks", () => {
  it("are renamed, and deleted with their cards and the learner's history of them", async () => {
    const learnerId = await newLearner();
    const { deckId, cardId } = await deckWithCard(learnerId);
    await recordReview({ learnerId, cardId, rating: Rating.Again, version: 0, now, settings });
    expect(await renameOwnDeck(learnerId, deckId, "Networking")).toEqual({ ok: true, deckId });
    expect((await db.deck.findUniqueOrThrow({ where: { id: deckId } })).title).toBe("Networking");
    expect(await deleteOwnDeck(learnerId, deckId)).toEqual({ ok: true, deckId });
    expect(await db.deck.count({ where: { id: deckId } })).toBe(0);
    expect(await db.card.count({ where: { deckId } })).toBe(0);
    expect(await db.cardState.count({ where: { cardId } })).toBe(0);
    expect(await db.reviewLog.count({ where: { cardId } })).toBe(0);
  });
});

describe("getSelectionQueue (study these)", () => {
  it(
    "shows each selected card once, in order, skipping suspended " +
      "and unseen ones, and brings back a failed one when due",
    async () => {
      const learnerId = await newLearner();
      const { deckId, cardId } = await deckWithCard(learnerId);
      const second = await createOwnCard(learnerId, cardInput(deckId, "Second?", "Yes."));
      if (!second.ok) throw new Error(second.message);
      const selection = { cardIds: [cardId, second.cardId, "c1", "not-a-card"], since: now };
      let queue = await getSelectionQueue(learnerId, selection, now, settings);
      expect(queue.card?.id).toBe(cardId);
      expect(queue.counts).toEqual({ new: 3, learning: 0, review: 0 });
      await recordReview({ learnerId, cardId, rating: Rating.Easy, version: 0, now, settings });
      await recordReview({ learnerId, cardId: second.cardId, rating: Rating.Again, version: 0, now, settings });
      queue = await getSelectionQueue(learnerId, selection, now, settings);
      expect(queue.card?.id).toBe(second.cardId); // failed: learning, due within the learn-ahead limit
      expect(queue.counts).toEqual({ new: 1, learning: 1, review: 0 });
      await recordReview({ learnerId, cardId: second.cardId, rating: Rating.Easy, version: 1, now, settings });
      expect((await getSelectionQueue(learnerId, selection, now, settings)).card?.id).toBe("c1");
      await applyBulkCardAction({ learnerId, cardIds: ["c1"], action: "suspend", now });
      queue = await getSelectionQueue(learnerId, selection, now, settings);
      expect(queue).toMatchObject({ card: null, counts: { new: 0, learning: 0, review: 0 } });
      const other = await newLearner();
      // another's cards are skipped
      expect((await getSelectionQueue(other, selection, now, settings)).card?.id).toBe("c1");
    },
  );
});

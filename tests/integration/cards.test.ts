// A card's own page, its label and its Replay link (lib/data/cards.ts), on a real migrated database.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cardReplayHref, getCardLabel, getCardPage } from "@/lib/data/cards";
import { undoLastReview } from "@/lib/data/undo";
import { recordReview } from "@/lib/data/reviews";
import { defaultStudySettings } from "@/lib/data/settings";
import { Rating } from "@/lib/srs/schedule";

const now = new Date("2026-03-02T10:00:00Z");
const [ann, bob] = [`guest_${"8".repeat(32)}`, `guest_${"9".repeat(32)}`];
const settings = { ...defaultStudySettings, enableFuzz: false };

const card = (id: string, deckId: string, prompt: string) => ({
  id,
  deckId,
  type: "flashcard",
  prompt,
  answer: "An answer.",
  promptHtml: `<p>${id}</p>`,
  answerHtml: "<p>An answer.</p>",
  sources: ["https://kubernetes.io/docs/"],
  tags: ["etcd"],
  position: 0,
  contentHash: id,
});

beforeAll(async () => {
  for (const id of [ann, bob]) await db.user.create({ data: { id, isGuest: true } });
  await db.deck.createMany({
    data: [
      { id: "quorum", title: "Control plane", description: "", position: 0 },
      { id: "ann-notes", title: "Ann's notes", description: "", position: 1, ownerId: ann },
    ],
  });
  await db.card.createMany({
    data: [
      {
        ...card(
          "q1",
          "quorum",
          "What does **etcd** store? It keeps [the cluster state](https://etcd.io) " + "x".repeat(80),
        ),
      },
      card("a1", "ann-notes", "My own `kubectl` question"),
    ],
  });
});

describe("cardReplayHref", () => {
  it("opens the card's scenario with its params and claim, and leads back to the card", () => {
    const href = cardReplayHref({
      id: "q1",
      scenario: "etcd-quorum-loss",
      scenarioParams: { members: 5 },
      scenarioClaim: "no-leader",
    });
    const url = new URL(href!, "http://quorum.test");
    expect(url.pathname).toBe("/sim/etcd-quorum-loss");
    expect(Object.fromEntries(url.searchParams)).toEqual({ members: "5", from: "q1", claim: "no-leader" });
    expect(cardReplayHref({ id: "q1", scenario: null, scenarioParams: null })).toBeNull();
  });
});

describe("getCardPage", () => {
  it("shows a card to whoever may see it, marks the learner's own, and lists only their reviews", async () => {
    await recordReview({ learnerId: ann, cardId: "q1", rating: Rating.Good, version: 0, now, settings });
    await recordReview({ learnerId: ann, cardId: "q1", rating: Rating.Again, version: 1, now, settings });
    await undoLastReview(ann, now);
    await recordReview({ learnerId: bob, cardId: "q1", rating: Rating.Easy, version: 0, now, settings });
    const page = await getCardPage("q1", ann);
    expect(page).toMatchObject({ deckTitle: "Control plane", isOwn: false, tags: ["etcd"], replay: null });
    expect(page!.reviews.map((review) => [review.rating, review.undone]).sort()).toEqual([
      [Rating.Again, true],
      [Rating.Good, false],
    ]);
    expect(await getCardPage("a1", ann)).toMatchObject({ isOwn: true, deckTitle: "Ann's notes" });
    expect(await getCardPage("a1", bob)).toBeNull();
    expect(await getCardPage("a1", null)).toBeNull();
    expect((await getCardPage("q1", null))!.reviews).toEqual([]);
  });
});

describe("getCardLabel", () => {
  it("gives a card's first words without Markdown, cut at 80 characters, only to whoever may see it", async () => {
    expect(await getCardLabel("a1", ann)).toEqual({ id: "a1", label: "My own kubectl question" });
    const label = (await getCardLabel("q1", null))!.label;
    expect(label.startsWith("What does etcd store? It keeps the cluster state")).toBe(true);
    expect(label).toHaveLength(78);
    expect(label.endsWith("…")).toBe(true);
    expect(await getCardLabel("a1", bob)).toBeNull();
  });
});

// Anki packages in both layouts Anki reads (rslib/src/import_export/package/meta.rs): notes of the
// stock note types become cards, fields are sanitised, and review history is replayed.
import { describe, expect, it } from "vitest";
import { parseAnkiPackage } from "@/lib/import/apkg/parse-apkg";
import { replayBatches, replayCards } from "@/lib/import/apkg/replay-revlog";
import { defaultSchedulerOptions, State } from "@/lib/srs/schedule";
import { latestPackage, legacyPackage } from "@/tests/helpers/anki-package";
import { reviewTimes, sampleCollection, sampleCrtSeconds } from "@/tests/helpers/anki-sample";

const options = { ...defaultSchedulerOptions, enableFuzz: false };
const dayMs = 86_400_000;

describe.each([
  ["legacy collection.anki2 (schema 11)", legacyPackage],
  ["zstd collection.anki21b (schema 18)", latestPackage],
])("parseAnkiPackage, %s", (_layout, build) => {
  const parsed = parseAnkiPackage(build(sampleCollection()));
  const histories = replayCards(parsed.cards, parsed.crt, options);

  it("makes one card per Anki card, with no errors, in the deck holding them", () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.deckName).toBe("Kubernetes::Pods");
    expect(parsed.cards.map((card) => [card.front, card.back])).toEqual([
      ["What runs a <b>Pod</b>?[image: pod.png]", "The kubelet"],
      ["etcd", "The key-value store"],
      ["The key-value store", "etcd"],
      ["[...] elects a leader", "<b>Raft</b> elects a leader<hr>quorum"],
      ["Raft elects a [...]", "Raft elects a <b>leader</b><hr>quorum"],
    ]);
    expect(parsed.cards[0]).toMatchObject({ tags: ["k8s", "pods"], guid: "g-basic", format: "html" });
  });

  it("replays the graded reviews through FSRS, skipping the manual entry", () => {
    const history = histories[0]!;
    expect(history.reviews.map((review) => [review.rating, review.reviewedAt.getTime(), review.durationMs])).toEqual([
      [3, reviewTimes[0], 4000],
      [3, reviewTimes[1], 3000],
      [3, reviewTimes[2], 5000],
    ]);
    expect(history.reviews[0]!.before).toBeNull();
    expect(history.reviews[1]!.before).toEqual(history.reviews[0]!.after);
    expect(history.state).toMatchObject({ state: State.Review, reps: 3, lapses: 0 });
    expect(history.state!.stability).toBe(history.reviews[2]!.after.stability);
  });

  it("keeps the due date Anki holds when it differs from the replay (set due date)", () => {
    expect(histories[0]!.state!.due.getTime()).toBe(sampleCrtSeconds * 1000 + 30 * dayMs);
  });

  it("takes the FSRS memory Anki stored in cards.data for a card exported without its history", () => {
    expect(histories[4]!).toMatchObject({
      reviews: [],
      state: { state: State.Review, stability: 12.5, difficulty: 4.25, scheduledDays: 9, reps: 1 },
    });
    expect(histories[4]!.state!.due.getTime()).toBe(sampleCrtSeconds * 1000 + 20 * dayMs);
  });

  it("leaves new cards without state and marks the suspended one", () => {
    expect(histories[1]!).toEqual({ reviews: [], state: null, isSuspended: false });
    expect(histories[2]!.isSuspended).toBe(true);
  });
});

describe("parseAnkiPackage, a card in a filtered deck", () => {
  it("belongs to its home deck (odid) and keeps its own due date (odue)", () => {
    const collection = sampleCollection();
    collection.decks.push({ id: 999, name: "Filtered Deck 1" });
    const [reviewed, ...others] = collection.cards;
    const filtered = { ...reviewed!, did: 999, odid: reviewed!.did, due: -100_000, odue: 25 };
    const parsed = parseAnkiPackage(legacyPackage({ ...collection, cards: [filtered, ...others] }));
    expect(parsed.cards[0]!.deck).toBe("Kubernetes::Pods");
    const [history] = replayCards(parsed.cards, parsed.crt, options);
    expect(history!.state!.due.getTime()).toBe(sampleCrtSeconds * 1000 + 25 * dayMs);
  });
});

describe("replayBatches", () => {
  it("cuts a batch once it holds 10,000 review-log entries, keeping the cards in order", () => {
    const card = (entries: number) => ({ entries: Array.from({ length: entries }) as never[] });
    const cards = [card(6_000), card(4_000), card(1), card(9_999), card(0), card(5)];
    expect(replayBatches(cards).map((batch) => batch.map((c) => c.entries.length))).toEqual([
      [6_000, 4_000],
      [1, 9_999],
      [0, 5],
    ]);
  });
});

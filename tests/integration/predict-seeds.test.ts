// The predict check generates (runs a simulation for) only a variant the server issued to this
// learner for this card; any other seed is refused before the worker pool is asked.
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { checkCardAnswer, unissuedPredictMessage } from "@/lib/data/answers";
import { getReplayPrediction } from "@/lib/data/predict";
import { predictVariantKey, variantSeed } from "@/lib/data/predict-seeds";
import { getHeavyPool } from "@/lib/pool/shared-pool";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";

const learnerId = "guest_" + "9".repeat(32);
const cardId = "p1";

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-a.md", deckFile("alpha"));
  fixture.write(
    `cards/alpha/${cardId}.md`,
    cardFile({ id: cardId, deck: "alpha", extra: "generator: pod-placement\n" }).replace(
      "type: flashcard",
      "type: predict",
    ),
  );
  await seedContent(db, loadContent(fixture.root), new Date("2026-03-02T10:00:00Z"));
  fixture.cleanup();
});

describe("the predict check", () => {
  it("refuses a seed the server did not issue, without starting a simulation", async () => {
    const issued = variantSeed(predictVariantKey(learnerId, cardId, 0));
    const completedBefore = getHeavyPool().stats().completed;
    for (const seed of [issued + 1, 0, 2 ** 31 - 1]) {
      expect(await checkCardAnswer(learnerId, cardId, { kind: "predict", seed, choice: "a", usedHint: false })).toEqual(
        { ok: false, message: unissuedPredictMessage },
      );
      expect(await getReplayPrediction(cardId, learnerId, seed, "a")).toBeNull();
    }
    expect(getHeavyPool().stats().completed).toBe(completedBefore);
  });

  it("checks the variant it issued, generated in the pool", async () => {
    const issued = variantSeed(predictVariantKey(learnerId, cardId, 0));
    const checked = await checkCardAnswer(learnerId, cardId, {
      kind: "predict",
      seed: issued,
      choice: "a",
      usedHint: false,
    });
    expect(checked).toMatchObject({
      ok: true,
      expected: [expect.any(String)],
      replayHref: expect.stringContaining(`predict=${issued}`),
    });
    // Another learner was not issued this seed.
    const other = await checkCardAnswer("guest_" + "8".repeat(32), cardId, {
      kind: "predict",
      seed: issued,
      choice: "a",
      usedHint: false,
    });
    expect(other).toEqual({ ok: false, message: unissuedPredictMessage });
  });
});

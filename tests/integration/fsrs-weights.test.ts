import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { rescheduleLearnerCards } from "@/lib/data/fsrs-reschedule";
import { evaluateLearnerWeights, getOptimizerStatus, optimizeLearnerWeights } from "@/lib/data/fsrs-weights";
import { planRetention } from "@/lib/data/retention-plan";
import { recordReview } from "@/lib/data/reviews";
import { getStudySettings } from "@/lib/data/settings";
import { getHeavyPool } from "@/lib/pool/shared-pool";
import { Rating } from "@/lib/srs/schedule";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";
import { seedReviewHistory } from "../helpers/seed-review-history";
import { reviewsPerCard, syntheticReviewHistory, trueWeights } from "../helpers/synthetic-review-history";

const now = new Date("2026-06-01T10:00:00Z");
const cardIds = Array.from({ length: 60 }, (_, i) => `fsrs-${i}`);
let learnerCount = 0;
const newLearner = () => `guest_${(++learnerCount).toString(16).padStart(32, "f")}`;

async function learnerWithHistory(cards = cardIds): Promise<string> {
  const learnerId = newLearner();
  await seedReviewHistory(db, learnerId, syntheticReviewHistory({ cardIds: cards, seed: 3, endsBefore: now }));
  return learnerId;
}

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-f.md", deckFile("fsrs"));
  for (const id of cardIds) fixture.write(`cards/fsrs/${id}.md`, cardFile({ id, deck: "fsrs" }));
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
});

describe("personal FSRS weights", () => {
  it("refuses to optimize below Anki's 400 reviews and says how many there are", async () => {
    const learnerId = await learnerWithHistory(cardIds.slice(0, 10));
    expect(await getOptimizerStatus(learnerId)).toEqual({
      reviewCount: 10 * reviewsPerCard,
      reviewsNeeded: 400,
      hasPersonalWeights: false,
    });
    expect(await optimizeLearnerWeights(learnerId, now)).toEqual({
      ok: false,
      status: 422,
      message: "Only 80 reviews so far: at least 400 are needed.",
    });
  });

  it("optimizes in the pool, stores the weights that won, and schedules with them", async () => {
    const learnerId = await learnerWithHistory();
    const outcome = await optimizeLearnerWeights(learnerId, now);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.isPersonalBetter).toBe(true);
    const settings = await getStudySettings(learnerId);
    expect(settings.weights).toEqual(outcome.value.personal!.weights);
    expect((await getOptimizerStatus(learnerId)).hasPersonalWeights).toBe(true);

    const evaluated = await evaluateLearnerWeights(learnerId, now);
    if (!evaluated.ok) throw new Error(evaluated.message);
    const { logLoss, rmseBins } = outcome.value.personal!.evaluation;
    expect(evaluated.value.personal!.evaluation.logLoss).toBeCloseTo(logLoss, 6);
    expect(evaluated.value.personal!.evaluation.rmseBins).toBeCloseTo(rmseBins, 6);
  });

  it("reschedules every studied card from its history in one transaction, with new stability", async () => {
    const learnerId = await learnerWithHistory();
    const before = await db.cardState.findMany({ where: { userId: learnerId }, orderBy: { cardId: "asc" } });
    await db.learnerSettings.create({ data: { userId: learnerId, fsrsWeights: trueWeights } });
    const personal = (await getStudySettings(learnerId)).weights!;
    expect(personal).toHaveLength(21);
    expect(await rescheduleLearnerCards(learnerId, now)).toEqual({ ok: true, rescheduled: cardIds.length });
    const after = await db.cardState.findMany({ where: { userId: learnerId }, orderBy: { cardId: "asc" } });
    expect(after.map((s) => s.version)).toEqual(before.map((s) => s.version + 1));
    expect(after.filter((s, i) => s.stability !== before[i]!.stability).length).toBeGreaterThan(cardIds.length / 2);
    expect(after.map((s) => s.reps)).toEqual(before.map((s) => s.reps));
  });

  it("writes nothing when a card is graded while the replay runs", async () => {
    const learnerId = await learnerWithHistory();
    const before = await db.cardState.findMany({ where: { userId: learnerId }, orderBy: { cardId: "asc" } });
    const settings = await getStudySettings(learnerId);
    const pool = getHeavyPool();
    const gradingPool = {
      ...pool,
      run: (async (task) => {
        const replayed = await pool.run(task);
        const graded = before.at(-1)!;
        await recordReview({
          learnerId,
          cardId: graded.cardId,
          rating: Rating.Good,
          version: graded.version,
          now,
          settings,
        });
        return replayed;
      }) as typeof pool.run,
    };
    expect(await rescheduleLearnerCards(learnerId, now, gradingPool)).toEqual({
      ok: false,
      message: "A card was graded while rescheduling; nothing was changed. Try again.",
    });
    const after = await db.cardState.findMany({ where: { userId: learnerId }, orderBy: { cardId: "asc" } });
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
    expect(after.at(-1)!.version).toBe(before.at(-1)!.version + 1); // the grade itself, only
  });

  it("plans the workload of retentions 0.70 to 0.97 over 30 days without an interview date", async () => {
    const learnerId = await learnerWithHistory();
    const plan = await planRetention(learnerId, now);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.days).toBe(30);
    expect(plan.value.untilInterview).toBe(false);
    expect(plan.value.workloads.map((w) => w.desiredRetention)).toEqual([0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97]);
    const [at90, at95] = [0.9, 0.95].map((r) => plan.value.workloads.find((w) => w.desiredRetention === r)!);
    expect(at95!.reviewsPerDay).toBeGreaterThan(at90!.reviewsPerDay);
  });
});

import { BindingMemoryState, computeParameters, FSRSBinding } from "@open-spaced-repetition/binding";
import { default_w, fsrs, generatorParameters, Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { formatRevlogCsv } from "@/lib/export/format-revlog-csv";
import { evaluateWeights, optimizeWeights, type WeightsInput } from "@/lib/fsrs-optimizer/optimize-weights";
import { syntheticCardIds, syntheticReviewHistory, trueWeights } from "@/tests/helpers/synthetic-review-history";

const history = syntheticReviewHistory({ cardIds: syntheticCardIds(2_400), seed: 18 });
const input: WeightsInput = {
  csv: formatRevlogCsv(history),
  timeZone: "UTC",
  dayStartHour: 4,
  relearningStepsInDay: 1,
};

describe("FSRS weights from the optimizer (@open-spaced-repetition/binding)", () => {
  it("has the same defaults as ts-fsrs: FSRS-6, 21 weights (fsrs-rs returns its defaults for no data)", async () => {
    const defaults = await computeParameters([], { enableShortTerm: true });
    expect(defaults).toHaveLength(21);
    expect(default_w).toHaveLength(21);
    defaults.forEach((weight, index) => expect(weight).toBeCloseTo(default_w[index]!, 4));
  });

  it("fits 2,000+ generated reviews better than the defaults: lower log loss and RMSE (bins)", async () => {
    expect(history.length).toBeGreaterThanOrEqual(2_000);
    const comparison = await optimizeWeights(input);
    expect(comparison.personal?.weights).toHaveLength(21);
    expect(comparison.personal!.evaluation.logLoss).toBeLessThan(comparison.defaults.logLoss);
    expect(comparison.personal!.evaluation.rmseBins).toBeLessThan(comparison.defaults.rmseBins);
    expect(comparison.isPersonalBetter).toBe(true);
  });

  it("evaluates the true model's weights as better than the defaults on the history they generated", () => {
    const comparison = evaluateWeights({ ...input, personalWeights: trueWeights });
    expect(comparison.personal!.evaluation.logLoss).toBeLessThan(comparison.defaults.logLoss);
    expect(comparison.isPersonalBetter).toBe(true);
  });

  it("evaluates the defaults alone, never better than themselves, when there are no personal weights", () => {
    const comparison = evaluateWeights({ ...input, personalWeights: null });
    expect(comparison.personal).toBeNull();
    expect(comparison.isPersonalBetter).toBe(false);
    expect(comparison.defaults.logLoss).toBeGreaterThan(0);
  });

  it("schedules with a weight vector as fsrs-rs does: same memory state after a review", () => {
    const memory = { stability: 5, difficulty: 6 };
    const ours = fsrs(generatorParameters({ w: trueWeights })).next_state(memory, 10, Rating.Good);
    const theirs = new FSRSBinding(trueWeights).nextStates(new BindingMemoryState(5, 6), 0.9, 10).good.memory;
    expect(ours.stability).toBeCloseTo(theirs.stability, 3);
    expect(ours.difficulty).toBeCloseTo(theirs.difficulty, 3);
  });
});

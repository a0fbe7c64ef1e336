import { describe, expect, it } from "vitest";
import { isPersonalBetter } from "@/lib/fsrs-optimizer/choose-weights";

// Anki keeps optimized parameters only when their RMSE (bins) is lower than the current ones'
// (rslib/src/scheduler/fsrs/params.rs, compute_params: `if current_rmse <= optimized_rmse`).
describe("isPersonalBetter", () => {
  const defaults = { logLoss: 0.36, rmseBins: 0.1 };

  it("keeps personal weights whose RMSE (bins) is lower", () => {
    expect(isPersonalBetter(defaults, { logLoss: 0.34, rmseBins: 0.06 })).toBe(true);
  });

  it("keeps the defaults on a tie or when the personal weights are worse", () => {
    expect(isPersonalBetter(defaults, { logLoss: 0.34, rmseBins: 0.1 })).toBe(false);
    expect(isPersonalBetter(defaults, { logLoss: 0.3, rmseBins: 0.12 })).toBe(false);
  });
});

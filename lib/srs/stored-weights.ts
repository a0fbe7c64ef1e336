import { z } from "zod";

/**
 * LearnerSettings.fsrsWeights as stored: FSRS-6's 21 weights (ts-fsrs default_w's length and
 * order, which fsrs-rs's optimizer also returns), or null for the defaults.
 */
const storedWeightsSchema = z.array(z.number().finite()).length(21).nullable();

export function weightsFromJson(json: unknown): number[] | null {
  return storedWeightsSchema.parse(json ?? null);
}

/** How well a set of weights predicts a review history; smaller is better for both. */
export type WeightsEvaluation = { logLoss: number; rmseBins: number };

/**
 * Anki's rule for keeping optimized parameters (rslib/src/scheduler/fsrs/params.rs,
 * `compute_params`): the new ones replace the current ones only when their RMSE (bins) on the
 * same history is strictly lower; a tie keeps what the learner has.
 */
export function isPersonalBetter(defaults: WeightsEvaluation, personal: WeightsEvaluation): boolean {
  return personal.rmseBins < defaults.rmseBins;
}

/**
 * Reviews a learner needs before optimizing: Anki refuses below 400
 * (ftl/core/deck-config.ftl, deck-config-must-have-400-reviews).
 */
export const reviewsNeededToOptimize = 400;

import { computeParameters, FSRSBinding, type FSRSItem } from "@open-spaced-repetition/binding";
import type { DayPrefs } from "../srs/day";
import { defaultWeights } from "../srs/schedule";
import { isPersonalBetter, type WeightsEvaluation } from "./choose-weights";
import { reviewItemsFromCsv } from "./review-items";

// Fitting and judging FSRS weights with the open-spaced-repetition optimizer (fsrs-rs through
// @open-spaced-repetition/binding). Both it and ts-fsrs are FSRS-6: 21 weights in the same order,
// and the binding's defaults are ts-fsrs's default_w, so a fitted vector schedules as it is.
// Runs in the heavy pool's worker threads (lib/pool/heavy-tasks.ts), never on the request loop.

export type WeightsInput = DayPrefs & {
  /** The learner's review log as the optimizer's CSV (exportReviewLogCsv). */
  csv: string;
  /** Relearning steps that fit within a day, as Anki passes to the optimizer. */
  relearningStepsInDay: number;
};

export type WeightsComparison = {
  /** Training items the history gave (one per review after a card's first). */
  itemCount: number;
  defaults: WeightsEvaluation;
  /** The personal weights judged, or null when the learner has none yet. */
  personal: { weights: number[]; evaluation: WeightsEvaluation } | null;
  isPersonalBetter: boolean;
};

function evaluate(items: FSRSItem[], weights: readonly number[]): WeightsEvaluation {
  const { logLoss, rmseBins } = new FSRSBinding([...weights]).evaluate(items);
  return { logLoss, rmseBins };
}

function compare(items: FSRSItem[], personalWeights: number[] | null): WeightsComparison {
  const defaults = evaluate(items, defaultWeights);
  const personal = personalWeights && { weights: personalWeights, evaluation: evaluate(items, personalWeights) };
  return {
    itemCount: items.length,
    defaults,
    personal,
    isPersonalBetter: personal !== null && isPersonalBetter(defaults, personal.evaluation),
  };
}

/** Fits weights to the history, then judges them and the defaults on that same history. */
export async function optimizeWeights(input: WeightsInput): Promise<WeightsComparison> {
  const items = reviewItemsFromCsv(input.csv, input);
  const weights = await computeParameters(items, {
    enableShortTerm: true,
    numRelearningSteps: input.relearningStepsInDay,
  });
  return compare(items, weights);
}

/** Judges the learner's current personal weights (if any) and the defaults on their history. */
export function evaluateWeights(input: WeightsInput & { personalWeights: number[] | null }): WeightsComparison {
  return compare(reviewItemsFromCsv(input.csv, input), input.personalWeights);
}

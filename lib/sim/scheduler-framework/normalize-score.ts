// helper.DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go):
// scales [0, max] to [0, 100] with integer division; reverse subtracts from 100; max 0 leaves
// scores alone unless reversed, when every node gets 100.
import { mulDiv } from "@/lib/sim/scheduler-framework/int-math";

/** Rewrites `scores` in place. */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let maxCount = 0;
  for (const score of scores) if (score > maxCount) maxCount = score;
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const scaled = mulDiv(maxPriority, scores[i] ?? 0, maxCount);
    scores[i] = reverse ? maxPriority - scaled : scaled;
  }
}

import "server-only";
import { ConvertStepUnitToMinutes } from "ts-fsrs";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { reviewsNeededToOptimize } from "@/lib/fsrs-optimizer/choose-weights";
import type { WeightsComparison, WeightsInput } from "@/lib/fsrs-optimizer/optimize-weights";
import { runInPool, takeHeavyJobAllowance, type HeavyOutcome } from "@/lib/pool/heavy-job";
import { exportReviewLogCsv } from "./exports";
import { ensureGuestLearner } from "./learners";
import { getStudySettings, type StudySettings } from "./settings";

// A learner's own FSRS weights: fitted to their review log by the optimizer in the heavy pool,
// judged against the defaults on the same log, and stored only when they predict it better.

export type OptimizerStatus = { reviewCount: number; reviewsNeeded: number; hasPersonalWeights: boolean };

/** Reviews that count (not undone), as the CSV export and so the optimizer see them. */
async function countReviews(learnerId: string): Promise<number> {
  return db.reviewLog.count({ where: { userId: learnerId, undoneAt: null } });
}

export async function getOptimizerStatus(learnerId: string | null): Promise<OptimizerStatus> {
  const settings = await getStudySettings(learnerId);
  return {
    reviewCount: learnerId ? await countReviews(learnerId) : 0,
    reviewsNeeded: reviewsNeededToOptimize,
    hasPersonalWeights: settings.weights !== null,
  };
}

/** Relearning steps that end within a day, the count Anki gives the optimizer (FsrsOptions.svelte). */
function relearningStepsInDay(settings: StudySettings): number {
  let minutes = 0;
  let count = 0;
  for (const step of settings.relearningSteps) {
    minutes += ConvertStepUnitToMinutes(step);
    if (minutes >= 1440) break;
    count++;
  }
  return count;
}

async function weightsInput(learnerId: string, settings: StudySettings): Promise<WeightsInput> {
  return {
    csv: await exportReviewLogCsv(learnerId),
    timeZone: settings.timeZone,
    dayStartHour: settings.dayStartHour,
    relearningStepsInDay: relearningStepsInDay(settings),
  };
}

/** Too few reviews is refused like heavy work over its limits: a 422 with a message to show. */
export type WeightsJob = HeavyOutcome<WeightsComparison>;

async function refuseEarly(learnerId: string, now: Date): Promise<WeightsJob | null> {
  const reviewCount = await countReviews(learnerId);
  if (reviewCount < reviewsNeededToOptimize) {
    return {
      ok: false,
      status: 422,
      message: `Only ${reviewCount} reviews so far: at least ${reviewsNeededToOptimize} are needed.`,
    };
  }
  return takeHeavyJobAllowance("compute", learnerId, now);
}

/**
 * Fits weights to the learner's review log in the pool and keeps them only when their RMSE
 * (bins) on that log is lower than the defaults' (lib/fsrs-optimizer/choose-weights.ts);
 * otherwise the learner goes back to the defaults.
 */
export async function optimizeLearnerWeights(learnerId: string, now: Date): Promise<WeightsJob> {
  const refused = await refuseEarly(learnerId, now);
  if (refused) return refused;
  const settings = await getStudySettings(learnerId);
  const outcome = await runInPool({ kind: "fsrs-optimize", input: await weightsInput(learnerId, settings) });
  if (!outcome.ok) return outcome;
  const kept = outcome.value.isPersonalBetter ? outcome.value.personal?.weights : undefined;
  const data = { fsrsWeights: kept ?? Prisma.DbNull };
  await ensureGuestLearner(learnerId);
  await db.learnerSettings.upsert({
    where: { userId: learnerId },
    create: { userId: learnerId, ...data },
    update: data,
  });
  return outcome;
}

/** Log loss and RMSE (bins) of the defaults and of the learner's stored weights on their log. */
export async function evaluateLearnerWeights(learnerId: string, now: Date): Promise<WeightsJob> {
  const refused = await refuseEarly(learnerId, now);
  if (refused) return refused;
  const settings = await getStudySettings(learnerId);
  const personalWeights = settings.weights && [...settings.weights];
  return runInPool({ kind: "fsrs-evaluate", input: { ...(await weightsInput(learnerId, settings)), personalWeights } });
}

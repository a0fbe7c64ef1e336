"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clock } from "@/lib/clock";
import { ensureGuestLearner, getLearnerId } from "@/lib/data/learners";
import { saveStudySettings } from "@/lib/data/settings";
import { rescheduleLearnerCards } from "@/lib/data/fsrs-reschedule";
import { evaluateLearnerWeights, optimizeLearnerWeights } from "@/lib/data/fsrs-weights";
import { planRetention } from "@/lib/data/retention-plan";
import { noLearnerMessage, type FormMessageState } from "@/lib/validations/messages";
import type { PlanState, WeightsState } from "./_lib/fsrs-states";
import { studySettingsSchema, type SettingsState } from "@/lib/validations/settings";
import { formDataOrEmpty } from "@/lib/validations/form-data";

export async function updateSettings(_previous: SettingsState, submitted: unknown): Promise<SettingsState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  // The submitted values go back with any error, so the form shows what was typed, not what was saved.
  const values = Object.fromEntries([...formData].map(([name, value]) => [name, String(value)]));
  if (!learnerId) return { ok: false, errors: {}, values, message: noLearnerMessage };
  const parsed = studySettingsSchema.safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      errors: z.flattenError(parsed.error).fieldErrors,
      values,
      message: "Some settings need fixing; nothing was saved.",
    };
  }
  await ensureGuestLearner(learnerId);
  await saveStudySettings(learnerId, parsed.data, clock.now());
  revalidatePath("/", "layout");
  return { ok: true };
}

export async function optimizeParameters(): Promise<WeightsState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const outcome = await optimizeLearnerWeights(learnerId, clock.now());
  if (!outcome.ok) return { ok: false, message: outcome.message };
  revalidatePath("/", "layout"); // the next card is scheduled with the weights kept
  return { ok: true, action: "optimize", comparison: outcome.value };
}

export async function evaluateParameters(): Promise<WeightsState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const outcome = await evaluateLearnerWeights(learnerId, clock.now());
  return outcome.ok
    ? { ok: true, action: "evaluate", comparison: outcome.value }
    : { ok: false, message: outcome.message };
}

export async function rescheduleCards(): Promise<FormMessageState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const result = await rescheduleLearnerCards(learnerId, clock.now());
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath("/", "layout");
  return { ok: true, message: `Rescheduled ${result.rescheduled} cards from their review history.` };
}

export async function planRetentions(): Promise<PlanState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const outcome = await planRetention(learnerId, clock.now());
  return outcome.ok ? { ok: true, plan: outcome.value } : { ok: false, message: outcome.message };
}

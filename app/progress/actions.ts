"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ensureGuestLearner, getLearnerId } from "@/lib/data/learners";
import { saveInterviewDate } from "@/lib/data/settings";
import { noLearnerMessage } from "@/lib/validations/messages";
import { interviewDateSchema, type PlannerState } from "@/lib/validations/settings";
import { formDataOrEmpty } from "@/lib/validations/form-data";

export async function setInterviewDate(_previous: PlannerState, submitted: unknown): Promise<PlannerState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = interviewDateSchema.safeParse({ interviewDate: formData.get("interviewDate") ?? "" });
  if (!parsed.success)
    return { ok: false, message: z.flattenError(parsed.error).fieldErrors.interviewDate?.[0] ?? "Pick a date." };
  await ensureGuestLearner(learnerId);
  await saveInterviewDate(learnerId, parsed.data.interviewDate);
  revalidatePath("/progress");
  return { ok: true };
}

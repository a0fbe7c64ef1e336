"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clock } from "@/lib/clock";
import { ensureGuestLearner, getLearnerId } from "@/lib/data/learners";
import { saveStudySettings } from "@/lib/data/settings";
import { noLearnerMessage } from "@/lib/validations/messages";
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

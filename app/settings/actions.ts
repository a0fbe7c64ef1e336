"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ensureGuestLearner, getLearnerId } from "@/lib/data/learners";
import { saveStudySettings } from "@/lib/data/settings";
import { studySettingsSchema, type SettingsState } from "@/lib/validations/settings";

export async function updateSettings(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, errors: {}, message: "Quorum keeps your settings in a cookie: allow cookies for this site, then reload." };
  const parsed = studySettingsSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { ok: false, errors: z.flattenError(parsed.error).fieldErrors, message: "Some settings need fixing; nothing was saved." };
  }
  await ensureGuestLearner(learnerId);
  await saveStudySettings(learnerId, parsed.data);
  revalidatePath("/", "layout");
  return { ok: true };
}

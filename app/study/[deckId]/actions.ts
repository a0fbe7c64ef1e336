"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getLearnerId } from "@/lib/data/learners";
import { recordReview } from "@/lib/data/reviews";
import { getStudySettings } from "@/lib/data/settings";
import type { Grade } from "@/lib/srs/schedule";
import { reviewInputSchema, type GradeState } from "@/lib/validations/review";

export async function submitGrade(_previous: GradeState, formData: FormData): Promise<GradeState> {
  const learnerId = await getLearnerId();
  if (!learnerId) {
    return { ok: false, message: "Quorum keeps your progress in a cookie: allow cookies for this site, then reload." };
  }
  const parsed = reviewInputSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return { ok: false, message: Object.values(errors).flat()[0] ?? "That grade could not be read; reload and try again." };
  }
  const settings = await getStudySettings(learnerId);
  const result = await recordReview({ learnerId, ...parsed.data, rating: parsed.data.rating as Grade, now: new Date(), settings });
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath(`/study/${result.deckId}`);
  revalidatePath("/");
  return { ok: true };
}

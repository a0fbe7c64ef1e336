import "server-only";
import type { z } from "zod";
import { getLearnerId } from "@/lib/data/learners";
import { formDataOrEmpty } from "@/lib/validations/form-data";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";

/** The learner and the form read by `schema`; or the one line the form shows instead (`fallback` if zod has none). */
export async function readLearnerForm<T>(submitted: unknown, schema: z.ZodType<T>, fallback: string) {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false as const, message: noLearnerMessage };
  const parsed = schema.safeParse(Object.fromEntries(formDataOrEmpty(submitted)));
  if (!parsed.success) return { ok: false as const, message: firstErrorMessage(parsed.error, fallback) };
  return { ok: true as const, learnerId, data: parsed.data };
}

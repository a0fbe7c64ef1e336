import { z } from "zod";
import { answerSchema } from "@/lib/study/questions";
import { parseCustomStudy, type CustomStudy } from "./custom-study";
import { formDataOrEmpty } from "./form-data";
import { jsonField } from "./json-field";
import { firstErrorMessage } from "./messages";

/** Shown when a submitted answer is not one the question can take (edited page, old tab). */
export const unreadableAnswer = "That answer could not be read; answer the question again.";

/** The first message of a study request that failed validation (an edited page, an old tab). */
export const requestErrorMessage = (error: z.ZodError) =>
  firstErrorMessage(error, "That request could not be read; reload and try again.");

const cardId = z.string().min(1, "Missing card id").max(200, "Card id too long");

// A grade as the study page submits it. The learner comes from the session, never from the form.
const reviewInputSchema = z.object({
  cardId,
  rating: z.coerce
    .number({ error: "Choose Again, Hard, Good or Easy" })
    .int("Choose Again, Hard, Good or Easy")
    .min(1, "Choose Again, Hard, Good or Easy")
    .max(4, "Choose Again, Hard, Good or Easy"),
  version: z.coerce.number().int().min(0, "Invalid card version"),
  /** When the card was shown (epoch ms), to record how long the answer took. */
  shownAt: z.coerce.number().int().positive().optional(),
  /** For checked questions: what the learner answered, as JSON. */
  answer: jsonField(answerSchema, unreadableAnswer).optional(),
});

export type GradeInput = z.infer<typeof reviewInputSchema>;

/**
 * A study session's grade form: the grade, the custom study it was shown under, and the deck the
 * page showed (empty for a selection).
 */
export function readGradeForm(
  submitted: unknown,
):
  | { ok: true; grade: GradeInput; custom: CustomStudy | undefined; shownDeckId: string }
  | { ok: false; message: string } {
  const formData = formDataOrEmpty(submitted);
  const fields = Object.fromEntries(formData);
  const parsed = reviewInputSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, message: requestErrorMessage(parsed.error) };
  const custom = parseCustomStudy(fields);
  if (!custom.success) return { ok: false, message: requestErrorMessage(custom.error) };
  return { ok: true, grade: parsed.data, custom: custom.data, shownDeckId: String(formData.get("deckId") ?? "") };
}

export const checkInputSchema = z.object({ cardId, answer: answerSchema });

export const cardFlagInputSchema = z.object({
  cardId,
  flag: z.enum(["bury", "suspend", "unsuspend"], { error: "Unknown card action" }),
});

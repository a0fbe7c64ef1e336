import { z } from "zod";

// A grade as the study page submits it. The learner comes from the session, never from the form.
export const reviewInputSchema = z.object({
  cardId: z.string().min(1, "Missing card id").max(200, "Card id too long"),
  rating: z.coerce
    .number({ error: "Choose Again, Hard, Good or Easy" })
    .int("Choose Again, Hard, Good or Easy")
    .min(1, "Choose Again, Hard, Good or Easy")
    .max(4, "Choose Again, Hard, Good or Easy"),
  version: z.coerce.number().int().min(0, "Invalid card version"),
  /** When the card was shown (epoch ms), to record how long the answer took. */
  shownAt: z.coerce.number().int().positive().optional(),
});

export type ReviewInput = z.infer<typeof reviewInputSchema>;

/** What the grade action answers: success, or a message the learner can act on. */
export type GradeState = { ok: true } | { ok: false; message: string } | null;

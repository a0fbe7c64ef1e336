import { z } from "zod";
import type { StudyQueue } from "@/lib/data/study";
import { answerSchema } from "@/lib/study/questions";
import { jsonField } from "./json-field";

/** Shown when a submitted answer is not one the question can take (edited page, old tab). */
export const unreadableAnswer = "That answer could not be read; answer the question again.";

const cardId = z.string().min(1, "Missing card id").max(200, "Card id too long");

// A grade as the study page submits it. The learner comes from the session, never from the form.
export const reviewInputSchema = z.object({
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

export const checkInputSchema = z.object({ cardId, answer: answerSchema });

export const cardFlagInputSchema = z.object({
  cardId,
  flag: z.enum(["bury", "suspend", "unsuspend"], { error: "Unknown card action" }),
});

/** The queue after a grade, sent back with it so the next card shows without re-rendering the page. */
export type NextQueue = StudyQueue & { shownAt: number };

/**
 * What the grade action answers: success, or a message the learner can act on.
 * `next`: the card to show now (after a grade, or after finding the card already graded in
 * another tab). `staleCardId`: the card was already graded; the message matters only while it is shown.
 */
export type GradeState =
  | { ok: true; notice?: string; next?: NextQueue }
  | { ok: false; staleCardId?: string; message: string; next?: NextQueue }
  | null;

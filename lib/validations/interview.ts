import { z } from "zod";
import { KEY_POINTS_RANGE } from "@/lib/content/interview-sections";

// The mock interview's forms (app/quiz/[quizId]/actions.ts). Which key points exist is the
// server's to say (lib/data/interview-steps.ts checks each tick against the card); here a tick
// is at least a key point index that could exist.

/** The longest typed answer kept: about five minutes of speech. */
export const typedAnswerLengthMax = 4000;

const questionFields = {
  quizId: z.string().min(1).max(200),
  position: z.coerce.number().int().min(0).max(49),
};

/** A typed answer, or a skip. An answer that is all spaces is neither: say something or skip. */
export const typedAnswerSchema = z
  .object({
    ...questionFields,
    intent: z.enum(["answer", "skip"], { error: "Answer or skip the question." }),
    text: z
      .string()
      .max(typedAnswerLengthMax, `Keep your answer under ${typedAnswerLengthMax} characters.`)
      .default(""),
  })
  .transform(({ intent, text, ...rest }) => ({ ...rest, text: intent === "skip" ? null : text.trim() }))
  .refine((input) => input.text !== "", { message: "Type your answer, or skip the question.", path: ["text"] });

/** The key points the learner says their answer covered, by index (each once). */
export const keyPointTicksSchema = z.object({
  ...questionFields,
  ticks: z
    .array(
      z.coerce
        .number({ error: "A tick names a key point by its number." })
        .int("A tick names a key point by its number.")
        .min(0, "There is no such key point.")
        .max(KEY_POINTS_RANGE.max - 1, "There is no such key point."),
    )
    .max(KEY_POINTS_RANGE.max, `At most ${KEY_POINTS_RANGE.max} key points.`)
    .refine((ticks) => new Set(ticks).size === ticks.length, "Tick each key point once.")
    .default([]),
});

/** What a mock interview step's form shows after a refused submit (on success the page moves on). */
export type InterviewStepState = { ok: false; message: string } | null;

import { z } from "zod";
import { answerSchema } from "@/lib/study/questions";
import { jsonField } from "./json-field";
import { unreadableAnswer } from "./review";

const quizModes = ["quiz", "interview", "cram"] as const;
export type QuizMode = (typeof quizModes)[number];

const id = z.string().min(1).max(200);

// The quiz builder form. Decks and topics are optional filters: none chosen means all.
export const quizSetupSchema = z.object({
  mode: z.enum(quizModes, { error: "Choose a quiz, a mock interview or a cram session" }),
  deckIds: z.array(id).max(50).default([]),
  tags: z.array(id).max(100).default([]),
  questionCount: z.coerce
    .number({ error: "How many questions?" })
    .int("A whole number of questions")
    .min(1, "At least 1 question")
    .max(50, "At most 50 questions"),
  secondsPerQuestion: z.coerce
    .number()
    .int()
    .min(30, "At least 30 seconds a question")
    .max(600, "At most 10 minutes a question")
    .default(90),
});
export type QuizSetup = z.infer<typeof quizSetupSchema>;

export const quizAnswerSchema = z.object({
  quizId: id,
  position: z.coerce.number().int().min(0),
  rating: z.coerce
    .number({ error: "Choose Again, Hard, Good or Easy" })
    .int()
    .min(1, "Choose Again, Hard, Good or Easy")
    .max(4, "Choose Again, Hard, Good or Easy"),
  shownAt: z.coerce.number().int().positive().optional(),
  answer: jsonField(answerSchema, unreadableAnswer).optional(),
});
export type QuizAnswerInput = z.infer<typeof quizAnswerSchema>;

/** What starting a quiz answers when it cannot start (on success it redirects). */
export type QuizSetupState = { ok: false; message: string; errors?: Record<string, string[] | undefined> } | null;

import { z } from "zod";
import { seededShuffle } from "./shuffle";

// Checked question types (multiple choice, ordering): how a question is shown without giving the
// answer away, and how an answer is checked on the server. The client never sees which choice is
// correct, or the right order, before it has answered.

const htmlItem = z.object({ text: z.string(), html: z.string() });
export const choiceDetailsSchema = z.object({ choices: z.array(htmlItem.extend({ correct: z.boolean() })).min(2) });
export const orderingDetailsSchema = z.object({ steps: z.array(htmlItem).min(2) });

export type PresentedQuestion =
  | { kind: "flashcard" }
  | { kind: "multiple-choice"; choices: { id: number; html: string }[]; isMultiple: boolean }
  | { kind: "ordering"; steps: { id: number; html: string }[] }
  /** Predict-then-replay: a question the simulation drew from `seed` (its answer stays on the server). */
  | { kind: "predict"; seed: number; promptHtml: string; choices: { id: string; html: string }[]; hint: string };

/** What the learner submits; ids are the positions of choices/steps in the card's own file. */
export const answerSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("multiple-choice"),
    choices: z.array(z.number().int().min(0)).min(1, "Choose at least one answer").max(26),
  }),
  z.object({ kind: z.literal("ordering"), order: z.array(z.number().int().min(0)).min(2).max(50) }),
  z.object({
    kind: z.literal("predict"),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    choice: z.string().min(1, "Choose an answer first").max(20),
    /** Whether the learner looked at the hint before answering (right after a hint earns Hard). */
    usedHint: z.boolean(),
  }),
]);
export type Answer = z.infer<typeof answerSchema>;

type CheckResult = { ok: true; isCorrect: boolean; expected: number[] } | { ok: false; message: string };

/** The grade a checked answer earns: right → Good, right after the hint → Hard, wrong → Again. */
export function suggestedRating(isCorrect: boolean, usedHint: boolean): 1 | 2 | 3 {
  return isCorrect ? (usedHint ? 2 : 3) : 1;
}

/** The question as the learner sees it: choices shuffled by `seed`, steps in a wrong order. */
export function presentQuestion(type: string, details: unknown, seed: string): PresentedQuestion {
  if (type === "multiple-choice") {
    const { choices } = choiceDetailsSchema.parse(details);
    const shown = seededShuffle(
      choices.map((choice, id) => ({ id, html: choice.html })),
      seed,
    );
    return {
      kind: "multiple-choice",
      choices: shown,
      isMultiple: choices.filter((choice) => choice.correct).length > 1,
    };
  }
  if (type === "ordering") {
    const { steps } = orderingDetailsSchema.parse(details);
    let shown = seededShuffle(
      steps.map((step, id) => ({ id, html: step.html })),
      seed,
    );
    if (shown.every((step, index) => step.id === index)) shown = [...shown.slice(1), shown[0]!]; // never already solved
    return { kind: "ordering", steps: shown };
  }
  return { kind: "flashcard" };
}

/** Checks an answer against a card; a forged answer (wrong kind, unknown ids) is a message, not a crash. */
export function checkAnswer(type: string, details: unknown, answer: Exclude<Answer, { kind: "predict" }>): CheckResult {
  if (answer.kind !== type) return { ok: false, message: `This card is a ${type} question, not ${answer.kind}.` };
  if (answer.kind === "multiple-choice") {
    const { choices } = choiceDetailsSchema.parse(details);
    const chosen = new Set(answer.choices);
    if (chosen.size !== answer.choices.length || answer.choices.some((id) => id >= choices.length)) {
      return { ok: false, message: "That answer names choices this question does not have." };
    }
    const expected = choices.flatMap((choice, id) => (choice.correct ? [id] : []));
    return { ok: true, isCorrect: expected.length === chosen.size && expected.every((id) => chosen.has(id)), expected };
  }
  const { steps } = orderingDetailsSchema.parse(details);
  const isPermutation =
    answer.order.length === steps.length &&
    new Set(answer.order).size === steps.length &&
    answer.order.every((id) => id < steps.length);
  if (!isPermutation) return { ok: false, message: "That answer must put every step in order exactly once." };
  const expected = steps.map((_, id) => id);
  return { ok: true, isCorrect: answer.order.every((id, index) => id === index), expected };
}

import "server-only";
import { renderInlineMarkdown, renderMarkdown } from "@/lib/content/markdown";
import { db } from "@/lib/db";
import { createLru } from "@/lib/lru";
import { generate, GENERATOR_KINDS, type GeneratorKind } from "@/lib/sim";
import { replayHref } from "./simulations";
import { visibleCardWhere } from "./visibility";

// Predict-then-replay questions: the simulation draws a question from a seed and answers it by
// running the scenario. A generated question is expensive (a whole run), so the rendered form is
// kept in a small LRU: the card is shown, then checked, with one run.

export type PredictQuestion = {
  seed: number;
  promptHtml: string;
  /** `label` is the choice's Markdown source, `html` the same rendered. */
  choices: { id: string; label: string; html: string }[];
  hint: string;
  answer: string;
  explanationHtml: string;
  replayHref: string;
  /** The virtual time of the event that decides the answer, where its replay opens. */
  decidedAt: number;
};

const questions = createLru<Promise<PredictQuestion>>(128);

export function isGeneratorKind(kind: unknown): kind is GeneratorKind {
  return typeof kind === "string" && (GENERATOR_KINDS as readonly string[]).includes(kind);
}

/**
 * The variant a learner gets for one review: fixed by who, which card and which review (its state
 * version), so that reloading shows the same question and the next review a new one.
 */
export function variantSeed(key: string): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return (hash >>> 0) % 2 ** 31;
}

export function getPredictQuestion(kind: GeneratorKind, seed: number): Promise<PredictQuestion> {
  const key = `${kind}:${seed}`;
  return questions.getOrCompute(key, () => {
    const question = build(kind, seed);
    question.catch(() => questions.delete(key)); // a failure is not remembered
    return question;
  });
}

async function build(kind: GeneratorKind, seed: number): Promise<PredictQuestion> {
  const question = generate(kind, seed);
  return {
    seed,
    promptHtml: await renderMarkdown(question.prompt),
    choices: await Promise.all(question.choices.map(async (choice) => ({ id: choice.id, label: choice.label, html: await renderInlineMarkdown(choice.label) }))),
    hint: question.hint,
    answer: question.answer,
    explanationHtml: await renderMarkdown(question.explanation),
    replayHref: replayHref(question.replay.scenario, question.replay.params, { seed: question.replay.seed, t: question.replay.at }),
    decidedAt: question.replay.at,
  };
}

/** The learner's choice and the simulation's answer; `at` is the virtual time of the event that decided it. */
export type ReplayPrediction = { guess: string; answer: string; isCorrect: boolean; at: number };

/**
 * What a learner predicted on a predict card, for its replay: the card must be one they can see and
 * the choice one of that variant's. The variant was just generated to check the answer, so this is
 * normally an LRU hit. Null when anything does not match (a hand-edited link shows no prediction).
 */
export async function getReplayPrediction(cardId: string, learnerId: string | null, seed: number, guess: string): Promise<ReplayPrediction | null> {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed >= 2 ** 31) return null;
  const card = await db.card.findFirst({ where: { id: cardId, ...visibleCardWhere(learnerId) }, select: { details: true } });
  const kind = (card?.details as { generator?: unknown } | null | undefined)?.generator;
  if (!isGeneratorKind(kind)) return null;
  const question = await getPredictQuestion(kind, seed);
  const chosen = question.choices.find((choice) => choice.id === guess);
  const right = question.choices.find((choice) => choice.id === question.answer);
  if (!chosen || !right) return null;
  return { guess: chosen.label, answer: right.label, isCorrect: chosen.id === right.id, at: question.decidedAt };
}

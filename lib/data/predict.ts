import "server-only";
import { db } from "@/lib/db";
import { createLru } from "@/lib/lru";
import { runInPool, type HeavyOutcome } from "@/lib/pool/heavy-job";
import { GENERATOR_KINDS, type GeneratorKind } from "@/lib/sim";
import { isIssuedPredictSeed } from "./predict-seeds";
import { replayHref } from "./simulations";
import { visibleCardWhere } from "./visibility";

// Predict-then-replay questions: the simulation draws a question from a seed and answers it by
// running the scenario. A generated question is expensive (a whole run, in the worker pool), so
// the rendered form is kept in a small LRU: the card is shown, then checked, with one run. Only
// seeds the server issued are ever generated (lib/data/predict-seeds.ts).

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

const questions = createLru<Promise<HeavyOutcome<PredictQuestion>>>(128);

export function isGeneratorKind(kind: unknown): kind is GeneratorKind {
  return typeof kind === "string" && (GENERATOR_KINDS as readonly string[]).includes(kind);
}

/** The question of one variant; a refusal when the worker pool is full or the run was too heavy. */
export function getPredictQuestion(kind: GeneratorKind, seed: number): Promise<HeavyOutcome<PredictQuestion>> {
  const key = `${kind}:${seed}`;
  return questions.getOrCompute(key, () => {
    const question = build(kind, seed);
    void question.then(
      (outcome) => outcome.ok || questions.delete(key),
      () => questions.delete(key),
    ); // a failure is not remembered
    return question;
  });
}

async function build(kind: GeneratorKind, seed: number): Promise<HeavyOutcome<PredictQuestion>> {
  const outcome = await runInPool({ kind: "predict", generator: kind, seed });
  if (!outcome.ok) return outcome;
  const { replay, ...question } = outcome.value;
  const href = replayHref(replay.scenario, replay.params, { seed: replay.seed, t: replay.at, faults: replay.faults });
  return { ok: true, value: { seed, ...question, replayHref: href, decidedAt: replay.at } };
}

/** The learner's choice and the simulation's answer; `at` is the virtual time of the event that decided it. */
export type ReplayPrediction = { guess: string; answer: string; isCorrect: boolean; at: number };

/**
 * What a learner predicted on a predict card, for its replay: the card must be one they can see and
 * the choice one of that variant's, and the seed one the server issued to them for that card. The
 * variant was just generated to check the answer, so this is normally an LRU hit. Null when anything does not match (a
 * hand-edited link shows no prediction).
 */
export async function getReplayPrediction(
  cardId: string,
  learnerId: string | null,
  seed: number,
  guess: string,
): Promise<ReplayPrediction | null> {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed >= 2 ** 31) return null;
  const card = await db.card.findFirst({
    where: { id: cardId, ...visibleCardWhere(learnerId) },
    select: { details: true },
  });
  const kind = (card?.details as { generator?: unknown } | null | undefined)?.generator;
  if (!isGeneratorKind(kind) || !(await isIssuedPredictSeed(learnerId, cardId, seed))) return null;
  const outcome = await getPredictQuestion(kind, seed);
  if (!outcome.ok) return null;
  const question = outcome.value;
  const chosen = question.choices.find((choice) => choice.id === guess);
  const right = question.choices.find((choice) => choice.id === question.answer);
  if (!chosen || !right) return null;
  return { guess: chosen.label, answer: right.label, isCorrect: chosen.id === right.id, at: question.decidedAt };
}

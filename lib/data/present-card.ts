import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { previewGrades, type MemoryState } from "@/lib/srs/schedule";
import { readInterview, type ShownInterview } from "@/lib/interview/sections";
import type { QueueName } from "@/lib/study/pick-next-card";
import { presentQuestion, type PresentedQuestion } from "@/lib/study/questions";
import { cardReplayHref, shownCardColumns } from "./cards";
import { getPredictQuestion, isGeneratorKind } from "./predict";
import { predictVariantKey, variantSeed } from "./predict-seeds";
import type { StudySettings } from "./settings";

/** A card as a learner is shown it: the question without its answer (for checked types) and the grades' intervals. */
export type ShownCard = {
  id: string;
  deckId: string;
  type: string;
  promptHtml: string;
  /** The answer, for flashcards only: a checked question gets it from the server after answering. */
  answerHtml: string | null;
  /** The interview sections shown around the answer: like the answer, flashcards only until checked. */
  interview: ShownInterview | null;
  question: PresentedQuestion;
  sources: string[];
  queue: QueueName;
  /** The CardState version shown; grading names it so a double submit records one review. */
  version: number;
  /** What each grade would schedule; empty when the grade does not touch the schedule (cram). */
  previews: { rating: number; label: string }[];
  /** The replay that backs the answer, if the card has one. */
  replayHref: string | null;
};

const stringListSchema = z.array(z.string());

async function presentPredict(details: unknown, variantKey: string): Promise<PresentedQuestion> {
  const generator = (details as { generator?: unknown } | null)?.generator;
  if (!isGeneratorKind(generator)) throw new Error(`predict card without a generator: ${JSON.stringify(details)}`);
  const outcome = await getPredictQuestion(generator, variantSeed(variantKey));
  if (!outcome.ok) throw new Error(outcome.message);
  const question = outcome.value;
  return {
    kind: "predict",
    seed: question.seed,
    promptHtml: question.promptHtml,
    choices: question.choices,
    hint: question.hint,
  };
}

/** Loads a card and shapes it for the learner, with `memory` (their state, if any) for the previews. */
export async function presentCard(input: {
  cardId: string;
  learnerId: string | null;
  memory: (MemoryState & { version: number }) | null;
  queue: QueueName;
  now: Date;
  settings: StudySettings;
  withPreviews?: boolean;
  /** Which generated variant a predict card shows: by default one per learner, card and review. */
  variantKey?: string;
}): Promise<ShownCard> {
  const { cardId, learnerId, memory, now, settings } = input;
  const card = await db.card.findUniqueOrThrow({
    where: { id: cardId },
    select: { ...shownCardColumns, details: true },
  });
  const version = memory?.version ?? 0;
  const question =
    card.type === "predict"
      ? await presentPredict(card.details, input.variantKey ?? predictVariantKey(learnerId, card.id, version))
      : presentQuestion(card.type, card.details, `${learnerId}:${card.id}:${version}`);
  return {
    id: card.id,
    deckId: card.deckId,
    type: card.type,
    promptHtml: card.promptHtml,
    answerHtml: card.type === "flashcard" ? card.answerHtml : null,
    interview: card.type === "flashcard" ? readInterview(card) : null,
    question,
    sources: stringListSchema.parse(card.sources),
    queue: input.queue,
    version,
    previews:
      input.withPreviews === false
        ? []
        : previewGrades(memory, now, settings).map(({ rating, label }) => ({ rating, label })),
    replayHref: cardReplayHref(card),
  };
}

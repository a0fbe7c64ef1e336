import "server-only";
import { db } from "@/lib/db";
import { interviewColumns, readInterview, type InterviewColumns, type ShownInterview } from "@/lib/interview/sections";
import { checkAnswer, type Answer } from "@/lib/study/questions";
import { getPredictQuestion, isGeneratorKind } from "./predict";
import { isIssuedPredictSeed } from "./predict-seeds";
import { visibleCardWhere } from "./visibility";

export type CheckedAnswer =
  | {
      ok: true;
      isCorrect: boolean;
      /** The right choice ids (multiple choice, predict) or the right order of steps. */
      expected: (number | string)[];
      /** The explanation: the card's answer, after what the simulation found for a predicted question. */
      answerHtml: string;
      /** The card's interview sections, revealed with the answer. */
      interview: ShownInterview | null;
      /** Predict: the replay that shows this very variant. */
      replayHref?: string;
    }
  | { ok: false; message: string };

export const unissuedPredictMessage = "That is not the question you were shown; reload the page.";

type CheckableCard = { id?: string; type: string; details: unknown; answerHtml: string } & Partial<InterviewColumns>;

/**
 * A predict card's replay link also names the card (the replay leads back to it) and the learner's
 * choice by its id (the replay page looks the variant up and shows the prediction beside the outcome).
 */
function predictReplayHref(href: string, cardId: string | undefined, seed: number, choice: string): string {
  if (!cardId) return href;
  const query = new URLSearchParams({ from: cardId, predict: String(seed), guess: choice });
  return `${href}${href.includes("?") ? "&" : "?"}${query}`;
}

/** Checks an answer to a checked card (multiple choice, ordering, predict-then-replay). */
export async function checkAnswerFor(card: CheckableCard, answer: Answer): Promise<CheckedAnswer> {
  if (answer.kind !== card.type)
    return { ok: false, message: `This card is a ${card.type} question, not ${answer.kind}.` };
  if (answer.kind === "predict") {
    const generator = (card.details as { generator?: unknown } | null)?.generator;
    if (!isGeneratorKind(generator)) return { ok: false, message: "This card names no simulation to predict." };
    const outcome = await getPredictQuestion(generator, answer.seed);
    if (!outcome.ok) return { ok: false, message: outcome.message };
    const question = outcome.value;
    if (!question.choices.some((choice) => choice.id === answer.choice))
      return { ok: false, message: "That answer is not one of this question's choices." };
    return {
      ok: true,
      isCorrect: answer.choice === question.answer,
      expected: [question.answer],
      answerHtml: `${question.explanationHtml}\n${card.answerHtml}`,
      interview: interviewOf(card),
      replayHref: predictReplayHref(question.replayHref, card.id, answer.seed, answer.choice),
    };
  }
  const result = checkAnswer(card.type, card.details, answer);
  return result.ok ? { ...result, answerHtml: card.answerHtml, interview: interviewOf(card) } : result;
}

function interviewOf(card: CheckableCard): ShownInterview | null {
  return card.sayItHtml === undefined
    ? null
    : readInterview({ sayItHtml: card.sayItHtml, keyPoints: card.keyPoints, followUps: card.followUps });
}

/** Checks a learner's answer to a card they can see, and reveals the explanation. */
export async function checkCardAnswer(
  learnerId: string | null,
  cardId: string,
  answer: Answer,
): Promise<CheckedAnswer> {
  const card = await db.card.findFirst({
    where: { id: cardId, ...visibleCardWhere(learnerId) },
    select: { id: true, type: true, details: true, answerHtml: true, ...interviewColumns },
  });
  if (!card) return { ok: false, message: `There is no card "${cardId}".` };
  // Only a variant the server showed this learner is generated and checked, never any seed sent.
  if (answer.kind === "predict" && !(await isIssuedPredictSeed(learnerId, cardId, answer.seed)))
    return { ok: false, message: unissuedPredictMessage };
  return checkAnswerFor(card, answer);
}

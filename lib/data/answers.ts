import "server-only";
import { db } from "@/lib/db";
import { checkAnswer, type Answer } from "@/lib/study/questions";
import { visibleCardWhere } from "./visibility";

export type CheckedAnswer =
  | { ok: true; isCorrect: boolean; expected: number[]; answerHtml: string }
  | { ok: false; message: string };

/** Checks a learner's answer to a multiple-choice or ordering card, and reveals the explanation. */
export async function checkCardAnswer(learnerId: string | null, cardId: string, answer: Answer): Promise<CheckedAnswer> {
  const card = await db.card.findFirst({ where: { id: cardId, ...visibleCardWhere(learnerId) }, select: { type: true, details: true, answerHtml: true } });
  if (!card) return { ok: false, message: `There is no card "${cardId}".` };
  const result = checkAnswer(card.type, card.details, answer);
  if (!result.ok) return result;
  return { ok: true, isCorrect: result.isCorrect, expected: result.expected, answerHtml: card.answerHtml };
}

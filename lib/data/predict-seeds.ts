import "server-only";
import { db } from "@/lib/db";

// Which predict variants exist for a learner: the server draws each variant's seed from who,
// which card and which review (or which quiz question), and a check or a replay accepts only
// those seeds. A seed made up by the client would otherwise start a simulation run of its own.

/** The seed of a variant key: a 32-bit FNV-1a hash, below 2^31. */
export function variantSeed(key: string): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return (hash >>> 0) % 2 ** 31;
}

/** The key a study review's predict variant is drawn from (a quiz uses its own). */
export function predictVariantKey(learnerId: string | null, cardId: string, version: number): string {
  return `${learnerId}:${cardId}:${version}`;
}

/** The key a quiz question's predict variant is drawn from. */
export function quizVariantKey(quizId: string, position: number): string {
  return `quiz:${quizId}:${position}`;
}

/**
 * Whether the server issued `seed` to this learner for this card: the variant of the review shown
 * now, one of their quiz questions on it, or one they already answered (a replay link names it).
 */
export async function isIssuedPredictSeed(learnerId: string | null, cardId: string, seed: number): Promise<boolean> {
  if (!learnerId) return seed === variantSeed(predictVariantKey(null, cardId, 0));
  const [state, quizQuestions, answered] = await Promise.all([
    db.cardState.findUnique({ where: { userId_cardId: { userId: learnerId, cardId } }, select: { version: true } }),
    db.quizQuestion.findMany({
      where: { cardId, quiz: { userId: learnerId } },
      select: { quizId: true, position: true },
    }),
    db.reviewLog.findFirst({ where: { userId: learnerId, cardId, variantSeed: seed }, select: { id: true } }),
  ]);
  if (seed === variantSeed(predictVariantKey(learnerId, cardId, state?.version ?? 0))) return true;
  if (quizQuestions.some((question) => seed === variantSeed(quizVariantKey(question.quizId, question.position))))
    return true;
  return answered !== null;
}

// Which card to show next, Anki-style: learning cards whose step is over, then reviews due
// today, then new cards; when none is ready, a learning card due within the learn-ahead limit
// is shown early rather than making the learner wait. The card just graded is never shown
// again straight away while another card is ready. Pure: candidates in, a choice out.

export type QueueName = "new" | "learning" | "review";

type Candidate = { cardId: string; queue: QueueName };

export type LearningCard = { cardId: string; due: Date };

/** Anki's "learn ahead limit": a learning card due this soon is shown rather than waiting. */
export const learnAheadMs = 20 * 60_000;

type PickInput = {
  /** Learning cards of today, soonest first (due now or later today). */
  learning: LearningCard[];
  /** Review card ids due today, within the limits, in the order to show them. */
  reviewIds: string[];
  /** New card ids within the limits, in the order to show them. */
  newIds: string[];
  now: Date;
  /** The card graded just before, if any. */
  justGradedId?: string;
};

/** The card to show now, or null when nothing is ready (a learning card may still come later today). */
export function pickNextCard(input: PickInput): Candidate | null {
  const now = input.now.getTime();
  const learningReady = input.learning.filter((card) => card.due.getTime() <= now);
  const learningAhead = input.learning.filter(
    (card) => card.due.getTime() > now && card.due.getTime() - now <= learnAheadMs,
  );
  const inOrder: Candidate[] = [
    ...learningReady.map(({ cardId }) => ({ cardId, queue: "learning" as const })),
    ...input.reviewIds.map((cardId) => ({ cardId, queue: "review" as const })),
    ...input.newIds.map((cardId) => ({ cardId, queue: "new" as const })),
    ...learningAhead.map(({ cardId }) => ({ cardId, queue: "learning" as const })),
  ];
  return inOrder.find((candidate) => candidate.cardId !== input.justGradedId) ?? inOrder[0] ?? null;
}

/** When the next learning card that is not ready yet comes due today, or null. */
export function nextLearningDue(learning: LearningCard[], now: Date): Date | null {
  return learning.find((card) => card.due.getTime() > now.getTime())?.due ?? null;
}

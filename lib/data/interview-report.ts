import "server-only";
import { db } from "@/lib/db";
import { scoreCoverage, type Coverage, type CoverageEntry } from "@/lib/interview/coverage";
import { readKeyPoints } from "@/lib/interview/sections";
import { cardReplayHref } from "./cards";
import { findOwnInterview } from "./find-own-interview";
import { readIndices } from "./interview-question";

// A mock interview's report: what was typed, which key points were ticked, coverage by topic
// (deck), and the misses with their replays, from which "Study these" and "Retry" start.

export type TickedPoint = { html: string; isTicked: boolean };

type ReportedCard = { cardId: string; deckTitle: string; promptHtml: string; replayHref: string | null };

export type InterviewReportQuestion = ReportedCard & {
  position: number;
  /** Not reached before the interview ended. */
  isUnanswered: boolean;
  typedAnswer: string | null;
  points: TickedPoint[];
  followUp: {
    questionHtml: string;
    typedAnswer: string | null;
    card: ReportedCard | null;
    points: TickedPoint[];
  } | null;
};

export type InterviewReport = Coverage & {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  questions: InterviewReportQuestion[];
  /** Each missed card once, as the report lists it. */
  missedCards: ReportedCard[];
};

const cardSelect = {
  id: true,
  promptHtml: true,
  keyPoints: true,
  scenario: true,
  scenarioParams: true,
  scenarioClaim: true,
  deck: { select: { title: true } },
} as const;

type ReportCardRow = {
  id: string;
  promptHtml: string;
  keyPoints: unknown;
  scenario: string | null;
  scenarioParams: unknown;
  scenarioClaim: string | null;
  deck: { title: string };
};

function reported(card: ReportCardRow): ReportedCard {
  return { cardId: card.id, deckTitle: card.deck.title, promptHtml: card.promptHtml, replayHref: cardReplayHref(card) };
}

/** Key points with the learner's ticks; a stale tick (content changed since) ticks nothing. */
function tickedPoints(keyPoints: unknown, ticked: unknown): TickedPoint[] {
  const ticks = new Set(readIndices(ticked));
  return readKeyPoints(keyPoints).map((point, index) => ({ html: point.html, isTicked: ticks.has(index) }));
}

function entryOf(card: ReportedCard, kind: CoverageEntry["kind"], points: TickedPoint[]): CoverageEntry {
  return {
    cardId: card.cardId,
    topic: card.deckTitle,
    kind,
    covered: points.filter((point) => point.isTicked).length,
    total: points.length,
  };
}

/** The report of a learner's mock interview; null when it does not exist, is someone else's, or is not an interview. */
export async function getInterviewReport(learnerId: string | null, quizId: string): Promise<InterviewReport | null> {
  if (!learnerId) return null;
  const quiz = await findOwnInterview(learnerId, quizId, {
    id: true,
    startedAt: true,
    finishedAt: true,
    questions: {
      orderBy: { position: "asc" },
      select: { position: true, answeredAt: true, interview: true, card: { select: cardSelect } },
    },
  });
  if (!quiz) return null;
  const followUpIds = quiz.questions.flatMap((question) =>
    question.interview?.followUpCardId ? [question.interview.followUpCardId] : [],
  );
  const followUpCards = new Map(
    (await db.card.findMany({ where: { id: { in: followUpIds } }, select: cardSelect })).map((card) => [card.id, card]),
  );

  const entries: CoverageEntry[] = [];
  const questions = quiz.questions.map((question): InterviewReportQuestion => {
    const { interview } = question;
    const card = reported(question.card);
    const points = tickedPoints(question.card.keyPoints, interview?.ticked);
    entries.push(entryOf(card, "question", points));
    const linked = interview?.followUpCardId ? followUpCards.get(interview.followUpCardId) : undefined;
    const followUpPoints =
      linked && interview?.followUpAnsweredAt ? tickedPoints(linked.keyPoints, interview.followUpTicked) : [];
    if (linked && interview?.followUpAnsweredAt) entries.push(entryOf(reported(linked), "follow-up", followUpPoints));
    return {
      ...card,
      position: question.position,
      isUnanswered: interview === null,
      typedAnswer: interview?.answerText ?? null,
      points,
      followUp: interview?.followUpQuestion
        ? {
            questionHtml: interview.followUpQuestion,
            typedAnswer: interview.followUpText,
            card: linked ? reported(linked) : null,
            points: followUpPoints,
          }
        : null,
    };
  });
  const coverage = scoreCoverage(entries);
  const cardsById = new Map(
    [...quiz.questions.map((question) => question.card), ...followUpCards.values()].map((card) => [
      card.id,
      reported(card),
    ]),
  );
  return {
    ...coverage,
    id: quiz.id,
    startedAt: quiz.startedAt,
    finishedAt: quiz.finishedAt,
    questions,
    missedCards: coverage.missedCardIds.map((cardId) => cardsById.get(cardId)!),
  };
}

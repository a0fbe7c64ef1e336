import "server-only";
import { db } from "@/lib/db";
import { readKeyPoints, type KeyPoint } from "@/lib/interview/sections";
import { interviewStep, type InterviewStep } from "@/lib/interview/steps";
import { readIndices } from "./interview-question";
import { getQuizProgress } from "./quiz-play";

// A mock interview as the learner plays it: the question at hand and the step it waits for,
// with only what that step may show (the key points appear once the answer is in).

export type InterviewTicks = { keyPoints: KeyPoint[]; hinted: number[]; typedAnswer: string | null };

export type InterviewQuestionView = {
  position: number;
  step: Exclude<InterviewStep, "done">;
  promptHtml: string;
  /** From the "tick" step on: the learner's answer beside the key points, and the model answer to compare. */
  ticks: InterviewTicks | null;
  sayItHtml: string | null;
  answerHtml: string | null;
  /** From the "follow-up" step on: what the interviewer asks next, and (at "follow-up-tick") its card's key points. */
  followUp: { questionHtml: string; ticks: InterviewTicks | null } | null;
};

export type InterviewView = {
  id: string;
  questionCount: number;
  answeredCount: number;
  /** Time left when the page was drawn (ms); the timer counts it down on the browser's monotonic clock. */
  remainingMs: number | null;
  isFinished: boolean;
  current: InterviewQuestionView | null;
};

/** A learner's mock interview; null when it does not exist, is someone else's, or is not an interview. */
export async function getInterviewView(
  learnerId: string | null,
  quizId: string,
  now: Date,
): Promise<InterviewView | null> {
  const progress = learnerId ? await getQuizProgress(learnerId, quizId, now, "interview") : null;
  if (!progress) return null;
  const { id, questionCount, answeredCount, remainingMs, isFinished, next } = progress;
  const current = next ? await viewQuestion(next.id) : null;
  return { id, questionCount, answeredCount, remainingMs, isFinished: isFinished || current === null, current };
}

async function viewQuestion(questionId: string): Promise<InterviewQuestionView | null> {
  const question = await db.quizQuestion.findUniqueOrThrow({
    where: { id: questionId },
    select: {
      position: true,
      answeredAt: true,
      interview: true,
      card: { select: { promptHtml: true, answerHtml: true, sayItHtml: true, keyPoints: true } },
    },
  });
  const step = interviewStep(question);
  if (step === "done") return null;
  const { card, interview } = question;
  const isAnswered = interview !== null;
  const followUpCard =
    interview?.followUpCardId && step === "follow-up-tick"
      ? await db.card.findUnique({ where: { id: interview.followUpCardId }, select: { keyPoints: true } })
      : null;
  return {
    position: question.position,
    step,
    promptHtml: card.promptHtml,
    ticks: isAnswered
      ? {
          keyPoints: readKeyPoints(card.keyPoints),
          hinted: readIndices(interview.hinted),
          typedAnswer: interview.answerText,
        }
      : null,
    sayItHtml: isAnswered ? card.sayItHtml : null,
    answerHtml: isAnswered ? card.answerHtml : null,
    followUp:
      interview?.followUpQuestion && (step === "follow-up" || step === "follow-up-tick")
        ? {
            questionHtml: interview.followUpQuestion,
            ticks: followUpCard
              ? {
                  keyPoints: readKeyPoints(followUpCard.keyPoints),
                  hinted: readIndices(interview.followUpHinted),
                  typedAnswer: interview.followUpText,
                }
              : null,
          }
        : null,
  };
}

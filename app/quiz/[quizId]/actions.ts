"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clock } from "@/lib/clock";
import { checkCardAnswer, type CheckedAnswer } from "@/lib/data/answers";
import type { GradeState } from "@/lib/data/grade-card";
import {
  submitFollowUpAnswer,
  submitFollowUpTicks,
  submitKeyPointTicks,
  submitTypedAnswer,
  type StepResult,
} from "@/lib/data/interview-steps";
import { getLearnerId } from "@/lib/data/learners";
import { answerQuizQuestion, finishQuiz } from "@/lib/data/quiz-play";
import { getStudySettings } from "@/lib/data/settings";
import { keyPointTicksSchema, typedAnswerSchema, type InterviewStepState } from "@/lib/validations/interview";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { formDataOrEmpty } from "@/lib/validations/form-data";
import { quizAnswerSchema } from "@/lib/validations/quiz";
import { checkInputSchema, requestErrorMessage } from "@/lib/validations/review";
import type { Grade } from "@/lib/srs/schedule";

// A quiz's answers, and the mock interview's steps (lib/data/interview-steps.ts). Each checks the
// session, validates the form, and on success draws the page again at the next step (or the report
// at the end).

function readTypedAnswer(formData: FormData) {
  return typedAnswerSchema.safeParse({
    quizId: formData.get("quizId"),
    position: formData.get("position"),
    intent: formData.get("intent"),
    text: formData.get("text") ?? undefined,
  });
}

function readTicks(formData: FormData) {
  return keyPointTicksSchema.safeParse({
    quizId: formData.get("quizId"),
    position: formData.get("position"),
    ticks: formData.getAll("ticks"),
  });
}

function afterStep(quizId: string, result: StepResult): InterviewStepState {
  revalidatePath(`/quiz/${quizId}`);
  if (!result.ok) return result;
  if (result.isFinished) redirect(`/quiz/${encodeURIComponent(quizId)}/report`);
  return null;
}

export async function answerInterviewQuestion(
  _previous: InterviewStepState,
  submitted: unknown,
): Promise<InterviewStepState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = readTypedAnswer(formDataOrEmpty(submitted));
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "That answer could not be read.") };
  return afterStep(parsed.data.quizId, await submitTypedAnswer({ learnerId, ...parsed.data, now: clock.now() }));
}

export async function tickInterviewKeyPoints(
  _previous: InterviewStepState,
  submitted: unknown,
): Promise<InterviewStepState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = readTicks(formDataOrEmpty(submitted));
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Those ticks could not be read.") };
  const settings = await getStudySettings(learnerId);
  return afterStep(
    parsed.data.quizId,
    await submitKeyPointTicks({ learnerId, ...parsed.data, settings, now: clock.now() }),
  );
}

export async function answerInterviewFollowUp(
  _previous: InterviewStepState,
  submitted: unknown,
): Promise<InterviewStepState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = readTypedAnswer(formDataOrEmpty(submitted));
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "That answer could not be read.") };
  const settings = await getStudySettings(learnerId);
  return afterStep(
    parsed.data.quizId,
    await submitFollowUpAnswer({ learnerId, ...parsed.data, settings, now: clock.now() }),
  );
}

export async function tickInterviewFollowUp(
  _previous: InterviewStepState,
  submitted: unknown,
): Promise<InterviewStepState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = readTicks(formDataOrEmpty(submitted));
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Those ticks could not be read.") };
  const settings = await getStudySettings(learnerId);
  return afterStep(
    parsed.data.quizId,
    await submitFollowUpTicks({ learnerId, ...parsed.data, settings, now: clock.now() }),
  );
}

export async function answerQuiz(_previous: GradeState, submitted: unknown): Promise<GradeState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = quizAnswerSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { ok: false, message: firstErrorMessage(parsed.error, "That answer could not be read.") };
  }
  const { rating, ...rest } = parsed.data;
  const settings = await getStudySettings(learnerId);
  const result = await answerQuizQuestion({ learnerId, ...rest, rating: rating as Grade, now: clock.now(), settings });
  revalidatePath(`/quiz/${parsed.data.quizId}`);
  if (!result.ok) return { ok: false, message: result.message };
  if (result.isFinished) redirect(`/quiz/${encodeURIComponent(parsed.data.quizId)}/report`);
  return { ok: true };
}

export async function endQuiz(submitted: unknown): Promise<void> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  const quizId = z.string().min(1).max(200).safeParse(formData.get("quizId"));
  if (!learnerId || !quizId.success) return;
  await finishQuiz(learnerId, quizId.data, clock.now());
  redirect(`/quiz/${encodeURIComponent(quizId.data)}/report`);
}

/** Checks an answer to a multiple-choice or ordering question and returns the explanation. */
export async function checkQuizAnswer(input: unknown): Promise<CheckedAnswer> {
  const parsed = checkInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: requestErrorMessage(parsed.error) };
  return checkCardAnswer(await getLearnerId(), parsed.data.cardId, parsed.data.answer);
}

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

/** How a step's form is read, and what to say when it cannot be. */
type StepForm<T> = { read: (formData: FormData) => z.ZodSafeParseResult<T>; unreadable: string };

const typedAnswerForm: StepForm<z.output<typeof typedAnswerSchema>> = {
  read: (formData) =>
    typedAnswerSchema.safeParse({
      quizId: formData.get("quizId"),
      position: formData.get("position"),
      intent: formData.get("intent"),
      text: formData.get("text") ?? undefined,
    }),
  unreadable: "That answer could not be read.",
};

const ticksForm: StepForm<z.output<typeof keyPointTicksSchema>> = {
  read: (formData) =>
    keyPointTicksSchema.safeParse({
      quizId: formData.get("quizId"),
      position: formData.get("position"),
      ticks: formData.getAll("ticks"),
    }),
  unreadable: "Those ticks could not be read.",
};

/**
 * One step of a mock interview: the learner and their form, then `take` (lib/data/interview-steps.ts); on success
 * the page moves to the next step, or to the report when this step ended the interview.
 */
async function takeInterviewStep<T extends { quizId: string }>(
  submitted: unknown,
  form: StepForm<T>,
  take: (input: T & { learnerId: string; now: Date }) => Promise<StepResult>,
): Promise<InterviewStepState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = form.read(formDataOrEmpty(submitted));
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, form.unreadable) };
  const result = await take({ learnerId, ...parsed.data, now: clock.now() });
  revalidatePath(`/quiz/${parsed.data.quizId}`);
  if (!result.ok) return result;
  if (result.isFinished) redirect(`/quiz/${encodeURIComponent(parsed.data.quizId)}/report`);
  return null;
}

/** The learner's study settings joined to a step's input, for the steps that may record a review. */
async function withSettings<T extends { learnerId: string }>(input: T) {
  return { ...input, settings: await getStudySettings(input.learnerId) };
}

export async function answerInterviewQuestion(
  _previous: InterviewStepState,
  submitted: unknown,
): Promise<InterviewStepState> {
  return takeInterviewStep(submitted, typedAnswerForm, submitTypedAnswer);
}

export async function tickInterviewKeyPoints(
  _previous: InterviewStepState,
  submitted: unknown,
): Promise<InterviewStepState> {
  return takeInterviewStep(submitted, ticksForm, async (input) => submitKeyPointTicks(await withSettings(input)));
}

export async function answerInterviewFollowUp(
  _previous: InterviewStepState,
  submitted: unknown,
): Promise<InterviewStepState> {
  return takeInterviewStep(submitted, typedAnswerForm, async (input) =>
    submitFollowUpAnswer(await withSettings(input)),
  );
}

export async function tickInterviewFollowUp(
  _previous: InterviewStepState,
  submitted: unknown,
): Promise<InterviewStepState> {
  return takeInterviewStep(submitted, ticksForm, async (input) => submitFollowUpTicks(await withSettings(input)));
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

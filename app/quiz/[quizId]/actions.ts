"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clock } from "@/lib/clock";
import {
  submitFollowUpAnswer,
  submitFollowUpTicks,
  submitKeyPointTicks,
  submitTypedAnswer,
  type StepResult,
} from "@/lib/data/interview-steps";
import { getLearnerId } from "@/lib/data/learners";
import { retryInterview } from "@/lib/data/quiz-create";
import { getStudySettings } from "@/lib/data/settings";
import { keyPointTicksSchema, typedAnswerSchema, type InterviewStepState } from "@/lib/validations/interview";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { formDataOrEmpty } from "@/lib/validations/form-data";

// The mock interview's steps (lib/data/interview-steps.ts). Each checks the session, validates
// the form, and on success draws the page again at the next step (or the report at the end).

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

/** "Retry" on a report: the same questions again, as a new interview. */
export async function retryInterviewQuiz(submitted: unknown): Promise<void> {
  const learnerId = await getLearnerId();
  const quizId = z.string().min(1).max(200).safeParse(formDataOrEmpty(submitted).get("quizId"));
  if (!learnerId || !quizId.success) return;
  const retryId = await retryInterview(learnerId, quizId.data, clock.now());
  if (retryId) redirect(`/quiz/${encodeURIComponent(retryId)}`);
}

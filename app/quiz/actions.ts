"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clock } from "@/lib/clock";
import { createQuiz } from "@/lib/data/quiz-create";
import { answerQuizQuestion, finishQuiz } from "@/lib/data/quiz-play";
import { getLearnerId } from "@/lib/data/learners";
import { getStudySettings } from "@/lib/data/settings";
import type { Grade } from "@/lib/srs/schedule";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { quizAnswerSchema, quizSetupSchema, type QuizSetupState } from "@/lib/validations/quiz";
import type { GradeState } from "@/lib/validations/review";
import { formDataOrEmpty } from "@/lib/validations/form-data";

export async function startQuiz(_previous: QuizSetupState, submitted: unknown): Promise<QuizSetupState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = quizSetupSchema.safeParse({
    mode: formData.get("mode"),
    deckIds: formData.getAll("deckIds"),
    tags: formData.getAll("tags"),
    questionCount: formData.get("questionCount"),
    secondsPerQuestion: formData.get("secondsPerQuestion") ?? undefined,
  });
  if (!parsed.success)
    return { ok: false, message: "Check the highlighted choices.", errors: z.flattenError(parsed.error).fieldErrors };
  const result = await createQuiz(learnerId, parsed.data, clock.now());
  if (!result.ok) return { ok: false, message: result.message };
  redirect(`/quiz/${result.quizId}`);
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

"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { clock } from "@/lib/clock";
import { createQuiz } from "@/lib/data/quiz-create";
import { getLearnerId } from "@/lib/data/learners";
import { noLearnerMessage } from "@/lib/validations/messages";
import { quizSetupSchema, type QuizSetupState } from "@/lib/validations/quiz";
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

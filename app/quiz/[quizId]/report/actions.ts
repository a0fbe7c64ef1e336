"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { clock } from "@/lib/clock";
import { getLearnerId } from "@/lib/data/learners";
import { retryInterview } from "@/lib/data/quiz-create";
import { formDataOrEmpty } from "@/lib/validations/form-data";

/** "Retry" on a report: the same questions again, as a new interview. */
export async function retryInterviewQuiz(submitted: unknown): Promise<void> {
  const learnerId = await getLearnerId();
  const quizId = z.string().min(1).max(200).safeParse(formDataOrEmpty(submitted).get("quizId"));
  if (!learnerId || !quizId.success) return;
  const retryId = await retryInterview(learnerId, quizId.data, clock.now());
  if (retryId) redirect(`/quiz/${encodeURIComponent(retryId)}`);
}

import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The learner's mock interview `quizId`, read through `select`; null when it is not theirs or is not an interview. */
export function findOwnInterview<S extends Prisma.QuizSelect>(learnerId: string, quizId: string, select: S) {
  return db.quiz.findFirst({ where: { id: quizId, userId: learnerId, mode: "interview" }, select });
}

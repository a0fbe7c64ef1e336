import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InterviewReportView } from "@/components/quiz/interview-report-view";
import { QuizReportView } from "@/components/quiz/quiz-report-view";
import { clock } from "@/lib/clock";
import { getInterviewReport } from "@/lib/data/interview-report";
import { getLearnerId } from "@/lib/data/learners";
import { getQuizReport } from "@/lib/data/quiz-report";
import { selectionHref } from "@/lib/validations/browse";
import { retryInterviewQuiz } from "./actions";

export const metadata: Metadata = { title: "Quiz report" };

type Props = { params: Promise<{ quizId: string }> };

export default async function QuizReportPage(props: Props) {
  const { quizId } = await props.params;
  const learnerId = await getLearnerId();
  const interview = await getInterviewReport(learnerId, quizId);
  const report = interview ? null : await getQuizReport(learnerId, quizId);
  if (!interview && !report) notFound();
  // "Study these" is the browser's selection study: each missed card once, from now on.
  const studyHref =
    interview && interview.missedCardIds.length > 0 ? selectionHref(interview.missedCardIds, clock.now()) : null;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link href="/quiz" className="text-sm text-muted hover:text-fg">
        ← Quizzes
      </Link>
      {interview ? (
        <InterviewReportView report={interview} studyHref={studyHref} retryAction={retryInterviewQuiz} />
      ) : (
        <QuizReportView report={report!} />
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuizReportView } from "@/components/quiz/quiz-report-view";
import { getLearnerId } from "@/lib/data/learners";
import { getQuizReport } from "@/lib/data/quiz-report";

export const metadata: Metadata = { title: "Quiz report" };

type Props = { params: Promise<{ quizId: string }> };

export default async function QuizReportPage(props: Props) {
  const { quizId } = await props.params;
  const report = await getQuizReport(await getLearnerId(), quizId);
  if (!report) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link href="/quiz" className="text-sm text-muted hover:text-fg">
        ← Quizzes
      </Link>
      <QuizReportView report={report} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { QuizBuilder } from "@/components/quiz/quiz-builder";
import { getLearnerId } from "@/lib/data/learners";
import { getStudySettings } from "@/lib/data/settings";
import { formatLocalDateTime } from "@/lib/ui/local-time";
import { getQuizTopics } from "@/lib/data/quiz-create";
import { listQuizzes } from "@/lib/data/quiz-report";
import { startQuiz } from "./actions";

export const metadata: Metadata = { title: "Quiz and mock interview" };

const modeNames = { quiz: "Quiz", interview: "Mock interview", cram: "Cram" };

export default async function QuizPage() {
  const learnerId = await getLearnerId();
  const [topics, quizzes, settings] = await Promise.all([
    getQuizTopics(learnerId),
    listQuizzes(learnerId),
    getStudySettings(learnerId),
  ]);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Quiz and mock interview</h1>
        <p className="text-muted">
          Pick decks or topics and a number of questions. A quiz and a mock interview count as reviews; a cram session
          leaves your schedule alone.
        </p>
      </div>
      <QuizBuilder action={startQuiz} topics={topics} />
      {quizzes.length > 0 ? (
        <section aria-labelledby="past" className="space-y-3">
          <h2 id="past" className="font-semibold">
            Your recent quizzes
          </h2>
          <ul className="divide-y divide-line rounded-xl border border-line bg-surface">
            {quizzes.map((quiz) => (
              <li key={quiz.id} className="flex items-center justify-between gap-3 px-4 py-3 text-sm">
                <span>
                  {modeNames[quiz.mode]} · {quiz.total} questions ·{" "}
                  <time dateTime={quiz.startedAt.toISOString()}>
                    {formatLocalDateTime(quiz.startedAt, settings.timeZone)}
                  </time>
                </span>
                <Link
                  href={quiz.isFinished ? `/quiz/${quiz.id}/report` : `/quiz/${quiz.id}`}
                  className="font-medium text-accent hover:underline"
                >
                  {quiz.isFinished ? `${quiz.correct}/${quiz.total} · report` : "continue"}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

import { CardHtml } from "@/components/study/card-html";
import { ReplayLink } from "@/components/study/replay-link";
import { percent, TopicScores } from "./topic-scores";
import type { QuizReport } from "@/lib/data/quiz-report";

const modeNames = { quiz: "Quiz", interview: "Mock interview", cram: "Cram session" };
const ratingNames = ["", "Again", "Hard", "Good", "Easy"];

/** The score, the score per topic, and every question with what was answered and why. */
export function QuizReportView({ report }: { report: QuizReport }) {
  const minutes = report.finishedAt
    ? Math.max(1, Math.round((report.finishedAt.getTime() - report.startedAt.getTime()) / 60_000))
    : null;
  return (
    <div className="space-y-6">
      <section className="space-y-2" aria-labelledby="score">
        <p className="text-sm text-muted">{modeNames[report.mode]} report</p>
        <h1 id="score" className="text-2xl font-semibold tracking-tight">
          {report.correct} of {report.total} right ({percent(report.correct, report.total)})
        </h1>
        <p className="text-sm text-muted">
          {report.answered < report.total
            ? `${report.total - report.answered} left unanswered${report.timeLimitSec ? " when time ran out" : ""}. `
            : ""}
          {minutes ? `Took about ${minutes} minute${minutes === 1 ? "" : "s"}. ` : ""}
          {report.mode === "cram"
            ? "Cramming did not change your review schedule."
            : "Each answer was recorded as a review."}
        </p>
      </section>

      <TopicScores
        rows={report.byTopic.map((topic) => ({ topic: topic.title, scored: topic.correct, total: topic.total }))}
        scoredLabel="Right"
      />

      <ol className="space-y-4" aria-label="Questions">
        {report.questions.map((question) => (
          <li key={question.position} className="rounded-xl border border-line bg-surface">
            <details open={question.isCorrect !== true}>
              <summary className="flex cursor-pointer items-start gap-3 p-4">
                <span
                  className={
                    "mt-0.5 text-sm font-semibold " +
                    `${question.isCorrect ? "text-ok" : question.isCorrect === false ? "text-danger" : "text-muted"}`
                  }
                >
                  {question.isCorrect ? "✓" : question.isCorrect === false ? "✗" : "–"}
                </span>
                {/* min-w-0: a code block in the prompt scrolls inside the card instead of widening the page. */}
                <span className="min-w-0 flex-1">
                  <span className="block text-xs text-muted">
                    {question.position + 1}. {question.deckTitle}
                    {question.rating
                      ? ` · graded ${ratingNames[question.rating]}`
                      : question.isCorrect === null
                        ? " · not answered"
                        : ""}
                  </span>
                  <CardHtml html={question.promptHtml} />
                </span>
              </summary>
              <div className="space-y-3 border-t border-line p-4">
                {question.expected.length ? (
                  <div className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
                    <AnswerList title="Your answer" items={question.given} />
                    <AnswerList title="Right answer" items={question.expected} />
                  </div>
                ) : null}
                <CardHtml html={question.answerHtml} />
                {question.replayHref ? <ReplayLink href={question.replayHref} /> : null}
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}

function AnswerList({ title, items }: { title: string; items: string[] }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wider text-muted">{title}</h3>
      {items.length ? (
        <ol className="list-decimal space-y-1 pl-5">
          {items.map((html, index) => (
            <li key={index} className="prose-card" dangerouslySetInnerHTML={{ __html: html }} />
          ))}
        </ol>
      ) : (
        <p className="text-muted">(none)</p>
      )}
    </div>
  );
}

import Link from "next/link";
import { CardHtml } from "@/components/study/card-html";
import { ReplayLink } from "@/components/study/replay-link";
import { percent, TopicScores } from "./topic-scores";
import type { InterviewReport, InterviewReportQuestion, TickedPoint } from "@/lib/data/interview-report";
import { cardHref } from "@/lib/interview/sections";

type Props = { report: InterviewReport; studyHref: string | null; retryAction: (formData: FormData) => Promise<void> };

/** Key-point coverage overall and by topic, the misses with their replays, then every question as answered. */
export function InterviewReportView({ report, studyHref, retryAction }: Props) {
  return (
    <div className="space-y-6">
      <section className="space-y-3" aria-labelledby="score">
        <p className="text-sm text-muted">Mock interview report</p>
        <h1 id="score" className="text-2xl font-semibold tracking-tight">
          {report.covered} of {report.total} key points covered ({percent(report.covered, report.total)})
        </h1>
        <div className="flex flex-wrap items-center gap-3">
          {studyHref ? (
            <Link
              href={studyHref}
              className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90"
            >
              Study these ({report.missedCardIds.length})
            </Link>
          ) : null}
          <form action={retryAction}>
            <input type="hidden" name="quizId" value={report.id} />
            <button type="submit" className="rounded-md border border-line px-4 py-2 text-sm hover:bg-surface-2">
              Retry
            </button>
          </form>
        </div>
      </section>

      <TopicScores
        rows={report.byTopic.map((topic) => ({ topic: topic.topic, scored: topic.covered, total: topic.total }))}
        scoredLabel="Covered"
      />

      <section aria-labelledby="misses" className="space-y-3">
        <h2 id="misses" className="font-semibold">
          Misses
        </h2>
        {report.missedCards.length === 0 ? (
          <p className="text-sm text-muted">None: you covered every key point.</p>
        ) : (
          <ul className="space-y-3" aria-label="Missed cards">
            {report.missedCards.map((card) => (
              <li key={card.cardId} className="rounded-xl border border-line bg-surface p-4" data-card-id={card.cardId}>
                <p className="mb-1 text-xs text-muted">{card.deckTitle}</p>
                <CardHtml html={card.promptHtml} />
                <div className="flex flex-wrap items-center gap-x-4">
                  {card.replayHref ? <ReplayLink href={card.replayHref} /> : null}
                  <Link href={cardHref(card.cardId)} className="mt-4 text-sm font-medium text-accent hover:underline">
                    Open the card
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <ol className="space-y-4" aria-label="Questions">
        {report.questions.map((question) => (
          <ReportedQuestion key={question.position} question={question} />
        ))}
      </ol>
    </div>
  );
}

function ReportedQuestion({ question }: { question: InterviewReportQuestion }) {
  const covered = question.points.filter((point) => point.isTicked).length;
  return (
    <li className="space-y-3 rounded-xl border border-line bg-surface p-4">
      <p className="text-xs text-muted">
        {question.position + 1}. {question.deckTitle} ·{" "}
        {question.isUnanswered ? "not reached" : `${covered} of ${question.points.length} key points`}
      </p>
      <CardHtml html={question.promptHtml} />
      {question.isUnanswered ? null : <TypedAnswer text={question.typedAnswer} />}
      <PointList points={question.points} />
      {question.followUp ? (
        <div className="space-y-2 border-t border-dashed border-line pt-3">
          <p className="text-xs font-semibold uppercase tracking-wider text-muted">Follow-up</p>
          <CardHtml html={question.followUp.questionHtml} />
          <TypedAnswer text={question.followUp.typedAnswer} />
          {question.followUp.card ? <PointList points={question.followUp.points} /> : null}
        </div>
      ) : null}
    </li>
  );
}

function TypedAnswer({ text }: { text: string | null }) {
  return (
    <p className="whitespace-pre-wrap break-words rounded-lg bg-surface-2 p-3 text-sm">
      {text ?? <span className="text-muted">(skipped)</span>}
    </p>
  );
}

function PointList({ points }: { points: TickedPoint[] }) {
  return (
    <ul className="space-y-1 text-sm">
      {points.map((point, index) => (
        <li key={index} className="flex items-start gap-2">
          <span
            className={point.isTicked ? "text-ok" : "text-danger"}
            aria-label={point.isTicked ? "covered" : "missed"}
          >
            {point.isTicked ? "✓" : "✗"}
          </span>
          <span className="prose-card min-w-0 flex-1" dangerouslySetInnerHTML={{ __html: point.html }} />
        </li>
      ))}
    </ul>
  );
}

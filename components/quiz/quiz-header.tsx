import { QuizTimer } from "./quiz-timer";

type Props = {
  view: { id: string; questionCount: number; answeredCount: number; remainingMs: number | null };
  /** The line above the question number: the mode, and for an interview the step. */
  eyebrow: string;
  endQuiz: (formData: FormData) => Promise<void>;
};

/**
 * A quiz's or mock interview's header: where the learner is, the countdown, a way to stop early, and the progress bar.
 */
export function QuizHeader({ view, eyebrow, endQuiz }: Props) {
  const done = view.answeredCount;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm text-muted">{eyebrow}</p>
          <h1 className="text-xl font-semibold tracking-tight">
            Question {done + 1} of {view.questionCount}
          </h1>
        </div>
        <div className="flex items-center gap-3">
          {view.remainingMs !== null ? (
            <QuizTimer remainingMs={view.remainingMs} reportHref={`/quiz/${view.id}/report`} />
          ) : null}
          <form action={endQuiz}>
            <input type="hidden" name="quizId" value={view.id} />
            <button
              type="submit"
              className="rounded-md border border-line px-3 py-1.5 text-sm text-muted hover:text-fg"
            >
              End and see the report
            </button>
          </form>
        </div>
      </div>
      <div
        className="h-1.5 overflow-hidden rounded-full bg-surface-2"
        role="progressbar"
        aria-label="Progress"
        aria-valuemin={0}
        aria-valuemax={view.questionCount}
        aria-valuenow={done}
      >
        <div
          className="h-full rounded-full bg-accent transition-[width]"
          style={{ width: `${(done / view.questionCount) * 100}%` }}
        />
      </div>
    </>
  );
}

"use client";

import { useActionState } from "react";
import { StudyCard } from "@/components/study/study-card";
import type { CheckedAnswer } from "@/lib/data/answers";
import type { QuizView } from "@/lib/data/quiz-play";
import type { GradeState } from "@/lib/validations/review";
import { QuizTimer } from "./quiz-timer";

type Props = {
  view: QuizView;
  current: NonNullable<QuizView["current"]>;
  shownAt: number;
  actions: {
    answerQuiz: (state: GradeState, formData: FormData) => Promise<GradeState>;
    checkStudyAnswer: (input: unknown) => Promise<CheckedAnswer>;
    endQuiz: (formData: FormData) => Promise<void>;
  };
};

const modeNames = { quiz: "Quiz", interview: "Mock interview", cram: "Cram session" };

/** One quiz question at a time, with progress, the interview's countdown, and a way to stop early. */
export function QuizPlayer({ view, current, shownAt, actions }: Props) {
  const [state, gradeAction, isGrading] = useActionState(actions.answerQuiz, null);
  const done = view.answeredCount;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm text-muted">{modeNames[view.mode]}</p>
          <h1 className="text-xl font-semibold tracking-tight">
            Question {done + 1} of {view.questionCount}
          </h1>
        </div>
        <div className="flex items-center gap-3">
          {view.remainingMs !== null ? <QuizTimer remainingMs={view.remainingMs} reportHref={`/quiz/${view.id}/report`} /> : null}
          <form action={actions.endQuiz}>
            <input type="hidden" name="quizId" value={view.id} />
            <button type="submit" className="rounded-md border border-line px-3 py-1.5 text-sm text-muted hover:text-fg">
              End and see the report
            </button>
          </form>
        </div>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-surface-2" role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={view.questionCount} aria-valuenow={done}>
        <div className="h-full rounded-full bg-accent transition-[width]" style={{ width: `${(done / view.questionCount) * 100}%` }} />
      </div>
      {view.mode === "cram" ? <p className="text-sm text-muted">Cramming: grades here are only for your score; your review schedule is not changed.</p> : null}
      <StudyCard
        key={`${view.id}:${current.position}`}
        card={current.card}
        gradeFields={{ quizId: view.id, position: String(current.position), shownAt: String(shownAt) }}
        actions={{ checkStudyAnswer: actions.checkStudyAnswer }}
        gradeAction={gradeAction}
        isGrading={isGrading}
        gradeError={state && !state.ok ? state.message : null}
      />
    </div>
  );
}

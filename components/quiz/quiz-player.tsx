"use client";

import { useActionState } from "react";
import { StudyCard } from "@/components/study/study-card";
import type { CheckedAnswer } from "@/lib/data/answers";
import type { QuizView } from "@/lib/data/quiz-play";
import type { GradeState } from "@/lib/data/grade-card";
import { QuizHeader } from "./quiz-header";

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
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <QuizHeader view={view} eyebrow={modeNames[view.mode]} endQuiz={actions.endQuiz} />
      {view.mode === "cram" ? (
        <p className="text-sm text-muted">
          Cramming: grades here are only for your score; your review schedule is not changed.
        </p>
      ) : null}
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

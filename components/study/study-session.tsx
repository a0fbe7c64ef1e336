"use client";

import { useActionState } from "react";
import type { ShownCard as Card } from "@/lib/data/present-card";
import type { GradeState } from "@/lib/validations/review";
import { StudyCard, type CardActions } from "./study-card";

type Props = {
  card: Card;
  shownAt: number;
  actions: CardActions & { submitGrade: (state: GradeState, formData: FormData) => Promise<GradeState> };
};

/**
 * The study session around the current card. It holds the grade action's state, which outlives
 * each card: a leech warning from the last grade shows above the next card, and "already graded"
 * (a double click) is not shown on the card that replaced it.
 */
export function StudySession({ card, shownAt, actions }: Props) {
  const [state, gradeAction, isGrading] = useActionState(actions.submitGrade, null);
  const notice = state?.ok ? state.notice : undefined;
  const gradeError = state && !state.ok && (!state.staleCardId || state.staleCardId === card.id) ? state.message : null;
  return (
    <div className="space-y-3">
      {notice ? (
        <p role="status" className="rounded-lg border border-learning/40 bg-learning/10 px-4 py-2 text-sm">
          {notice}
        </p>
      ) : null}
      <StudyCard
        key={`${card.id}:${card.version}`}
        card={card}
        gradeFields={{ cardId: card.id, version: String(card.version), shownAt: String(shownAt) }}
        actions={actions}
        gradeAction={gradeAction}
        isGrading={isGrading}
        gradeError={gradeError}
      />
    </div>
  );
}

"use client";

import { useActionState, useEffect } from "react";
import { useToast } from "@/components/ui/toast-provider";
import type { GradeState, NextQueue } from "@/lib/data/grade-card";
import { DoneForToday } from "./done-for-today";
import { QueueCounts } from "./queue-counts";
import { StudyCard, type CardActions } from "./study-card";

type Props = {
  deck: { id: string; title: string };
  /** Custom study: what it is called, and the fields that name it in each grade. */
  custom?: { title: string; fields: Record<string, string> };
  /** The queue as the page was rendered; after each grade the action sends the next one. */
  initial: NextQueue;
  actions: CardActions & {
    submitGrade: (state: GradeState, formData: FormData) => Promise<GradeState>;
    undoGrade: () => Promise<{ ok: false; message: string }>;
  };
  /** Whether the learner has a grade to undo as the page was rendered (a grade here adds one). */
  canUndo: boolean;
  /** The page was rendered by an undo's redirect (its URL names the card brought back). */
  isAfterUndo: boolean;
};

/**
 * A study session in one deck. A grade's response carries the next card, so the session moves
 * on without the page being rendered again; the grade action's state outlives each card, so a
 * leech warning from the last grade shows above the next one, and "already graded" (a double
 * click) is not shown on the card that replaced it.
 */
export function StudySession({ deck, custom, initial, actions, canUndo, isAfterUndo }: Props) {
  const [state, gradeAction, isGrading] = useActionState(actions.submitGrade, null);
  const showToast = useToast();
  useEffect(() => {
    if (!isAfterUndo) return;
    showToast({ message: "Grade undone: the card is back." });
    // The card is on screen now; a reload or a shared link should not ask for it again.
    const url = new URL(window.location.href);
    url.searchParams.delete("card");
    url.searchParams.delete("v");
    window.history.replaceState(null, "", url);
  }, [isAfterUndo, showToast]);
  const queue = state?.next ?? initial;
  const { card } = queue;
  const notice = state?.ok ? state.notice : undefined;
  const gradeError =
    state && !state.ok && (!state.staleCardId || state.staleCardId === card?.id) ? state.message : null;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">
          {deck.title}
          {custom ? <span className="block text-sm font-normal text-muted">Custom study: {custom.title}</span> : null}
        </h1>
        <QueueCounts counts={queue.counts} current={card?.queue} />
      </div>
      {notice ? (
        <p role="status" className="rounded-lg border border-learning/40 bg-learning/10 px-4 py-2 text-sm">
          {notice}
        </p>
      ) : null}
      {card ? (
        <StudyCard
          key={`${card.id}:${card.version}`}
          card={card}
          gradeFields={{
            cardId: card.id,
            version: String(card.version),
            shownAt: String(queue.shownAt),
            deckId: deck.id,
            ...custom?.fields,
          }}
          actions={actions}
          gradeAction={gradeAction}
          isGrading={isGrading}
          gradeError={gradeError}
          canUndo={canUndo || state?.ok === true}
        />
      ) : (
        <DoneForToday
          nextLearningDue={queue.nextLearningDue}
          now={new Date(queue.shownAt)}
          undoGrade={canUndo || state?.ok ? actions.undoGrade : undefined}
        />
      )}
    </div>
  );
}

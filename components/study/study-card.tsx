"use client";

import { startTransition, useActionState, useLayoutEffect, useState } from "react";
import type { StudyCard as Card } from "@/lib/data/study";
import type { GradeState } from "@/lib/validations/review";
import { CardHtml } from "./card-html";
import { RatingButtons } from "./rating-buttons";
import { SourceList } from "./source-list";

type Props = {
  card: Card;
  /** When the server rendered this card (epoch ms), so the review records how long it took. */
  shownAt: number;
  gradeAction: (state: GradeState, formData: FormData) => Promise<GradeState>;
};

const goodRating = 3;

/**
 * One card: the question, then the answer and the four grades. Keyboard as in Anki:
 * Space or Enter reveals, then Space or Enter grades Good; 1–4 grade directly.
 */
export function StudyCard({ card, shownAt, gradeAction }: Props) {
  const [isRevealed, setIsRevealed] = useState(false);
  const [state, formAction, isPending] = useActionState(gradeAction, null);

  // A layout effect, so the keys work from the moment the card is on screen.
  useLayoutEffect(() => {
    const grade = (rating: number) => {
      const formData = new FormData();
      formData.set("cardId", card.id);
      formData.set("version", String(card.version));
      formData.set("shownAt", String(shownAt));
      formData.set("rating", String(rating));
      startTransition(() => formAction(formData));
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const isConfirm = event.key === " " || event.key === "Enter";
      // A focused button or link handles its own Space/Enter.
      if (isConfirm && event.target instanceof HTMLElement && event.target.closest("button, a")) return;
      if (!isRevealed) {
        if (isConfirm) {
          event.preventDefault();
          setIsRevealed(true);
        }
        return;
      }
      if (isPending) return;
      if (isConfirm) {
        event.preventDefault();
        grade(goodRating);
      } else if (/^[1-4]$/.test(event.key)) {
        event.preventDefault();
        grade(Number(event.key));
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [card.id, card.version, shownAt, isRevealed, isPending, formAction]);

  return (
    <article className="rounded-xl border border-line bg-surface" aria-label="Flashcard">
      <div className="p-5 sm:p-7">
        <h2 className="sr-only">Question</h2>
        <CardHtml html={card.promptHtml} className="text-[1.0625rem]" />
      </div>
      {isRevealed ? (
        <>
          <div className="border-t border-line p-5 sm:p-7">
            <h2 className="mb-3 text-xs font-semibold uppercase tracking-wider text-muted">Answer</h2>
            <CardHtml html={card.answerHtml} />
            <SourceList sources={card.sources} />
          </div>
          <form action={formAction} className="sticky bottom-0 rounded-b-xl border-t border-line bg-surface/95 p-3 backdrop-blur sm:p-4">
            <input type="hidden" name="cardId" value={card.id} />
            <input type="hidden" name="version" value={card.version} />
            <input type="hidden" name="shownAt" value={shownAt} />
            <RatingButtons previews={card.previews} disabled={isPending} />
          </form>
        </>
      ) : (
        <div className="sticky bottom-0 rounded-b-xl border-t border-line bg-surface/95 p-3 backdrop-blur sm:p-4">
          <button
            type="button"
            onClick={() => setIsRevealed(true)}
            className="flex h-12 w-full items-center justify-center gap-2 rounded-lg bg-accent font-medium text-accent-fg hover:opacity-90"
          >
            Show answer <kbd className="hidden rounded border border-white/30 px-1.5 text-xs sm:inline">Space</kbd>
          </button>
        </div>
      )}
      {state && !state.ok ? (
        <p role="alert" className="px-5 pb-4 text-sm text-danger">
          {state.message}
        </p>
      ) : null}
    </article>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

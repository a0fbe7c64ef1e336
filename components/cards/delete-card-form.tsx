"use client";

import { useActionState } from "react";
import type { CardFormState } from "@/lib/validations/own-cards";

/** Deleting a card takes two clicks: open, then confirm. Its review history goes with it. */
export function DeleteCardForm({
  cardId,
  deleteCard,
}: {
  cardId: string;
  deleteCard: (state: CardFormState, formData: FormData) => Promise<CardFormState>;
}) {
  const [state, formAction, isDeleting] = useActionState(deleteCard, null);
  return (
    <details className="rounded-xl border border-line bg-surface p-4 text-sm">
      <summary className="cursor-pointer font-medium text-danger">Delete this card…</summary>
      <form action={formAction} className="mt-3 space-y-2">
        <input type="hidden" name="cardId" value={cardId} />
        <p className="text-muted">The card and your review history of it are deleted for good.</p>
        <button
          type="submit"
          disabled={isDeleting}
          className={
            "rounded-md border border-danger px-4 py-2 font-medium " +
            "text-danger hover:bg-surface-2 disabled:opacity-60"
          }
        >
          Delete the card
        </button>
        {state && !state.ok ? (
          <p role="alert" className="text-danger">
            {state.message}
          </p>
        ) : null}
      </form>
    </details>
  );
}

"use client";

import Link from "next/link";
import { useActionState } from "react";
import { inputClass } from "@/components/ui/field";
import type { FormMessageState } from "@/lib/validations/messages";
import { ActionResult } from "@/components/ui/action-result";
import { SubmitButton } from "@/components/ui/submit-button";

type DeckAction = (state: FormMessageState, formData: FormData) => Promise<FormMessageState>;

export function NewDeckForm({ createDeck }: { createDeck: DeckAction }) {
  const [state, formAction, isPending] = useActionState(createDeck, null);
  return (
    <form action={formAction} className="space-y-2">
      <label htmlFor="new-deck-title" className="block text-sm font-medium">
        Name
      </label>
      <div className="flex flex-wrap gap-2">
        <input id="new-deck-title" name="title" required maxLength={120} className={`${inputClass} min-w-0 flex-1`} />
        <SubmitButton isPending={isPending}>Create deck</SubmitButton>
      </div>
      <ActionResult state={state} />
    </form>
  );
}

/** One own deck: rename it in place, or delete it (behind a second click) with its cards. */
export function OwnDeckRow({
  deck,
  actions,
}: {
  deck: { id: string; title: string; cardCount: number };
  actions: { renameDeck: DeckAction; deleteDeck: DeckAction };
}) {
  const [renamed, renameAction, isRenaming] = useActionState(actions.renameDeck, null);
  const [deleted, deleteAction, isDeleting] = useActionState(actions.deleteDeck, null);
  const inputId = `deck-title-${deck.id}`;
  return (
    <li className="space-y-2 p-4">
      <form action={renameAction} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="deckId" value={deck.id} />
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor={inputId} className="block text-xs text-muted">
            Deck name · {deck.cardCount} card{deck.cardCount === 1 ? "" : "s"}
          </label>
          <input id={inputId} name="title" defaultValue={deck.title} required maxLength={120} className={inputClass} />
        </div>
        <button
          type="submit"
          disabled={isRenaming}
          className="rounded-md border border-line px-3 py-2 text-sm hover:bg-surface-2 disabled:opacity-60"
        >
          Rename
        </button>
      </form>
      <ActionResult state={renamed} />
      <p className="flex flex-wrap gap-4 text-sm">
        <Link href={`/cards/new?deck=${encodeURIComponent(deck.id)}`} className="text-accent hover:underline">
          Add a card
        </Link>
        <Link href={`/browse?deck=${encodeURIComponent(deck.id)}`} className="text-accent hover:underline">
          Browse its cards
        </Link>
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer text-danger">Delete “{deck.title}”…</summary>
        <form action={deleteAction} className="mt-2 space-y-2">
          <input type="hidden" name="deckId" value={deck.id} />
          <p className="text-muted">Its {deck.cardCount} cards and your review history of them are deleted for good.</p>
          <button
            type="submit"
            disabled={isDeleting}
            className={
              "rounded-md border border-danger px-3 py-1.5 font-medium " +
              "text-danger hover:bg-surface-2 disabled:opacity-60"
            }
          >
            Delete the deck
          </button>
        </form>
      </details>
      <ActionResult state={deleted} />
    </li>
  );
}

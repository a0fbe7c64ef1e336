"use client";

import { useActionState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import type { FormMessageState } from "@/lib/validations/messages";

type Props = {
  deckId: string;
  /** The deck's own limits, or null where it uses the default from Settings. */
  own: { newCardsPerDay: number | null; reviewsPerDay: number | null };
  defaults: { newCardsPerDay: number; reviewsPerDay: number };
  action: (state: FormMessageState, formData: FormData) => Promise<FormMessageState>;
};

const limits = [
  { name: "newCardsPerDay", id: "deckNewCardsPerDay", label: "New cards per day in this deck" },
  { name: "reviewsPerDay", id: "deckReviewsPerDay", label: "Reviews per day in this deck" },
] as const;

/** This deck's own daily limits; an empty field uses the default from Settings. */
export function DeckLimitsForm({ deckId, own, defaults, action }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" aria-label="Deck limits">
      <input type="hidden" name="deckId" value={deckId} />
      <div className="grid gap-3 sm:grid-cols-2">
        {limits.map(({ name, id, label }) => (
          <Field key={name} id={id} label={label} hint={`Empty: your default, ${defaults[name]}.`}>
            <input
              id={id}
              name={name}
              type="number"
              min="0"
              defaultValue={own[name] ?? ""}
              className={inputClass}
              aria-describedby={`${id}-hint deck-limits-status`}
            />
          </Field>
        ))}
      </div>
      <button
        type="submit"
        disabled={isPending}
        className="rounded-md border border-line px-3 py-1.5 text-sm font-medium hover:bg-line/40"
      >
        Save deck limits
      </button>
      <p
        id="deck-limits-status"
        aria-live="polite"
        className={`text-sm ${state && !state.ok ? "text-danger" : "text-muted"}`}
      >
        {state?.message}
      </p>
    </form>
  );
}

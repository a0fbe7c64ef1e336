"use client";

import { useActionState } from "react";
import type { RestoredCounts } from "@/lib/validations/account";
import type { AccountImportState } from "@/lib/validations/account";

const shownMax = 50;

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

/** "2 decks with 14 cards, 40 card states, …": what a restore brought back, nothing it did not. */
const fileInputClass =
  "block w-full text-sm file:mr-3 file:rounded-md file:border file:border-line file:bg-surface-2 " +
  "file:px-3 file:py-1.5 file:text-sm";
const submitClass =
  "rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-60";

function describeRestored(restored: RestoredCounts): string {
  const parts = [
    `${plural(restored.decks, "deck")} with ${plural(restored.cards, "card")}`,
    plural(restored.cardStates, "card state"),
    plural(restored.reviews, "review"),
    plural(restored.quizzes, "quiz", "quizzes"),
    plural(restored.replayViews, "replay viewed", "replays viewed"),
    `limits for ${plural(restored.deckLimits, "deck")}`,
  ];
  return `${parts.join(", ")}${restored.hasSettings ? ", and your settings" : ""}`;
}

type Props = { action: (state: AccountImportState, formData: FormData) => Promise<AccountImportState> };

/** Upload an account file; the result says what came back or, for a refused file, every problem in it. */
export function AccountImportForm({ action }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <div className="space-y-4">
      <form action={formAction} className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 space-y-1.5">
          <label htmlFor="account-file" className="block text-sm font-medium">
            Account export (.json.gz or .json)
          </label>
          <input
            id="account-file"
            name="file"
            type="file"
            accept=".gz,.json,application/gzip,application/json"
            required
            className={fileInputClass}
          />
        </div>
        <button type="submit" disabled={isPending} className={submitClass}>
          {isPending ? "Restoring…" : "Restore account"}
        </button>
      </form>
      <div aria-live="polite">
        {state?.ok ? (
          <p role="status" className="text-sm">
            Restored {describeRestored(state.restored)}.
          </p>
        ) : null}
        {state && !state.ok ? (
          <div role="alert" className="space-y-2 text-sm">
            <p className="font-medium text-danger">{state.message}</p>
            {state.problems.length ? (
              <ul className="max-h-60 list-disc space-y-0.5 overflow-y-auto pl-5 font-mono text-xs">
                {state.problems.slice(0, shownMax).map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
                {state.problems.length > shownMax ? <li>… and {state.problems.length - shownMax} more</li> : null}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

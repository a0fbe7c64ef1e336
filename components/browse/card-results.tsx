"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { BrowsedCard } from "@/lib/data/card-search";
import type { FormMessageState } from "@/lib/validations/messages";
import { formatLocalDate } from "@/lib/ui/local-time";
import { ActionResult } from "@/components/ui/action-result";
import { useToggleSet } from "@/components/ui/use-toggle-set";

type Props = {
  cards: BrowsedCard[];
  /** The learner's zone, in which due dates are shown. */
  timeZone: string;
  actions: {
    applyBulkAction: (state: FormMessageState, formData: FormData) => Promise<FormMessageState>;
    studySelected: (state: FormMessageState, formData: FormData) => Promise<FormMessageState>;
  };
};

const stateStyle: Record<BrowsedCard["state"], string> = {
  new: "text-new",
  learning: "text-learning",
  review: "text-review",
  suspended: "text-muted",
  buried: "text-muted",
};

/** What the bulk buttons ask applyBulkAction to do to the selected cards. */
const bulkChanges = [
  { value: "suspend", label: "Suspend" },
  { value: "unsuspend", label: "Unsuspend" },
  { value: "reset", label: "Reset" },
];

const buttonClass = "rounded-md border border-line px-3 py-1.5 text-sm hover:bg-surface-2 disabled:opacity-50";

/** The matching cards with checkboxes, and what can be done to the selected ones. */
export function CardResults({ cards, timeZone, actions }: Props) {
  const [bulkState, bulkAction, isApplying] = useActionState(actions.applyBulkAction, null);
  const [studyState, studyAction, isOpening] = useActionState(actions.studySelected, null);
  const { members: selected, toggle, setMembers: setSelected } = useToggleSet<string>();
  const state = studyState && !studyState.ok ? studyState : bulkState;
  const isAllSelected = cards.length > 0 && cards.every((card) => selected.has(card.id));
  const isBusy = isApplying || isOpening || selected.size === 0;
  return (
    <form className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 rounded-xl border border-line bg-surface p-3">
        <label className="mr-2 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={isAllSelected}
            onChange={() => setSelected(isAllSelected ? new Set() : new Set(cards.map((card) => card.id)))}
          />
          Select all on this page
        </label>
        <span className="text-sm text-muted">{selected.size} selected</span>
        <span className="flex flex-wrap gap-2 sm:ml-auto">
          {bulkChanges.map(({ value, label }) => (
            <button
              key={value}
              type="submit"
              name="action"
              value={value}
              formAction={bulkAction}
              disabled={isBusy}
              className={buttonClass}
            >
              {label}
            </button>
          ))}
          <button
            type="submit"
            formAction={studyAction}
            disabled={isBusy}
            className={
              "rounded-md bg-accent px-3 py-1.5 text-sm font-medium " +
              "text-accent-fg hover:opacity-90 disabled:opacity-50"
            }
          >
            Study these
          </button>
        </span>
      </div>
      <ActionResult state={state} />
      <ul className="divide-y divide-line rounded-xl border border-line bg-surface" aria-label="Cards">
        {cards.map((card) => (
          <li key={card.id} className="flex items-start gap-3 p-3">
            <input
              type="checkbox"
              name="cardIds"
              value={card.id}
              checked={selected.has(card.id)}
              onChange={() => toggle(card.id)}
              aria-label={`Select: ${card.prompt}`}
              className="mt-1"
            />
            <div className="min-w-0 flex-1 space-y-1">
              <Link href={`/cards/${card.id}`} className="block font-medium break-words hover:text-accent">
                {card.prompt || "(empty front)"}
              </Link>
              <p className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted">
                <span>{card.deckTitle}</span>
                <span className={stateStyle[card.state]}>
                  {card.state}
                  {card.isLeech ? " · leech" : ""}
                </span>
                {card.due ? <span>due {formatLocalDate(card.due, timeZone)}</span> : null}
                {card.intervalDays !== null ? <span>interval {card.intervalDays} d</span> : null}
                {card.lapses ? (
                  <span>
                    {card.lapses} lapse{card.lapses === 1 ? "" : "s"}
                  </span>
                ) : null}
                {card.difficulty !== null ? <span>difficulty {card.difficulty.toFixed(1)}</span> : null}
                {card.tags.length ? <span className="break-all">#{card.tags.join(" #")}</span> : null}
              </p>
            </div>
            {card.isOwnDeck ? (
              <Link href={`/cards/${card.id}/edit`} className="shrink-0 text-sm text-accent hover:underline">
                Edit
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </form>
  );
}

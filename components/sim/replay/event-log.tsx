"use client";

import { memo } from "react";
import { ChoiceChip } from "@/components/ui/choice-chip";
import { useToggleSet } from "@/components/ui/use-toggle-set";
import { componentGroups, groupOf, type ComponentGroup } from "@/lib/replay/component-groups";
import type { TraceEvent } from "@/lib/sim";
import { formatClock } from "./timeline";

type Props = {
  events: readonly TraceEvent[];
  seq: number;
  /** The evidence of the claim being followed, and the event of it that settles the claim. */
  highlighted: ReadonlySet<number>;
  decidingSeq?: number;
  onSeek: (t: number) => void;
};

/** Events shown at once: the latest ones up to the playhead (a long trace stays quick to scrub). */
const windowSize = 40;

/** What happened up to the playhead, in plain English, newest last; filter by component. */
export function EventLog({ events, seq, highlighted, decidingSeq, onSeek }: Props) {
  const { members: hidden, toggle } = useToggleSet<ComponentGroup>();
  const shown: TraceEvent[] = [];
  for (let i = seq; i >= 0 && shown.length < windowSize; i--) {
    const event = events[i]!;
    if (!hidden.has(groupOf(event.component))) shown.push(event);
  }
  shown.reverse();
  const latest = shown.at(-1)?.seq;

  return (
    <div className="flex min-h-0 flex-col gap-2">
      <fieldset className="flex flex-wrap gap-1.5">
        <legend className="sr-only">Show events from</legend>
        {componentGroups.map((group) => (
          <ChoiceChip
            key={group.id}
            size="small"
            type="checkbox"
            checked={!hidden.has(group.id)}
            onChange={() => toggle(group.id)}
          >
            {group.label}
          </ChoiceChip>
        ))}
      </fieldset>
      {/* Reversed flex direction keeps the scroll anchored at the bottom, where the latest event is, without
          a scroll call (and the layout it forces) on every frame of a scrub. */}
      <div
        className={
          "flex max-h-[32rem] min-h-40 flex-col-reverse overflow-y-auto " +
          "rounded-lg border border-line bg-surface text-sm"
        }
      >
        <ol aria-label="Event log" aria-live="off">
          {shown.length === 0 ? <li className="p-3 text-muted">Nothing has happened yet. Press play.</li> : null}
          {shown.map((event) => (
            <EventRow
              key={event.seq}
              event={event}
              isLatest={event.seq === latest}
              isHighlighted={highlighted.has(event.seq)}
              isDeciding={event.seq === decidingSeq}
              onSeek={onSeek}
            />
          ))}
        </ol>
      </div>
      {seq + 1 > windowSize ? (
        <p className="text-xs text-muted">
          Showing the latest {windowSize} events up to the playhead; scrub back for earlier ones.
        </p>
      ) : null}
    </div>
  );
}

/** One event; memoised, since scrubbing re-renders the log many times a second. */
type RowProps = {
  event: TraceEvent;
  isLatest: boolean;
  isHighlighted: boolean;
  isDeciding: boolean;
  onSeek: (t: number) => void;
};

const EventRow = memo(function EventRow({ event, isLatest, isHighlighted, isDeciding, onSeek }: RowProps) {
  return (
    <li aria-current={isLatest ? "step" : undefined} data-deciding={isDeciding ? "true" : undefined}>
      <button
        type="button"
        onClick={() => onSeek(event.t)}
        className={
          "flex w-full gap-3 border-b border-line px-3 py-1.5 text-left last:border-b-0 " +
          `hover:bg-surface-2 ${isHighlighted ? "bg-accent-soft" : ""} ` +
          `${isDeciding ? "border-l-4 border-l-accent" : ""} ${isLatest ? "font-medium" : ""}`
        }
      >
        <span className="shrink-0 font-mono text-xs tabular-nums text-muted">{formatClock(event.t)}</span>
        <span>{event.message}</span>
      </button>
    </li>
  );
});

"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { describeFault } from "@/lib/replay/fault-choices";
import type { Fault } from "@/lib/sim";
import { formatClock } from "./timeline";

type Props = {
  faults: readonly Fault[];
  isPlaying: boolean;
  /** A re-run with a changed fault list is on its way from the server. */
  isPending: boolean;
  /** The run has as many faults as one run may have. */
  isFull: boolean;
  onSeek: (t: number) => void;
  onRemove: (index: number) => void;
};

/**
 * The fault lab's bar under the player: how to add a fault, the faults of this run as chips (the
 * time seeks there, × removes the fault and re-runs), and the link that shares the run.
 */
export function FaultList({ faults, isPlaying, isPending, isFull, onSeek, onRemove }: Props) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  async function copyLink() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <section
      aria-labelledby="fault-lab-heading"
      className="flex flex-wrap items-center gap-2 rounded-xl border border-line bg-surface p-3 text-sm"
    >
      <h2 id="fault-lab-heading" className="font-semibold">
        Fault lab
      </h2>
      <p className="text-muted" aria-live="polite">
        {isPending
          ? "Running the scenario again with your faults…"
          : isFull
            ? "This run has as many faults as it can: remove one to add another."
            : isPlaying
              ? "Pause to break something at the playhead."
              : "Click a part of the cluster to break it at the playhead."}
      </p>
      {faults.length > 0 ? (
        <ul className="flex w-full flex-wrap gap-1.5" aria-label="Faults in this run">
          {faults.map((fault, index) => (
            <li
              key={`${index}-${fault.atMs}-${fault.kind}`}
              className="flex items-center rounded-full border border-danger/40 bg-danger/10"
            >
              <button
                type="button"
                onClick={() => onSeek(fault.atMs)}
                className="rounded-l-full py-1 pr-1 pl-3 text-left hover:underline"
                title="Go to this moment"
              >
                <span className="font-mono tabular-nums">{formatClock(fault.atMs)}</span> {describeFault(fault)}
              </button>
              <button
                type="button"
                onClick={() => onRemove(index)}
                disabled={isPending}
                aria-label={`Remove ${describeFault(fault)} at ${formatClock(fault.atMs)}`}
                className="grid size-7 place-items-center rounded-full hover:bg-danger/20"
              >
                <X className="size-3.5" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="ml-auto flex items-center gap-2">
        <span className="text-xs text-muted" aria-live="polite">
          {copied === "copied" ? "Link copied" : copied === "failed" ? "Copy the address bar instead" : ""}
        </span>
        <button
          type="button"
          onClick={copyLink}
          className="rounded-md border border-line px-3 py-1.5 hover:border-accent"
        >
          Copy link
        </button>
      </div>
    </section>
  );
}

"use client";

import { memo } from "react";
import type { Marker } from "@/lib/replay/markers";

const markerColors = { leader: "bg-accent", failure: "bg-danger", fault: "bg-fg", node: "bg-learning", pod: "bg-review", lease: "bg-new" } as const;

type Props = { t: number; duration: number; markers: Marker[]; onSeek: (t: number) => void };

export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}.${String(Math.floor(ms % 1000)).padStart(3, "0")}`;
}

/** The scrubber over the whole replay, with a marker at each key moment (click to jump there). */
export function Timeline({ t, duration, markers, onSeek }: Props) {
  return (
    <div className="space-y-1">
      <MarkerStrip duration={duration} markers={markers} onSeek={onSeek} />
      <input
        type="range"
        min={0}
        max={duration}
        step={100}
        value={Math.round(t)}
        onChange={(event) => onSeek(Number(event.target.value))}
        className="w-full accent-[var(--accent)]"
        aria-label="Playhead"
        aria-valuetext={`${formatClock(t)} of ${formatClock(duration)}`}
      />
    </div>
  );
}

/** At most one marker per this share of the width: a long replay's markers would overlap anyway. */
const markerBuckets = 400;

/** The markers do not move with the playhead, so they render once, not on every frame. */
const MarkerStrip = memo(function MarkerStrip({ duration, markers, onSeek }: Omit<Props, "t">) {
  const shown = new Map<number, Marker>();
  for (const marker of markers) {
    const bucket = Math.floor((marker.t / duration) * markerBuckets);
    if (!shown.has(bucket)) shown.set(bucket, marker);
  }
  return (
    <div className="relative h-4">
      {[...shown.values()].map((marker) => (
        <button
          key={marker.seq}
          type="button"
          onClick={() => onSeek(marker.t)}
          className={`absolute top-0.5 size-3 -translate-x-1/2 rounded-full border-2 border-surface ${markerColors[marker.kind]} hover:scale-125 focus-visible:scale-125`}
          style={{ left: `${(marker.t / duration) * 100}%` }}
          title={`${formatClock(marker.t)} — ${marker.label}`}
          aria-label={`Jump to ${formatClock(marker.t)}: ${marker.label}`}
          tabIndex={-1}
        />
      ))}
    </div>
  );
});

"use client";

import { memo, useEffect, useRef, useState } from "react";
import type { Marker, MarkerKind } from "@/lib/replay/markers";
import type { DilationWindow } from "@/lib/replay/time-warp";
import { positionOf, timeAt, type TimelineScale } from "@/lib/replay/timeline-scale";

export const markerColors: Record<MarkerKind, string> = {
  leader: "bg-accent",
  failure: "bg-danger",
  fault: "bg-fg",
  node: "bg-learning",
  pod: "bg-review",
  lease: "bg-new",
};
export const markerNames: Record<MarkerKind, string> = {
  leader: "etcd leader elected",
  fault: "fault injected or load changed",
  failure: "request or component failed",
  node: "node condition",
  pod: "pod event",
  lease: "controller Lease",
};

type Props = {
  t: number;
  scale: TimelineScale;
  markers: Marker[];
  windows: readonly DilationWindow[];
  onSeek: (t: number) => void;
};

export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const seconds = String(total % 60).padStart(2, "0");
  return `${Math.floor(total / 60)}:${seconds}.${String(Math.floor(ms % 1000)).padStart(3, "0")}`;
}

/** Steps of the scrubber: fine enough that the arrow keys move a fraction of a percent. */
const steps = 1000;

/**
 * The scrubber over the whole replay: the bootstrap folded into a hatched "starting" stretch at the
 * left, a marker at each key moment (click to jump there) and a band where playback slows down.
 */
export function Timeline({ t, scale, markers, windows, onSeek }: Props) {
  const bootstrapWidth = positionOf(scale, scale.bootstrapEnd) * 100;
  return (
    <div className="space-y-1">
      <MarkerStrip scale={scale} markers={markers} windows={windows} onSeek={onSeek} />
      <div className="relative">
        {bootstrapWidth > 0 ? (
          <div
            className={
              "pointer-events-none absolute inset-y-0 left-0 rounded-l-sm " +
              "bg-[repeating-linear-gradient(135deg,var(--line)_0_3px,transparent_3px_6px)]"
            }
            style={{ width: `${bootstrapWidth}%` }}
            title="The cluster starting"
          />
        ) : null}
        <input
          type="range"
          min={0}
          max={steps}
          step={1}
          value={Math.round(positionOf(scale, t) * steps)}
          onChange={(event) => onSeek(timeAt(scale, Number(event.target.value) / steps))}
          className="relative w-full accent-[var(--accent)]"
          aria-label="Playhead"
          aria-valuetext={`${formatClock(t)} of ${formatClock(scale.duration)}`}
        />
      </div>
    </div>
  );
}

/** The width of an element, kept up to date (markers are spaced by pixels, not by time). */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** Markers closer than this many pixels would overlap: the first one of each such cluster is drawn. */
const markerSpacingPx = 14;

/** The markers do not move with the playhead, so they render once, not on every frame. */
const MarkerStrip = memo(function MarkerStrip({ scale, markers, windows, onSeek }: Omit<Props, "t">) {
  const { ref, width } = useWidth();
  const shown: Marker[] = [];
  let lastX = -Infinity;
  for (const marker of markers) {
    if (marker.t < scale.bootstrapEnd) continue; // the starting stretch is summed up by its hatching
    const x = positionOf(scale, marker.t) * width;
    if (x - lastX < markerSpacingPx) continue;
    shown.push(marker);
    lastX = x;
  }
  return (
    <div ref={ref} className="relative h-5" data-first-window={windows[0]?.from}>
      {scale.bootstrapEnd > 0 ? (
        <button
          type="button"
          onClick={() => onSeek(0)}
          className="absolute top-0 left-0 h-4 truncate text-left text-[10px] leading-4 text-muted hover:text-fg"
          style={{ width: `${positionOf(scale, scale.bootstrapEnd) * 100}%` }}
          title={`The cluster starting (0–${formatClock(scale.bootstrapEnd)}): click to watch it`}
          aria-label="Jump to the start, to watch the cluster start"
          tabIndex={-1}
        >
          <span className="hidden sm:inline">start</span>
        </button>
      ) : null}
      {windows.map((window) => (
        <span
          key={window.from}
          className="absolute bottom-0 h-1.5 min-w-[3px] -translate-x-1/2 rounded-full bg-learning/70"
          style={{ left: `${positionOf(scale, (window.from + window.to) / 2) * 100}%` }}
          title={`${formatClock(window.from)}: ${window.reason}, played ${window.realMsPerVirtualMs}× slower`}
          aria-hidden="true"
        />
      ))}
      {shown.map((marker) => (
        <button
          key={marker.seq}
          type="button"
          onClick={() => onSeek(marker.t)}
          className={
            "absolute top-0.5 size-3 -translate-x-1/2 rounded-full border-2 border-surface " +
            `${markerColors[marker.kind]} hover:scale-125 focus-visible:scale-125`
          }
          style={{ left: `${positionOf(scale, marker.t) * 100}%` }}
          title={`${formatClock(marker.t)} — ${marker.label}`}
          aria-label={`Jump to ${formatClock(marker.t)}: ${marker.label}`}
          tabIndex={-1}
        />
      ))}
    </div>
  );
});

"use client";

import { Pause, Play, SkipBack, SkipForward } from "lucide-react";
import { speeds } from "./use-playback";
import { formatClock } from "./timeline";

type Props = {
  t: number;
  duration: number;
  isPlaying: boolean;
  onToggle: () => void;
  onStep: (direction: 1 | -1) => void;
  speed: (typeof speeds)[number];
  onSpeed: (speed: (typeof speeds)[number]) => void;
  skipsQuiet: boolean;
  onSkipsQuiet: (skips: boolean) => void;
  slowsBursts: boolean;
  onSlowsBursts: (slows: boolean) => void;
};

const buttonClass = "grid size-10 place-items-center rounded-md border border-line bg-surface hover:border-accent";

/** Play/pause, previous/next event, speed and the virtual clock. */
export function TransportControls(props: Props) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={buttonClass}
        onClick={() => props.onStep(-1)}
        aria-label="Previous event"
        aria-keyshortcuts="ArrowLeft"
        title="Previous event (←)"
      >
        <SkipBack className="size-4" aria-hidden="true" />
      </button>
      <button
        type="button"
        className="grid size-10 place-items-center rounded-md bg-accent text-accent-fg hover:opacity-90"
        onClick={props.onToggle}
        aria-label={props.isPlaying ? "Pause" : "Play"}
        aria-keyshortcuts="Space"
        title={props.isPlaying ? "Pause (Space)" : "Play (Space)"}
      >
        {props.isPlaying ? (
          <Pause className="size-4" aria-hidden="true" />
        ) : (
          <Play className="size-4" aria-hidden="true" />
        )}
      </button>
      <button
        type="button"
        className={buttonClass}
        onClick={() => props.onStep(1)}
        aria-label="Next event"
        aria-keyshortcuts="ArrowRight"
        title="Next event (→)"
      >
        <SkipForward className="size-4" aria-hidden="true" />
      </button>
      <output
        className="min-w-[6.5rem] rounded-md bg-surface-2 px-2 py-2 text-center font-mono text-sm tabular-nums"
        aria-label="Virtual time"
      >
        {formatClock(props.t)}
      </output>
      <span className="hidden text-xs text-muted sm:inline">of {formatClock(props.duration)}</span>
      <label className="ml-auto flex items-center gap-1.5 text-sm">
        <span className="text-muted">Speed</span>
        <select
          value={props.speed}
          onChange={(event) => props.onSpeed(Number(event.target.value) as Props["speed"])}
          className="rounded-md border border-line bg-surface px-2 py-1.5"
        >
          {speeds.map((speed) => (
            <option key={speed} value={speed}>
              {speed}×
            </option>
          ))}
        </select>
      </label>
      <label
        className="flex items-center gap-1.5 text-sm text-muted"
        title="Jump over stretches where nothing happens for more than 3 s"
      >
        <input
          type="checkbox"
          checked={props.skipsQuiet}
          onChange={(event) => props.onSkipsQuiet(event.target.checked)}
          className="accent-[var(--accent)]"
        />
        Skip quiet
      </label>
      <label
        className="flex items-center gap-1.5 text-sm text-muted"
        title="Play bursts of milliseconds, such as an etcd election, slowly enough to watch"
      >
        <input
          type="checkbox"
          checked={props.slowsBursts}
          onChange={(event) => props.onSlowsBursts(event.target.checked)}
          className="accent-[var(--accent)]"
        />
        Slow bursts
      </label>
    </div>
  );
}

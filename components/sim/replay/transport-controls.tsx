"use client";

import { Pause, Play, SkipBack, SkipForward } from "lucide-react";
import { speeds, type usePlayback } from "./use-playback";
import { formatClock } from "./timeline";

type Playback = ReturnType<typeof usePlayback>;
type Props = { playback: Playback };

const buttonClass = "grid size-10 place-items-center rounded-md border border-line bg-surface hover:border-accent";

/** Play/pause, previous/next event, speed and the virtual clock. */
export function TransportControls({ playback }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={buttonClass}
        onClick={() => playback.stepEvent(-1)}
        aria-label="Previous event"
        aria-keyshortcuts="ArrowLeft"
        title="Previous event (←)"
      >
        <SkipBack className="size-4" aria-hidden="true" />
      </button>
      <button
        type="button"
        className="grid size-10 place-items-center rounded-md bg-accent text-accent-fg hover:opacity-90"
        onClick={playback.togglePlaying}
        aria-label={playback.isPlaying ? "Pause" : "Play"}
        aria-keyshortcuts="Space"
        title={playback.isPlaying ? "Pause (Space)" : "Play (Space)"}
      >
        {playback.isPlaying ? (
          <Pause className="size-4" aria-hidden="true" />
        ) : (
          <Play className="size-4" aria-hidden="true" />
        )}
      </button>
      <button
        type="button"
        className={buttonClass}
        onClick={() => playback.stepEvent(1)}
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
        {formatClock(playback.t)}
      </output>
      <span className="hidden text-xs text-muted sm:inline">of {formatClock(playback.duration)}</span>
      <label className="ml-auto flex items-center gap-1.5 text-sm">
        <span className="text-muted">Speed</span>
        <select
          value={playback.speed}
          onChange={(event) => playback.setSpeed(Number(event.target.value) as Playback["speed"])}
          className="rounded-md border border-line bg-surface px-2 py-1.5"
        >
          {speeds.map((speed) => (
            <option key={speed} value={speed}>
              {speed}×
            </option>
          ))}
        </select>
      </label>
      <PlaybackOption
        label="Skip quiet"
        title="Jump over stretches where nothing happens for more than 3 s"
        isOn={playback.skipsQuiet}
        onChange={playback.setSkipsQuiet}
      />
      <PlaybackOption
        label="Slow bursts"
        title="Play bursts of milliseconds, such as an etcd election, slowly enough to watch"
        isOn={playback.slowsBursts}
        onChange={playback.setSlowsBursts}
      />
    </div>
  );
}

type OptionProps = { label: string; title: string; isOn: boolean; onChange: (isOn: boolean) => void };

function PlaybackOption({ label, title, isOn, onChange }: OptionProps) {
  return (
    <label className="flex items-center gap-1.5 text-sm text-muted" title={title}>
      <input
        type="checkbox"
        checked={isOn}
        onChange={(event) => onChange(event.target.checked)}
        className="accent-[var(--accent)]"
      />
      {label}
    </label>
  );
}

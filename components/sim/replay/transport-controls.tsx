"use client";

import { Pause, Play, SkipBack, SkipForward } from "lucide-react";
import type { ReactNode } from "react";
import { speeds, type usePlayback } from "./use-playback";
import { formatClock } from "./timeline";

type Playback = ReturnType<typeof usePlayback>;
type Props = { playback: Playback };

type ButtonProps = {
  label: string;
  /** The key, as aria-keyshortcuts names it, and as the tooltip shows it. */
  shortcut: string;
  keyName: string;
  onClick: () => void;
  isPrimary?: boolean;
  children: ReactNode;
};

function TransportButton({ label, shortcut, keyName, onClick, isPrimary = false, children }: ButtonProps) {
  return (
    <button
      type="button"
      className={
        "grid size-10 place-items-center rounded-md " +
        (isPrimary ? "bg-accent text-accent-fg hover:opacity-90" : "border border-line bg-surface hover:border-accent")
      }
      onClick={onClick}
      aria-label={label}
      aria-keyshortcuts={shortcut}
      title={`${label} (${keyName})`}
    >
      {children}
    </button>
  );
}

/** Play/pause, previous/next event, speed and the virtual clock. */
export function TransportControls({ playback }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <TransportButton label="Previous event" shortcut="ArrowLeft" keyName="←" onClick={() => playback.stepEvent(-1)}>
        <SkipBack className="size-4" aria-hidden="true" />
      </TransportButton>
      <TransportButton
        label={playback.isPlaying ? "Pause" : "Play"}
        shortcut="Space"
        keyName="Space"
        onClick={playback.togglePlaying}
        isPrimary
      >
        {playback.isPlaying ? (
          <Pause className="size-4" aria-hidden="true" />
        ) : (
          <Play className="size-4" aria-hidden="true" />
        )}
      </TransportButton>
      <TransportButton label="Next event" shortcut="ArrowRight" keyName="→" onClick={() => playback.stepEvent(1)}>
        <SkipForward className="size-4" aria-hidden="true" />
      </TransportButton>
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

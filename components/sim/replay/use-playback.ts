"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { buildCheckpoints, viewAt, type Trace, type View } from "@/lib/sim";
import { advance, windowAt, type DilationWindow } from "@/lib/replay/time-warp";

export const speeds = [0.25, 0.5, 1, 2, 4, 8, 16] as const;

/** When playing, a stretch with no event longer than this (virtual ms) is skipped down to 1 s. */
const quietGapMs = 3000;

/** Index of the last event at or before t (-1 before the first), by binary search. */
function lastSeqAt(trace: Trace, t: number): number {
  let low = 0;
  let high = trace.events.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (trace.events[mid]!.t <= t) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * The playhead: virtual time t, play/pause, speed, and the cluster view at t (restored from the
 * nearest checkpoint and folded forward: bounded work per seek). Playing is driven by
 * requestAnimationFrame; 1× is one virtual second per second, except inside the dilation windows
 * (time-warp.ts), which always play slowly enough to watch.
 */
export function usePlayback(trace: Trace, initialT: number, windows: readonly DilationWindow[]) {
  const duration = trace.durationMs;
  const [t, setT] = useState(() => Math.min(Math.max(0, initialT), duration));
  const [isPlaying, setIsPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof speeds)[number]>(1);
  const [skipsQuiet, setSkipsQuiet] = useState(true);
  const [slowsBursts, setSlowsBursts] = useState(true);
  const tRef = useRef(t);

  useEffect(() => {
    tRef.current = t;
  }, [t]);

  useEffect(() => {
    if (!isPlaying) return;
    let last = performance.now();
    let frame = 0;
    const tick = (now: number) => {
      const elapsed = Math.min(now - last, 100); // a background tab does not leap ahead
      last = now;
      let next = slowsBursts ? advance(windows, tRef.current, elapsed, speed) : tRef.current + elapsed * speed;
      if (skipsQuiet && !windowAt(windows, tRef.current)) {
        const upcoming = trace.events[lastSeqAt(trace, tRef.current) + 1];
        if (upcoming && upcoming.t - tRef.current > quietGapMs) next = Math.max(next, upcoming.t - 1000);
      }
      if (next >= duration) {
        next = duration;
        setIsPlaying(false);
      }
      tRef.current = next;
      setT(next);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [isPlaying, speed, skipsQuiet, slowsBursts, windows, duration, trace]);

  const seq = lastSeqAt(trace, t);
  // Built once per trace, so that a seek folds at most CHECKPOINT_EVERY events.
  const checkpoints = useMemo(() => buildCheckpoints(trace.topology, trace.events), [trace]);
  const view: View = useMemo(
    () => viewAt({ topology: trace.topology, events: trace.events, checkpoints }, seq),
    [trace, checkpoints, seq],
  );

  const seek = useCallback((to: number) => setT(Math.min(Math.max(0, Math.round(to)), duration)), [duration]);
  /** To the next (or previous) moment when something happens; events at the same instant go together. */
  const stepEvent = useCallback(
    (direction: 1 | -1) => {
      const now = tRef.current;
      const target =
        direction === 1 ? trace.events.find((event) => event.t > now) : trace.events.findLast((event) => event.t < now);
      setT(target ? target.t : direction === 1 ? duration : 0);
      setIsPlaying(false);
    },
    [trace, duration],
  );
  const togglePlaying = useCallback(() => {
    setIsPlaying((playing) => {
      if (!playing && tRef.current >= duration) setT(0); // play again from the start
      return !playing;
    });
  }, [duration]);

  return {
    t,
    seq,
    view,
    duration,
    isPlaying,
    setIsPlaying,
    togglePlaying,
    speed,
    setSpeed,
    skipsQuiet,
    setSkipsQuiet,
    slowsBursts,
    setSlowsBursts,
    seek,
    stepEvent,
  };
}

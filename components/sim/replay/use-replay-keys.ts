"use client";

import { useEffect, useRef } from "react";
import type { Marker } from "@/lib/replay/markers";
import type { usePlayback } from "./use-playback";

function isTypingOrControl(target: EventTarget | null): boolean {
  // the scrubber: its arrows are native, Space is ours
  if (target instanceof HTMLInputElement && target.type === "range") return false;
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** Space play/pause; ← → previous/next event; Shift + ← → previous/next key moment; Home/End. */
export function useReplayKeys(playback: ReturnType<typeof usePlayback>, markers: Marker[]) {
  const latest = useRef({ playback, markers });
  useEffect(() => {
    latest.current = { playback, markers };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTypingOrControl(event.target))
        return;
      const { playback: p, markers: m } = latest.current;
      const onButton = event.target instanceof HTMLElement && event.target.closest("button, a");
      if (event.key === " " && !onButton) {
        event.preventDefault();
        p.togglePlaying();
      } else if (event.target instanceof HTMLInputElement) {
        return; // the scrubber moves itself with the arrow keys
      } else if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && event.shiftKey) {
        event.preventDefault();
        const marker = event.key === "ArrowRight" ? m.find((x) => x.t > p.t) : m.findLast((x) => x.t < p.t);
        if (marker) p.seek(marker.t);
        p.setIsPlaying(false);
      } else if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        event.preventDefault();
        p.stepEvent(event.key === "ArrowRight" ? 1 : -1);
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        p.seek(event.key === "Home" ? 0 : p.duration);
        p.setIsPlaying(false);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}

"use client";

import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { activeFlows } from "@/lib/replay/flows";
import { layoutDiagram, podSlotsPerNode } from "@/lib/replay/layout";
import { markersOf } from "@/lib/replay/markers";
import { describeView } from "@/lib/replay/summary";
import type { ClaimResult, Trace } from "@/lib/sim";
import { ClaimsChecklist } from "./claims-checklist";
import { ClusterDiagram } from "./cluster-diagram";
import { EventLog } from "./event-log";
import { RequestFlow } from "./request-flow";
import { Timeline } from "./timeline";
import { TransportControls } from "./transport-controls";
import { usePlayback } from "./use-playback";
import { useReplayKeys } from "./use-replay-keys";
import { WorkloadPanel } from "./workload-panel";

/** One MediaQueryList for the page: the snapshot is read on every render, many times a second while playing. */
let reducedMotionQuery: MediaQueryList | null = null;
const reducedMotion = () => (reducedMotionQuery ??= window.matchMedia("(prefers-reduced-motion: reduce)"));

function subscribeReducedMotion(onChange: () => void) {
  reducedMotion().addEventListener("change", onChange);
  return () => reducedMotion().removeEventListener("change", onChange);
}

/**
 * The replay of one simulation run: the cluster diagram at the playhead, the timeline with its key
 * moments, the event log and the claims. The trace arrives whole from the server; the browser
 * only folds events over checkpoints, it never runs the protocol. The playhead time is kept in
 * the URL (`t`), so a link reopens the replay where it was.
 */
export function ReplayPlayer({ trace, initialT }: { trace: Trace; initialT: number }) {
  const playback = usePlayback(trace, initialT);
  const { t, seq, view, seek } = playback;
  const [highlighted, setHighlighted] = useState<ReadonlySet<number>>(new Set());
  const isReducedMotion = useSyncExternalStore(subscribeReducedMotion, () => reducedMotion().matches, () => false);
  const markers = useMemo(() => markersOf(trace.events), [trace]);
  const layout = useMemo(() => layoutDiagram(trace.topology, podSlotsPerNode(trace.events)), [trace]);
  const flows = activeFlows(trace.events, seq, t, view);
  const summary = useMemo(() => describeView(view), [view]);

  useReplayKeys(playback, markers);

  // A diagram wider than a phone starts centred, where the control plane is.
  const diagramFrame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = diagramFrame.current;
    if (frame) frame.scrollLeft = (frame.scrollWidth - frame.clientWidth) / 2;
  }, []);

  // The playhead goes into the URL when it rests, so a shared link reopens at the same moment.
  useEffect(() => {
    if (playback.isPlaying) return;
    const timer = setTimeout(() => {
      const url = new URL(window.location.href);
      if (Math.round(t) > 0) url.searchParams.set("t", String(Math.round(t)));
      else url.searchParams.delete("t");
      if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
    }, 250);
    return () => clearTimeout(timer);
  }, [t, playback.isPlaying]);

  function showEvidence(claim: ClaimResult) {
    setHighlighted(new Set(claim.evidence));
    const first = trace.events[claim.evidence[0] ?? -1];
    seek(first ? first.t : trace.durationMs);
    playback.setIsPlaying(false);
  }

  return (
    <div className="space-y-5">
      <div className="space-y-3">
        {/* On a phone the diagram keeps a legible size and scrolls sideways inside its frame. */}
        <div ref={diagramFrame} className="overflow-x-auto rounded-xl border border-line bg-surface p-2 sm:p-3 [&>svg]:min-w-[600px]">
          <ClusterDiagram layout={layout} view={view} t={t} flows={flows} isReducedMotion={isReducedMotion} summary={summary} />
        </div>
        {view.request ? <RequestFlow request={view.request} /> : null}
        <div className="space-y-3 rounded-xl border border-line bg-surface p-3">
          <Timeline t={t} duration={trace.durationMs} markers={markers} onSeek={seek} />
          <TransportControls
            t={t}
            duration={trace.durationMs}
            isPlaying={playback.isPlaying}
            onToggle={playback.togglePlaying}
            onStep={playback.stepEvent}
            speed={playback.speed}
            onSpeed={playback.setSpeed}
            skipsQuiet={playback.skipsQuiet}
            onSkipsQuiet={playback.setSkipsQuiet}
          />
          <p className="text-xs text-muted">Keys: Space play/pause · ← → previous/next event · Shift + ← → previous/next key moment · Home/End start/end</p>
        </div>
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <div className="min-w-0 space-y-5">
          <section aria-labelledby="claims-heading" className="space-y-2">
            <h2 id="claims-heading" className="font-semibold">
              Claims
            </h2>
            <ClaimsChecklist claims={trace.claims} seq={seq} onEvidence={showEvidence} />
          </section>
          <WorkloadPanel view={view} />
          <section aria-label="The cluster in words" className="rounded-xl border border-line bg-surface p-3 text-sm">
            <h2 className="mb-1 text-xs font-semibold uppercase tracking-wider text-muted">At {(t / 1000).toFixed(1)} s</h2>
            <ul className="space-y-0.5" aria-live={playback.isPlaying ? "off" : "polite"}>
              {summary.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
        </div>
        <section aria-labelledby="log-heading" className="min-w-0 space-y-2">
          <h2 id="log-heading" className="font-semibold">
            Event log
          </h2>
          <EventLog events={trace.events} seq={seq} highlighted={highlighted} onSeek={seek} />
        </section>
      </div>
    </div>
  );
}

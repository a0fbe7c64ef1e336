"use client";

import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { captionAt } from "@/lib/replay/caption";
import { activeFlows } from "@/lib/replay/flows";
import { layoutDiagram, podSlotsPerNode } from "@/lib/replay/layout";
import { markersOf } from "@/lib/replay/markers";
import { raftAt, wireAt } from "@/lib/replay/raft-tape";
import { bootstrapEndOf, firstStarts, openingTime } from "@/lib/replay/story";
import { describeView } from "@/lib/replay/summary";
import { dilationWindows, voteSpans, windowAt } from "@/lib/replay/time-warp";
import { decidingSeq, type ClaimResult, type Trace } from "@/lib/sim";
import { ClaimsChecklist } from "./claims-checklist";
import { EventLog } from "./event-log";
import type { FaultedRunView } from "./fault-comparison";
import { FaultLab } from "./fault-lab";
import { FocusPanel, type Prediction } from "./focus-panel";
import { ReplayStage } from "./replay-stage";
import { RequestFlow } from "./request-flow";
import { usePlayback } from "./use-playback";
import { useFaultLab } from "./use-fault-lab";
import { useReplayKeys } from "./use-replay-keys";
import { WorkloadPanel } from "./workload-panel";

/** One MediaQueryList for the page: the snapshot is read on every render, many times a second while playing. */
let reducedMotionQuery: MediaQueryList | null = null;
const reducedMotion = () => (reducedMotionQuery ??= window.matchMedia("(prefers-reduced-motion: reduce)"));

function subscribeReducedMotion(onChange: () => void) {
  reducedMotion().addEventListener("change", onChange);
  return () => reducedMotion().removeEventListener("change", onChange);
}

type Props = {
  trace: Trace;
  /** The playhead from the URL, if the link named one. */
  initialT: number | undefined;
  /** The claim a card is about (from the URL): the replay opens where it is settled. */
  focusClaimId: string | null;
  prediction: Prediction | null;
  header: ReactNode;
  /** With faults: what they changed (null without). */
  comparison: FaultedRunView | null;
};

/**
 * The replay of one simulation run. The stage (diagram, caption, the claim in focus, timeline and
 * controls) fills one screen; the claims, the objects, the cluster in words and the event log
 * follow below. The trace arrives whole from the server; the browser only folds events over
 * checkpoints and reads the raft tape, it never runs the protocol. The playhead time is kept in
 * the URL (`t`), so a link reopens the replay where it was.
 */
export function ReplayPlayer({ trace, initialT, focusClaimId, prediction, header, comparison }: Props) {
  const deciding = useMemo(
    () => Object.fromEntries(trace.claims.map((claim) => [claim.id, decidingSeq(claim)])),
    [trace],
  );
  const [focusId, setFocusId] = useState(() =>
    trace.claims.some((claim) => claim.id === focusClaimId) ? focusClaimId : null,
  );
  const focusClaim = trace.claims.find((claim) => claim.id === focusId);
  const windows = useMemo(() => dilationWindows(trace.events, trace.raft ? voteSpans(trace.raft) : []), [trace]);
  const [opening] = useState(() => ({ t: openingTime(trace, { t: initialT, claim: focusClaim }), focusId }));
  const playback = usePlayback(trace, opening.t, windows);
  const { t, seq, view, seek } = playback;
  const [isRevealed, setIsRevealed] = useState(false);
  const [highlighted, setHighlighted] = useState<ReadonlySet<number>>(new Set());
  const isReducedMotion = useSyncExternalStore(
    subscribeReducedMotion,
    () => reducedMotion().matches,
    () => false,
  );
  const markers = useMemo(() => markersOf(trace.events), [trace]);
  const scale = useMemo(() => ({ bootstrapEnd: bootstrapEndOf(trace.events), duration: trace.durationMs }), [trace]);
  const starts = useMemo(() => firstStarts(trace.events), [trace]);
  const starting = useMemo(
    () => new Set(Object.keys(view.procs).filter((id) => !(starts[id]! <= t))),
    [view, starts, t],
  );
  const layout = useMemo(
    () => layoutDiagram(trace.topology, podSlotsPerNode(trace.events), { omitEtcdHosts: Boolean(trace.raft) }),
    [trace],
  );
  const members = useMemo(
    () => (trace.raft ? raftAt(trace.raft, t, trace.raft.members.length >= 5 ? 8 : 12) : []),
    [trace, t],
  );
  const wire = useMemo(() => (trace.raft ? wireAt(trace.raft, t) : []), [trace, t]);
  const flows = activeFlows(trace.events, seq, t, view, Boolean(trace.raft));
  const summary = useMemo(() => describeView(view), [view]);
  const caption = captionAt(trace.events, seq, t, wire, members);
  const stage = useRef<HTMLDivElement>(null);

  const faults = trace.faults ?? [];
  const lab = useFaultLab(faults, t);
  useReplayKeys(playback, markers);

  // The playhead goes into the URL when it rests, so a shared link reopens at the same moment. Until
  // the learner moves it, the URL stays the one they opened.
  useEffect(() => {
    if (playback.isPlaying || (t === opening.t && focusId === opening.focusId)) return;
    const timer = setTimeout(() => {
      const url = new URL(window.location.href);
      url.searchParams.set("t", String(Math.round(t)));
      if (focusId) url.searchParams.set("claim", focusId);
      else url.searchParams.delete("claim");
      if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
    }, 250);
    return () => clearTimeout(timer);
  }, [t, focusId, playback.isPlaying, opening]);

  /** Pauses at `to` with the stage in view (a fault's time, the first divergence). */
  function seekAndShow(to: number) {
    seek(to);
    playback.setIsPlaying(false);
    stage.current?.scrollIntoView({ block: "start", behavior: isReducedMotion ? "auto" : "smooth" });
  }

  /** Plays the replay to the moment that settles the claim and brings the stage into view. */
  function follow(claim: ClaimResult) {
    setFocusId(claim.id);
    setHighlighted(new Set(claim.evidence));
    const decided = trace.events[deciding[claim.id] ?? -1];
    seekAndShow(decided ? decided.t : trace.durationMs);
  }

  const nextClaim =
    focusClaim ?? trace.claims.find((claim) => (deciding[claim.id] ?? Infinity) > seq) ?? trace.claims[0];
  return (
    <div className="space-y-6">
      <ReplayStage
        ref={stage}
        header={header}
        trace={trace}
        playback={playback}
        layout={layout}
        view={view}
        flows={flows}
        members={members}
        wire={wire}
        starting={starting}
        summary={summary}
        isReducedMotion={isReducedMotion}
        scale={scale}
        markers={markers}
        windows={windows}
        isSlowed={Boolean(playback.slowsBursts && windowAt(windows, t))}
        caption={caption}
        faultPicker={playback.isPlaying || lab.isPending || lab.isFull ? undefined : lab.picker}
        focus={
          nextClaim ? (
            <FocusPanel
              claim={nextClaim}
              isFocused={Boolean(focusClaim)}
              decidingEvent={trace.events[deciding[nextClaim.id] ?? -1]}
              isReached={isRevealed || (deciding[nextClaim.id] ?? Infinity) <= seq}
              prediction={prediction}
              isPredictionSettled={prediction !== null && t >= prediction.at}
              onFollow={follow}
            />
          ) : null
        }
      />
      <FaultLab
        lab={lab}
        faults={faults}
        comparison={comparison}
        topology={trace.topology}
        view={view}
        t={t}
        isPlaying={playback.isPlaying}
        onSeek={seekAndShow}
      />
      {view.request ? <RequestFlow request={view.request} /> : null}
      <div className="grid gap-5 lg:grid-cols-2">
        <div className="min-w-0 space-y-5">
          <section aria-labelledby="claims-heading" className="space-y-2">
            <h2 id="claims-heading" className="font-semibold">
              Claims
            </h2>
            <ClaimsChecklist
              claims={trace.claims}
              seq={seq}
              deciding={deciding}
              isRevealed={isRevealed}
              onReveal={() => setIsRevealed(true)}
              focusId={focusId}
              onFollow={follow}
            />
          </section>
          <WorkloadPanel view={view} />
          <section aria-label="The cluster in words" className="rounded-xl border border-line bg-surface p-3 text-sm">
            <h2 className="mb-1 text-xs font-semibold uppercase tracking-wider text-muted">
              At {(t / 1000).toFixed(1)} s
            </h2>
            <ul className="space-y-0.5">
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
          <EventLog
            events={trace.events}
            seq={seq}
            highlighted={highlighted}
            decidingSeq={focusClaim ? deciding[focusClaim.id] : undefined}
            onSeek={seek}
          />
        </section>
      </div>
    </div>
  );
}

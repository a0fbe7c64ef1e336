"use client";

import { useMemo, useState, type ReactNode, type Ref } from "react";
import type { Flow } from "@/lib/replay/flows";
import type { DiagramLayout } from "@/lib/replay/layout";
import type { Marker } from "@/lib/replay/markers";
import type { RaftMemberAt, WireMessage } from "@/lib/replay/raft-tape";
import type { DilationWindow } from "@/lib/replay/time-warp";
import type { TimelineScale } from "@/lib/replay/timeline-scale";
import type { Trace, View } from "@/lib/sim";
import { ClusterDiagram } from "./cluster-diagram";
import type { FaultPicker } from "./fault-targets";
import { Glossary } from "./glossary";
import { PanFrame } from "./pan-frame";
import { RaftRing } from "./raft-ring";
import { Timeline } from "./timeline";
import { TransportControls } from "./transport-controls";
import type { usePlayback } from "./use-playback";

type Props = {
  ref: Ref<HTMLDivElement>;
  header: ReactNode;
  trace: Trace;
  playback: ReturnType<typeof usePlayback>;
  layout: DiagramLayout;
  view: View;
  flows: (Flow & { progress: number })[];
  members: RaftMemberAt[];
  wire: WireMessage[];
  starting: ReadonlySet<string>;
  summary: string[];
  isReducedMotion: boolean;
  scale: TimelineScale;
  markers: Marker[];
  windows: readonly DilationWindow[];
  isSlowed: boolean;
  caption: string;
  focus: ReactNode;
  /** When set (paused), a click on a component in a diagram picks it for the fault lab. */
  faultPicker?: FaultPicker;
};

type Pane = "raft" | "cluster";

/**
 * Everything needed to follow the replay, in one screen at 1280×800 and at 375×812: the diagrams
 * (etcd's Raft ring beside the cluster; on a phone one at a time, chosen by tabs), the caption,
 * the claim in focus, the timeline and the controls.
 */
export function ReplayStage({ ref, ...props }: Props) {
  const { trace, playback, view } = props;
  const t = playback.t;
  const hasRing = Boolean(trace.raft);
  const [pane, setPane] = useState<Pane>(hasRing ? "raft" : "cluster");
  const hostOf = useMemo(
    () => Object.fromEntries(trace.topology.processes.map((proc) => [proc.id, proc.host])),
    [trace],
  );
  const show = (which: Pane) => (!hasRing || pane === which ? "flex" : "hidden lg:flex");
  return (
    <div
      ref={ref}
      className="flex h-[calc(100svh-5.5rem)] min-h-[36rem] scroll-mt-16 flex-col gap-2"
      data-testid="replay-stage"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">{props.header}</div>
        <Glossary />
      </div>
      {/* On a phone one diagram at a time, chosen by tabs in the frame's empty top-left corner. */}
      <div className="relative flex min-h-0 flex-1 gap-3">
        {hasRing ? (
          <div className="absolute top-2 left-2 z-10 flex flex-col gap-1 lg:hidden" role="group" aria-label="Diagram">
            {(["raft", "cluster"] as const).map((which) => (
              <button
                key={which}
                type="button"
                aria-pressed={pane === which}
                onClick={() => setPane(which)}
                className={
                  "rounded-md border border-line bg-surface/90 px-2 py-1 text-left " +
                  "text-xs aria-pressed:border-accent aria-pressed:bg-accent-soft"
                }
              >
                {which === "raft" ? "etcd (Raft)" : "Cluster"}
              </button>
            ))}
          </div>
        ) : null}
        {hasRing ? (
          <div
            className={
              `${show("raft")} aspect-square h-full max-w-full shrink-0 items-center ` +
              "justify-center rounded-xl border border-line bg-surface p-1"
            }
          >
            <RaftRing
              members={props.members}
              wire={props.wire}
              t={t}
              starting={props.starting}
              isReducedMotion={props.isReducedMotion}
              faultTargets={props.faultPicker ? { hostOf, picker: props.faultPicker } : undefined}
            />
          </div>
        ) : null}
        <PanFrame className={`${show("cluster")} min-w-0 flex-1`} contentWidth={props.layout.width}>
          <ClusterDiagram
            layout={props.layout}
            view={view}
            t={t}
            flows={props.flows}
            isReducedMotion={props.isReducedMotion}
            summary={props.summary}
            starting={props.starting}
            faultPicker={props.faultPicker}
          />
        </PanFrame>
      </div>
      <p
        className="line-clamp-3 min-h-[2.5rem] text-sm sm:line-clamp-2"
        aria-live="polite"
        data-testid="replay-caption"
      >
        {props.isSlowed ? (
          <span className="mr-2 rounded bg-learning/15 px-1.5 py-0.5 text-xs font-medium text-learning">
            slowed ×{props.windows[0]?.realMsPerVirtualMs}
          </span>
        ) : null}
        {props.caption}
      </p>
      {props.focus}
      <div className="space-y-2 rounded-xl border border-line bg-surface p-2 sm:p-3">
        <Timeline t={t} scale={props.scale} markers={props.markers} windows={props.windows} onSeek={playback.seek} />
        <TransportControls playback={playback} />
      </div>
    </div>
  );
}

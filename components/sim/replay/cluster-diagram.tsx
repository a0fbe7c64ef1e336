"use client";

import { useId } from "react";
import type { Flow } from "@/lib/replay/flows";
import type { DiagramLayout, HostLayout } from "@/lib/replay/layout";
import type { View } from "@/lib/sim";
import { FaultTargets, type FaultPicker, type TargetShape } from "./fault-targets";
import { HostBox, procRow } from "./host-box";
import { PodChips } from "./pod-chips";

type Props = {
  layout: DiagramLayout;
  view: View;
  /** The playhead (the view is as of the last event at or before it). */
  t: number;
  flows: (Flow & { progress: number })[];
  isReducedMotion: boolean;
  summary: string[];
  /** Processes that have not started yet at t: drawn as "starting", not "down". */
  starting: ReadonlySet<string>;
  /** When set (the replay is paused), the components are buttons that open the faults for them. */
  faultPicker?: FaultPicker;
};

const flowColors = { raft: "var(--accent)", api: "var(--learning)", traffic: "var(--review)" };

/**
 * Static links, the paths requests take: kubectl to the load balancer (or the API server), the
 * load balancer to each API server, each API server to the etcd members it talks to (its own
 * member when stacked, all of them otherwise).
 */
function links(layout: DiagramLayout, view: View): { from: string; to: string; isActive: boolean }[] {
  const result: { from: string; to: string; isActive: boolean }[] = [];
  const entries = Object.entries(view.procs);
  const ofKind = (kind: string) => entries.filter(([, proc]) => proc.kind === kind).map(([id]) => id);
  const lb = ofKind("load-balancer")[0];
  const apiservers = ofKind("kube-apiserver");
  const etcd = ofKind("etcd");
  for (const kubectl of ofKind("kubectl")) {
    if (lb) result.push({ from: kubectl, to: lb, isActive: true });
    else for (const api of apiservers) result.push({ from: kubectl, to: api, isActive: true });
  }
  for (const api of apiservers) {
    if (lb) result.push({ from: lb, to: api, isActive: view.backends[api] !== false });
    const local = etcd.filter((member) => view.procs[member]!.host === view.procs[api]!.host);
    for (const member of local.length ? local : etcd) result.push({ from: api, to: member, isActive: true });
  }
  return result.filter((link) => layout.anchors[link.from] && layout.anchors[link.to]);
}

const breakableRows = new Set(["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet", "etcd"]);

/**
 * Where a learner can click to break something: a machine by its title bar (or whole, when it runs
 * one program: an etcd member's, the admin's laptop, the load balancer), and each control-plane
 * process and kubelet by its row.
 */
function targetShapes(layout: DiagramLayout, view: View): TargetShape[] {
  const shapes: TargetShape[] = [];
  for (const host of layout.hosts) {
    const procs = Object.entries(view.procs).filter(([, proc]) => proc.host === host.id && proc.kind !== "containerd");
    if (host.role === "control-plane" || host.role === "worker") {
      shapes.push({ id: host.id, kind: "host", host: host.id, x: host.x, y: host.y, w: host.w, h: 24 });
      for (const [id, proc] of procs)
        if (breakableRows.has(proc.kind) && (layout.rows[id] || proc.kind === "kubelet"))
          shapes.push({ id, kind: proc.kind, host: host.id, ...procRow(layout, host, id) });
    } else if (host.role === "etcd" || host.role === "lb") {
      shapes.push({ id: host.id, kind: "host", host: host.id, x: host.x, y: host.y, w: host.w, h: host.h });
    } else {
      const kubectl = procs.find(([, proc]) => proc.kind === "kubectl");
      if (kubectl)
        shapes.push({ id: kubectl[0], kind: "kubectl", host: host.id, x: host.x, y: host.y, w: host.w, h: host.h });
    }
  }
  return shapes;
}

/**
 * The cluster at one moment, drawn in SVG: machines and their processes, etcd roles and terms,
 * the leaders, nodes and pods, crashed processes and partitions, and the communication of the
 * latest events moving along the links.
 */
export function ClusterDiagram({ t, summary, faultPicker, ...picture }: Props) {
  const { layout, view } = picture;
  const titleId = useId();
  const descId = useId();
  const partitionGroup = (hostId: string) => view.partitions.findIndex((group) => group.split(",").includes(hostId));
  // The picture is one image; the buttons to break components are drawn over it, outside the image.
  return (
    <svg viewBox={`0 0 ${layout.width} ${layout.height}`} className="h-full w-full" role="group">
      <g role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{`Cluster at ${(t / 1000).toFixed(1)} s`}</title>
        <desc id={descId}>{summary.join(" ")}</desc>
        <ClusterPicture {...picture} partitionGroup={partitionGroup} />
      </g>
      {faultPicker ? <FaultTargets shapes={targetShapes(layout, view)} t={t} picker={faultPicker} /> : null}
    </svg>
  );
}

function ClusterPicture({
  layout,
  view,
  flows,
  isReducedMotion,
  starting,
  partitionGroup,
}: Pick<Props, "layout" | "view" | "flows" | "isReducedMotion" | "starting"> & {
  partitionGroup: (hostId: string) => number;
}) {
  return (
    <>
      {links(layout, view).map((link) => {
        const a = layout.anchors[link.from]!;
        const b = layout.anchors[link.to]!;
        return (
          <line
            key={`${link.from}-${link.to}`}
            x1={a.x}
            y1={a.y}
            x2={b.x}
            y2={b.y}
            stroke="var(--line)"
            strokeWidth={link.isActive ? 1.5 : 1}
            strokeDasharray={link.isActive ? undefined : "4 4"}
          />
        );
      })}
      {layout.hosts.map((host: HostLayout) => (
        <HostBox
          key={host.id}
          host={host}
          layout={layout}
          view={view}
          partitionGroup={partitionGroup(host.id)}
          starting={starting}
        />
      ))}
      <UnscheduledPods layout={layout} view={view} />
      {flows.map((flow, index) => {
        const a = layout.anchors[flow.from];
        const b = layout.anchors[flow.to];
        if (!a || !b) return null;
        const color = flowColors[flow.kind];
        if (isReducedMotion) {
          return <line key={index} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={color} strokeWidth={2} opacity={0.6} />;
        }
        const x = a.x + (b.x - a.x) * flow.progress;
        const y = a.y + (b.y - a.y) * flow.progress;
        return (
          <g key={index} opacity={1 - flow.progress * 0.3}>
            <line x1={a.x} y1={a.y} x2={x} y2={y} stroke={color} strokeWidth={1.5} opacity={0.35} />
            <circle cx={x} cy={y} r={4.5} fill={color} />
          </g>
        );
      })}
      {view.partitions.length ? (
        <text
          x={layout.width / 2}
          y={layout.height - 6}
          textAnchor="middle"
          className="fill-danger text-[13px] font-semibold"
        >
          Network partition: {view.partitions.map((group) => `{${group}}`).join("  |  ")}
        </text>
      ) : null}
    </>
  );
}

/** Pods no node has been chosen for yet: waiting for the scheduler (or for a scheduler at all). */
function UnscheduledPods({ layout, view }: { layout: DiagramLayout; view: View }) {
  const pods = Object.entries(view.pods).filter(([, pod]) => !pod.node);
  if (pods.length === 0) return null;
  const area = layout.unscheduledArea;
  return (
    <g>
      <text x={area.x} y={area.y + 12} className="fill-muted text-[11px]">
        Not scheduled yet ({pods.length})
      </text>
      <PodChips area={{ ...area, y: area.y + 18, w: Math.min(area.w, 120 * pods.length) }} pods={pods} />
    </g>
  );
}

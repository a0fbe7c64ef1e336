// The Cluster Autoscaler's scale-up (core/scaleup/orchestrator): the unschedulable pods that fit on no
// registered or upcoming node are binpacked onto copies of the group's template node, and the group's
// size is raised by that many nodes, capped at its max size.
import type { Ctx } from "../../core/component";
import type { Pod } from "../../objects/core";
import { binpackingEstimate, fits, isUnschedulable, podRequests, podsOn, roomOf, take, type Room } from "./ca-math";
import {
  deletingTaint,
  groupNodes,
  list,
  podsByNodeOf,
  type ClusterAutoscalerConfig,
  type ClusterAutoscalerState,
} from "./ca-state";
import type { CloudMsg } from "./protocol";

export function scaleUp(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  ctx: Ctx,
): ClusterAutoscalerState | null {
  const pods = list<Pod>(s.informers.pods);
  const pending = pods.filter(isUnschedulable).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  if (pending.length === 0) return null;
  const byNode = podsByNodeOf(s);
  const nodes = groupNodes(s, cfg).filter((n) => !deletingTaint(n));
  // Registered nodes (Ready or still starting) and the upcoming ones the cloud is creating count as capacity:
  // filter_out_schedulable.go.
  const upcoming = Math.max(0, s.targetSize - groupNodes(s, cfg).length);
  let rooms: Room[] = [
    ...nodes.map((n) => roomOf(n, podsOn(byNode, n.metadata.name))),
    ...Array.from({ length: upcoming }, (_, i) => ({ name: `upcoming-${i + 1}`, free: { ...cfg.group.template } })),
  ];
  const still: Pod[] = [];
  for (const p of pending) {
    const r = podRequests(p);
    const i = rooms.findIndex((room) => fits(r, room));
    if (i < 0) still.push(p);
    else rooms = rooms.map((room, j) => (j === i ? take(r, room) : room));
  }
  if (still.length === 0) return null;
  const max = cfg.group.maxSize;
  if (s.targetSize >= max) {
    const key = `${s.targetSize}:${still.map((p) => p.metadata.name).join(",")}`;
    if (s.maxReported !== key) {
      ctx.trace(
        "ca.max-size-reached",
        `cluster-autoscaler: ${still.length} unschedulable pod${still.length === 1 ? "" : "s"} ` +
          `(${still.map((p) => p.metadata.name).join(", ")}) did not trigger scale-up: node ` +
          `group ${cfg.group.name} is at its max size ${max}.`,
        {
          group: cfg.group.name,
          size: s.targetSize,
          maxSize: max,
          pods: still.length,
          names: still.map((p) => p.metadata.name).join(","),
        },
      );
    }
    return { ...s, maxReported: key };
  }
  const est = binpackingEstimate(still, cfg.group.template, max - s.targetSize);
  if (est.nodes === 0) return null;
  const id = ctx.nextId("cloud");
  const body: CloudMsg = { p: "cloud", kind: "increase-size", id, group: cfg.group.name, delta: est.nodes };
  ctx.send(cfg.cloud, body);
  const to = s.targetSize + est.nodes;
  const capped =
    est.left.length > 0
      ? ` (capped at max size ${max}; ${est.left.length} pod${est.left.length === 1 ? "" : "s"} left pending)`
      : "";
  ctx.trace(
    "ca.scale-up",
    `cluster-autoscaler: ${still.length} unschedulable pod${still.length === 1 ? "" : "s"} would ` +
      `fit on ${est.nodes} new node${est.nodes === 1 ? "" : "s"} of ${cfg.group.name}'s template ` +
      `(${cfg.group.template.cpuMilli}m CPU each): scale-up ${s.targetSize} → ${to}${capped}.`,
    {
      group: cfg.group.name,
      from: s.targetSize,
      to,
      delta: est.nodes,
      pods: still.length,
      placed: est.placed.join(","),
      left: est.left.length,
      maxSize: max,
    },
  );
  return { ...s, targetSize: to, lastScaleUp: ctx.now, maxReported: null };
}

// The Cluster Autoscaler's scale-down: which nodes are unneeded (core/scaledown/planner: utilization
// below the threshold, every pod able to move), and the removal of one of them once unneeded long enough
// (core/scaledown/actuation/actuator.go): taint, drain through the Eviction API, delete from the cloud.
import type { Ctx } from "../../core/component";
import type { Ms } from "../../core/types";
import { apiCall } from "../../apiserver/http";
import type { HttpResponse } from "../../client/http-client";
import { nodeReady } from "../../objects/helpers";
import type { Node, Pod } from "../../objects/core";
import type { PodDisruptionBudget } from "../../objects/policy";
import {
  inCooldown,
  nodeUtilization,
  podsOn,
  roomOf,
  simulateRemoval,
  TO_BE_DELETED,
  unneededLongEnough,
  type Room,
} from "./ca-math";
import {
  deletingTaint,
  groupNodes,
  list,
  podsByNodeOf,
  send,
  type ClusterAutoscalerConfig,
  type ClusterAutoscalerState,
  type Deletion,
  type CaRequest,
} from "./ca-state";
import type { CloudMsg } from "./protocol";

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const schedulable = (n: Node): boolean =>
  nodeReady(n) === "True" &&
  !n.spec.unschedulable &&
  !n.spec.taints.some((t) => t.effect === "NoSchedule" || t.effect === "NoExecute");

// The verdicts' figures are written only when a node's verdict changes, which most scans do not; module-level
// functions, since a closure defined per node and scan costs more than the scan's arithmetic.
function figures(u: { cpu: number; memory: number }): string {
  return `requests cpu ${pct(u.cpu)}, memory ${pct(u.memory)} of allocatable`;
}

function movesText(moves: readonly { pod: string; to: string }[]): string {
  return moves.map((m) => `${m.pod} → ${m.to}`).join(", ");
}

function verdict(s: ClusterAutoscalerState, node: string, key: string, emit: () => void): ClusterAutoscalerState {
  if (s.verdicts[node] === key) return s;
  emit();
  return { ...s, verdicts: { ...s.verdicts, [node]: key } };
}

export function scaleDown(s0: ClusterAutoscalerState, cfg: ClusterAutoscalerConfig, ctx: Ctx): ClusterAutoscalerState {
  let s = s0;
  const pdbs = list<PodDisruptionBudget>(s.informers.poddisruptionbudgets).sort((a, b) =>
    a.metadata.name < b.metadata.name ? -1 : 1,
  );
  const byNode = podsByNodeOf(s);
  const nodes = groupNodes(s, cfg).filter((n) => nodeReady(n) === "True" && !deletingTaint(n));
  let rooms: Room[] = nodes.filter(schedulable).map((n) => roomOf(n, podsOn(byNode, n.metadata.name)));
  let allowance: Record<string, number> = {};
  const unneeded: Record<string, Ms> = {};
  for (const n of nodes) {
    const name = n.metadata.name;
    const on = podsOn(byNode, name);
    const u = nodeUtilization(n.status.allocatable, on);
    if (u.utilization >= cfg.utilizationThreshold) {
      s = verdict(s, name, "NotUnderutilized", () => {
        if (s0.unneeded[name] !== undefined)
          ctx.trace(
            "ca.node-needed",
            `cluster-autoscaler: ${name} is needed again: ${figures(u)}, not below ${pct(cfg.utilizationThreshold)}.`,
            { node: name, utilization: u.utilization, reason: "NotUnderutilized" },
          );
      });
      continue;
    }
    const sim = simulateRemoval(
      on,
      rooms.filter((r) => r.name !== name),
      pdbs,
      allowance,
    );
    if (!sim.removable) {
      s = verdict(s, name, `${sim.reason}:${sim.pod}`, () =>
        ctx.trace(
          "ca.scale-down-blocked",
          `cluster-autoscaler: ${name} is underutilized (${figures(u)}) but cannot be ` +
            `removed: pod ${sim.pod} ${blockText(sim.reason)} (${sim.reason}).`,
          { node: name, utilization: u.utilization, reason: sim.reason, pod: sim.pod },
        ),
      );
      continue;
    }
    unneeded[name] = s0.unneeded[name] ?? ctx.now;
    rooms = sim.rooms;
    allowance = sim.pdbs;
    s = verdict(s, name, "Unneeded", () =>
      ctx.trace(
        "ca.node-unneeded",
        `cluster-autoscaler: ${name} is unneeded: ${figures(u)}, below ${pct(cfg.utilizationThreshold)}, ` +
          `and ${on.length === 0 ? "it runs no pods" : `its pods can move (${movesText(sim.moves)})`}.`,
        {
          node: name,
          utilization: u.utilization,
          cpu: u.cpu,
          memory: u.memory,
          pods: on.length,
          since: unneeded[name]!,
        },
      ),
    );
  }
  s = { ...s, unneeded };
  if (inCooldown({ lastScaleUp: s.lastScaleUp, lastDelete: s.lastDelete }, cfg, ctx.now)) return s;
  if (groupNodes(s, cfg).length <= cfg.group.minSize) return s;
  const ripe = nodes
    .map((n) => n.metadata.name)
    .filter((n) => unneededLongEnough(unneeded[n], ctx.now, cfg.unneededMs));
  // Empty nodes first (they need no drain), then the rest by name.
  const pick = [...ripe].sort((a, b) => podsOn(byNode, a).length - podsOn(byNode, b).length || (a < b ? -1 : 1))[0];
  if (pick === undefined) return s;
  return startDeletion(
    s,
    cfg,
    nodes.find((n) => n.metadata.name === pick)!,
    podsOn(byNode, pick),
    ctx,
  );
}

function blockText(reason: string): string {
  switch (reason) {
    case "NotEnoughPdb":
      return "is covered by a PodDisruptionBudget that allows no more disruptions";
    case "NotSafeToEvictAnnotation":
      return 'has cluster-autoscaler.kubernetes.io/safe-to-evict: "false"';
    case "NotReplicated":
      return "has no controller to recreate it";
    default:
      return "fits on no other node";
  }
}

function startDeletion(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  node: Node,
  on: readonly Pod[],
  ctx: Ctx,
): ClusterAutoscalerState {
  const name = node.metadata.name;
  const u = nodeUtilization(node.status.allocatable, on);
  const since = s.unneeded[name]!;
  const evicts = on.map((p) => p.metadata.name).join(", ");
  ctx.trace(
    "ca.scale-down",
    `cluster-autoscaler: scale-down: removing ${name}, unneeded for ${Math.round((ctx.now - since) / 1000)} ` +
      `s (≥ ${cfg.unneededMs / 1000} s) at ${pct(u.utilization)} utilization; ` +
      `${on.length === 0 ? "it is empty" : `it taints the node ${TO_BE_DELETED}:NoSchedule and evicts ${evicts}`}.`,
    {
      node: name,
      utilization: u.utilization,
      since,
      unneededMs: ctx.now - since,
      pods: on.length,
      lastScaleUp: s.lastScaleUp ?? -1,
    },
  );
  const taints = [
    ...node.spec.taints,
    {
      key: TO_BE_DELETED,
      value: String(Math.floor(ctx.now / 1000)),
      effect: "NoSchedule" as const,
      timeAdded: ctx.now,
    },
  ];
  send(s, cfg, apiCall("patch", "nodes", { name, body: { spec: { taints } } }), { op: "taint", name }, ctx);
  return {
    ...s,
    deleting: { node: name, stage: "taint", evicting: [], utilization: u.utilization, since },
    unneeded: Object.fromEntries(Object.entries(s.unneeded).filter(([k]) => k !== name)),
  };
}

/** Drained once no pod the node ran is left, terminating ones included: then the cloud deletes the instance. */
export function progressDeletion(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  ctx: Ctx,
): ClusterAutoscalerState {
  const d = s.deleting;
  if (d === null || d.stage !== "drain" || d.evicting.length > 0) return s;
  const left = list<Pod>(s.informers.pods).filter(
    (p) => p.spec.nodeName === d.node && p.status.phase !== "Succeeded" && p.status.phase !== "Failed",
  );
  if (left.length > 0) return s;
  ctx.trace("ca.node-drained", `cluster-autoscaler: ${d.node} is drained; it asks the cloud to delete the instance.`, {
    node: d.node,
  });
  const body: CloudMsg = {
    p: "cloud",
    kind: "delete-nodes",
    id: ctx.nextId("cloud"),
    group: cfg.group.name,
    nodes: [d.node],
  };
  ctx.send(cfg.cloud, body);
  return { ...s, deleting: { ...d, stage: "cloud" } };
}

function evictAll(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  d: Deletion,
  ctx: Ctx,
): ClusterAutoscalerState {
  const on = podsOn(podsByNodeOf(s), d.node);
  for (const p of on) {
    const body = {
      apiVersion: "policy/v1",
      kind: "Eviction",
      metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
    };
    send(
      s,
      cfg,
      apiCall("create", "pods", {
        namespace: p.metadata.namespace,
        name: p.metadata.name,
        subresource: "eviction",
        body,
      }),
      { op: "evict", name: p.metadata.name },
      ctx,
    );
  }
  return progressDeletion(
    { ...s, deleting: { ...d, stage: "drain", evicting: on.map((p) => p.metadata.name) } },
    cfg,
    ctx,
  );
}

function abort(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  d: Deletion,
  why: string,
  ctx: Ctx,
): ClusterAutoscalerState {
  ctx.trace(
    "ca.scale-down-failed",
    `cluster-autoscaler: scale-down of ${d.node} failed: ${why}; it removes its ${TO_BE_DELETED} taint.`,
    { node: d.node, reason: why },
  );
  const node = s.informers.nodes.objects[d.node] as Node | undefined;
  if (node !== undefined)
    send(
      s,
      cfg,
      apiCall("patch", "nodes", {
        name: d.node,
        body: { spec: { taints: node.spec.taints.filter((t) => t.key !== TO_BE_DELETED) } },
      }),
      { op: "untaint", name: d.node },
      ctx,
    );
  return { ...s, deleting: null, lastDelete: ctx.now };
}

export function onResponse(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  r: HttpResponse<CaRequest>,
  ctx: Ctx,
): ClusterAutoscalerState {
  const d = s.deleting;
  const ok = r.status >= 200 && r.status < 300;
  const { op: what, name } = r.tag;
  if (d === null) return s;
  if (what === "taint" && name === d.node)
    return ok ? evictAll(s, cfg, d, ctx) : abort(s, cfg, d, r.error ?? `HTTP ${r.status}`, ctx);
  if (what === "evict") {
    if (!ok) return abort(s, cfg, d, `evicting ${name}: ${r.error ?? `HTTP ${r.status}`}`, ctx);
    return progressDeletion({ ...s, deleting: { ...d, evicting: d.evicting.filter((p) => p !== name) } }, cfg, ctx);
  }
  if (what === "delete" && name === d.node) {
    ctx.trace(
      "ca.node-removed",
      `cluster-autoscaler: node ${d.node} removed; node group ${cfg.group.name} is down to ${s.targetSize - 1}.`,
      { node: d.node, size: s.targetSize - 1, since: d.since, utilization: d.utilization },
    );
    return { ...s, deleting: null, lastDelete: ctx.now, targetSize: s.targetSize - 1 };
  }
  return s;
}

export function onCloud(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  m: CloudMsg,
  ctx: Ctx,
): ClusterAutoscalerState {
  if (m.kind !== "done") return s;
  const d = s.deleting;
  if (d !== null && d.stage === "cloud" && m.instances.includes(d.node)) {
    send(s, cfg, apiCall("delete", "nodes", { name: d.node }), { op: "delete", name: d.node }, ctx);
    return { ...s, deleting: { ...d, stage: "delete" } };
  }
  return s;
}

// The node lifecycle controller (pkg/controller/nodelifecycle) and the taint eviction controller.
// Every node-monitor-period it compares each node's Lease renewTime and status heartbeat with what
// it saw before, stamping changes with its *own* clock (probeTimestamp). A node silent for
// node-monitor-grace-period becomes Ready=Unknown, its pods are marked not ready, and it gets the
// unreachable NoSchedule taint and (rate-limited per zone) the NoExecute taint. If every zone is
// fully disrupted it assumes the control plane is the problem and stops evictions. A fresh leader
// starts every node with a full grace period, which is why a control-plane outage is not followed
// by mass eviction (k8s-facts §4.3).
import type { Ctx } from "../../core/component";
import { UNREACHABLE_TAINT } from "../../apiserver/admission";
import { apiCall } from "../../apiserver/http";
import { httpSend, type HttpResult } from "../../client/http-client";
import { nodeReady, secs, setCondition } from "../../objects/helpers";
import type { Lease, Node, Pod, Taint } from "../../objects/types";
import { storeKey } from "../../objects/resources";
import type { KcmTag, NodeLifecycleRequest } from "./requests";
import type { KcmConfig, KcmState, NodeHealth } from "./types";
import { copyRecord, withEntry } from "../../core/records";
import { objects } from "./kcm-api";

function list<T>(s: KcmState, informer: string): T[] {
  return Object.values(s.informers[informer]?.objects ?? {}) as T[];
}

function write(s: KcmState, cfg: KcmConfig, call: Parameters<typeof httpSend>[2], tag: NodeLifecycleRequest, busyKey: string, ctx: Ctx): KcmState {
  if (s.busy[busyKey]) return s;
  return { ...s, http: httpSend<KcmTag>(s.http, cfg.api, call, tag, null, ctx).hc, busy: withEntry(s.busy, busyKey, "sent") };
}

function zoneOf(n: Node): string {
  return n.metadata.labels["topology.kubernetes.io/zone"] ?? "";
}

function observe(s: KcmState, nodes: readonly Node[], now: number): Record<string, NodeHealth> {
  const leases = s.informers.leases?.objects ?? {};
  const health: Record<string, NodeHealth> = {};
  for (const n of nodes) {
    // The leases informer watches kube-node-lease, where each node's Lease bears the node's name.
    const lease = leases[storeKey("kube-node-lease", n.metadata.name)] as Lease | undefined;
    const renewTime = lease?.spec.renewTime ?? null;
    const prev = s.nodeHealth[n.metadata.name];
    const changed = prev === undefined || prev.renewTime !== renewTime || prev.heartbeat !== n.status.lastHeartbeatTime;
    health[n.metadata.name] = changed ? { probeTimestamp: now, renewTime, heartbeat: n.status.lastHeartbeatTime } : prev;
  }
  return health;
}

export function monitorNodes(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  const nodes = objects<Node>(s0, "nodes", "Node"); // sorted by name
  let s: KcmState = { ...s0, nodeHealth: observe(s0, nodes, ctx.now) };
  for (const n of nodes) {
    const h = s.nodeHealth[n.metadata.name]!;
    if (ctx.now - h.probeTimestamp > cfg.nodeMonitorGraceMs && nodeReady(n) !== "Unknown") s = markUnknown(s, cfg, n, ctx.now - h.probeTimestamp, ctx);
  }
  return applyTaints(s, cfg, nodes, ctx);
}

function markUnknown(s0: KcmState, cfg: KcmConfig, n: Node, silentMs: number, ctx: Ctx): KcmState {
  const name = n.metadata.name;
  const conditions = setCondition(n.status.conditions, "Ready", "Unknown", "NodeStatusUnknown", ctx.now);
  let s = write(s0, cfg, apiCall("patch", "nodes", { name, subresource: "status", body: { status: { conditions } } }), { c: "nlc", what: "unknown", name, silentMs }, `node:${name}`, ctx);
  // MarkPodsNotReady: endpoints stop sending traffic to pods on a node that may be gone.
  for (const p of list<Pod>(s, "pods").filter((x) => x.spec.nodeName === name).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    const status = { conditions: setCondition(p.status.conditions, "Ready", "False", "NodeNotReady", ctx.now) };
    s = write(s, cfg, apiCall("patch", "pods", { namespace: p.metadata.namespace, name: p.metadata.name, subresource: "status", body: { status } }), { c: "nlc", what: "pod-not-ready", name: p.metadata.name, node: name }, `pod:${p.metadata.name}`, ctx);
  }
  return s;
}

function hasTaint(n: Node, effect: Taint["effect"]): boolean {
  return n.spec.taints.some((t) => t.key === UNREACHABLE_TAINT && t.effect === effect);
}

function setTaints(s: KcmState, cfg: KcmConfig, n: Node, taints: Taint[], what: "taint" | "untaint" | "cordon-taint" | "uncordon-untaint", ctx: Ctx): KcmState {
  const call = apiCall("patch", "nodes", { name: n.metadata.name, body: { spec: { taints } } });
  return write(s, cfg, call, { c: "nlc", what, name: n.metadata.name }, `node:${n.metadata.name}`, ctx);
}

/** Taint management: NoSchedule at once, NoExecute through the per-zone rate limiter, none in disruption mode. */
function notReady(n: Node): boolean {
  return nodeReady(n) !== "True";
}

/** Whether the node is Ready and carries no unreachable taint: then there is nothing to change on it. */
function settled(n: Node): boolean {
  return nodeReady(n) === "True" && !n.spec.taints.some((t) => t.key === UNREACHABLE_TAINT && (t.effect === "NoSchedule" || t.effect === "NoExecute"));
}

function applyTaints(s0: KcmState, cfg: KcmConfig, nodes: readonly Node[], ctx: Ctx): KcmState {
  // The usual case, every node settled outside disruption mode, changes nothing (below: no zone is
  // fully disrupted, and a Ready node without the taints is skipped).
  if (!s0.disruptionMode && nodes.every(settled)) return s0;
  let s = s0;
  const zones = [...new Set(nodes.map(zoneOf))].sort();
  const allDisrupted = zones.length > 0 && zones.every((z) => nodes.filter((n) => zoneOf(n) === z).every(notReady));
  if (allDisrupted !== s.disruptionMode) {
    ctx.trace(
      "node-lifecycle.disruption-mode",
      allDisrupted
        ? "node-lifecycle-controller: no node in any zone is Ready, so it assumes a control-plane connectivity problem and stops all evictions."
        : "node-lifecycle-controller: nodes are Ready again; it leaves disruption mode and gives every node a fresh grace period.",
      { active: allDisrupted },
    );
    const reset = allDisrupted ? s.nodeHealth : Object.fromEntries(Object.entries(s.nodeHealth).map(([k, h]) => [k, { ...h, probeTimestamp: ctx.now }]));
    s = { ...s, disruptionMode: allDisrupted, nodeHealth: reset };
  }
  for (const n of nodes) {
    const ready = nodeReady(n);
    const zone = zoneOf(n);
    const zoneNodes = nodes.filter((x) => zoneOf(x) === zone);
    const unhealthy = zoneNodes.filter(notReady).length;
    // PartialDisruption (more than 2 unhealthy and >= 55%) in a small zone stops NoExecute tainting.
    const partial = unhealthy > 2 && unhealthy / zoneNodes.length >= cfg.unhealthyZoneThreshold && zoneNodes.length <= cfg.largeClusterSize;
    if (ready === "True") {
      if (hasTaint(n, "NoSchedule") || hasTaint(n, "NoExecute")) s = setTaints(s, cfg, n, n.spec.taints.filter((t) => t.key !== UNREACHABLE_TAINT), "untaint", ctx);
      continue;
    }
    if (ready !== "Unknown" || s.busy[`node:${n.metadata.name}`]) continue;
    if (s.disruptionMode) {
      if (hasTaint(n, "NoExecute")) s = setTaints(s, cfg, n, n.spec.taints.filter((t) => !(t.key === UNREACHABLE_TAINT && t.effect === "NoExecute")), "untaint", ctx);
      continue;
    }
    let taints = n.spec.taints;
    if (!hasTaint(n, "NoSchedule")) taints = [...taints, { key: UNREACHABLE_TAINT, effect: "NoSchedule", timeAdded: ctx.now }];
    const last = s.zoneTaintedAt[zone] ?? -Infinity;
    if (!hasTaint(n, "NoExecute") && !partial && ctx.now - last >= cfg.evictionIntervalMs) {
      taints = [...taints, { key: UNREACHABLE_TAINT, effect: "NoExecute", timeAdded: ctx.now }];
      s = { ...s, zoneTaintedAt: { ...s.zoneTaintedAt, [zone]: ctx.now } };
    }
    if (taints !== n.spec.taints) s = setTaints(s, cfg, n, taints, "taint", ctx);
  }
  return s;
}

/** TaintNodeUnschedulable (core/v1 well_known_taints.go). */
export const UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

function hasUnschedulableTaint(n: Node): boolean {
  return n.spec.taints.some((t) => t.key === UNSCHEDULABLE_TAINT && t.effect === "NoSchedule");
}

/**
 * doNoScheduleTaintingPass, for spec.unschedulable: a cordoned node gets the
 * node.kubernetes.io/unschedulable:NoSchedule taint and an uncordoned one loses it
 * (node_lifecycle_controller.go, run from the node update queue, so on every node change).
 */
export function taintUnschedulable(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  let s = s0;
  for (const n of objects<Node>(s0, "nodes", "Node")) {
    const tainted = hasUnschedulableTaint(n);
    if (n.spec.unschedulable === tainted || s.busy[`node:${n.metadata.name}`]) continue;
    const taints = tainted ? n.spec.taints.filter((t) => t.key !== UNSCHEDULABLE_TAINT) : [...n.spec.taints, { key: UNSCHEDULABLE_TAINT, effect: "NoSchedule" as const, timeAdded: ctx.now }];
    s = setTaints(s, cfg, n, taints, tainted ? "uncordon-untaint" : "cordon-taint", ctx);
  }
  return s;
}

export function onNodeLifecycleResult(s: KcmState, cfg: KcmConfig, r: HttpResult<NodeLifecycleRequest> & { kind: "response" }, ctx: Ctx): KcmState {
  const req = r.tag;
  const { what, name } = req;
  const busy = copyRecord(s.busy);
  delete busy[what === "pod-not-ready" ? `pod:${name}` : `node:${name}`];
  const next = { ...s, busy };
  if (r.status !== 200) return next;
  const grace = secs(cfg.nodeMonitorGraceMs);
  if (req.what === "unknown") {
    ctx.trace(
      "node.ready-changed",
      `node-lifecycle-controller: it has seen no Lease renewal or status update from ${name} for ${secs(req.silentMs)} (grace period ${grace}), so it sets Ready=Unknown ("Kubelet stopped posting node status").`,
      { node: name, status: "Unknown" },
    );
  } else if (req.what === "pod-not-ready") {
    ctx.trace("pod.not-ready", `node-lifecycle-controller marked ${name} NotReady because its node ${req.node} is unreachable; endpoints stop routing traffic to it.`, { pod: name, node: req.node });
  } else if (what === "cordon-taint" || what === "uncordon-untaint") {
    const node = r.body as Node;
    const taints = node.spec.taints.map((t) => `${t.key}:${t.effect}`);
    ctx.trace(
      what === "cordon-taint" ? "node.tainted" : "node.untainted",
      what === "cordon-taint"
        ? `node-lifecycle-controller tainted ${name} with ${UNSCHEDULABLE_TAINT}:NoSchedule because spec.unschedulable is true (cordoned).`
        : `node-lifecycle-controller removed ${UNSCHEDULABLE_TAINT}:NoSchedule from ${name}: spec.unschedulable is false again (uncordoned).`,
      { node: name, taints, cordoned: what === "cordon-taint" },
    );
  } else if (what === "taint" || what === "untaint") {
    const node = r.body as Node;
    const taints = node.spec.taints.filter((t) => t.key === UNREACHABLE_TAINT).map((t) => `${t.key}:${t.effect}`);
    ctx.trace(
      what === "taint" ? "node.tainted" : "node.untainted",
      what === "taint"
        ? `node-lifecycle-controller tainted ${name} with ${taints.join(" and ")}: no new pods go there, and pods that do not tolerate NoExecute are evicted.`
        : `node-lifecycle-controller removed the unreachable taints from ${name}.`,
      { node: name, taints },
    );
  }
  return next;
}

// The node lifecycle controller (pkg/controller/nodelifecycle) and the taint eviction controller.
// Every node-monitor-period it compares each node's Lease renewTime and status heartbeat with what
// it saw before, stamping changes with its *own* clock (probeTimestamp). A node silent for
// node-monitor-grace-period becomes Ready=Unknown, its pods are marked not ready, and it gets the
// unreachable NoSchedule taint and (rate-limited per zone) the NoExecute taint. If every zone is
// fully disrupted it assumes the control plane is the problem and stops evictions. A fresh leader
// starts every node with a full grace period, which is why a control-plane outage is not followed
// by mass eviction (k8s-facts §4.3).
import type { Ctx } from "../../core/component";
import { NOT_READY_TAINT, UNREACHABLE_TAINT } from "../../apiserver/admission";
import { apiCall, statusPatchCall } from "../../apiserver/http";
import { httpSend, type HttpResponse } from "../../client/http-client";
import { nodeReady, secs, setCondition } from "../../objects/helpers";
import type { Lease } from "../../objects/coordination";
import type { Node, Pod, Taint } from "../../objects/core";
import { storeKey } from "../../objects/resources";
import type { KcmTag, NodeLifecycleRequest } from "./requests";
import type { KcmConfig, KcmState, NodeHealth } from "./types";
import { copyRecord, withEntry } from "../../core/records";
import { objects } from "./kcm-api";

function list<T>(s: KcmState, informer: string): T[] {
  return Object.values(s.informers[informer]?.objects ?? {}) as T[];
}

function write(
  s: KcmState,
  cfg: KcmConfig,
  call: Parameters<typeof httpSend>[2],
  tag: NodeLifecycleRequest,
  busyKey: string,
  ctx: Ctx,
): KcmState {
  if (s.busy[busyKey]) return s;
  return {
    ...s,
    http: httpSend<KcmTag>(s.http, cfg.api, call, tag, null, ctx).hc,
    busy: withEntry(s.busy, busyKey, "sent"),
  };
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
    health[n.metadata.name] = changed
      ? { probeTimestamp: now, renewTime, heartbeat: n.status.lastHeartbeatTime }
      : prev;
  }
  return health;
}

export function monitorNodes(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  const nodes = objects<Node>(s0, "nodes", "Node"); // sorted by name
  let s: KcmState = { ...s0, nodeHealth: observe(s0, nodes, ctx.now) };
  for (const n of nodes) {
    const h = s.nodeHealth[n.metadata.name]!;
    if (ctx.now - h.probeTimestamp > cfg.nodeMonitorGraceMs && nodeReady(n) !== "Unknown")
      s = markUnknown(s, cfg, n, ctx.now - h.probeTimestamp, ctx);
  }
  return applyTaints(s, cfg, nodes, ctx);
}

function markUnknown(s0: KcmState, cfg: KcmConfig, n: Node, silentMs: number, ctx: Ctx): KcmState {
  const name = n.metadata.name;
  const conditions = setCondition(n.status.conditions, "Ready", "Unknown", "NodeStatusUnknown", ctx.now);
  const s = write(
    s0,
    cfg,
    apiCall("patch", "nodes", { name, subresource: "status", body: { status: { conditions } } }),
    { c: "nlc", what: "unknown", name, silentMs },
    `node:${name}`,
    ctx,
  );
  return markPodsNotReady(s, cfg, name, ctx);
}

/** MarkPodsNotReady: endpoints stop sending traffic to the pods of a node that is not Ready. */
function markPodsNotReady(s0: KcmState, cfg: KcmConfig, name: string, ctx: Ctx): KcmState {
  let s = s0;
  for (const p of list<Pod>(s, "pods")
    .filter((x) => x.spec.nodeName === name)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    const status = { conditions: setCondition(p.status.conditions, "Ready", "False", "NodeNotReady", ctx.now) };
    s = write(
      s,
      cfg,
      statusPatchCall("pods", p, status),
      { c: "nlc", what: "pod-not-ready", name: p.metadata.name, node: name },
      `pod:${p.metadata.name}`,
      ctx,
    );
  }
  return s;
}

/**
 * The taint the node lifecycle controller keeps for a Ready condition (taints.go NotReadyTaintTemplate,
 * UnreachableTaintTemplate).
 */
function conditionTaintKey(ready: string): string | null {
  return ready === "False" ? NOT_READY_TAINT : ready === "Unknown" ? UNREACHABLE_TAINT : null;
}

const CONDITION_TAINTS = [NOT_READY_TAINT, UNREACHABLE_TAINT];

function isConditionTaint(t: Taint, effect: Taint["effect"]): boolean {
  return t.effect === effect && CONDITION_TAINTS.includes(t.key);
}

function setTaints(
  s: KcmState,
  cfg: KcmConfig,
  n: Node,
  taints: Taint[],
  what: "taint" | "untaint" | "cordon-taint" | "uncordon-untaint",
  ctx: Ctx,
): KcmState {
  const call = apiCall("patch", "nodes", { name: n.metadata.name, body: { spec: { taints } } });
  return write(s, cfg, call, { c: "nlc", what, name: n.metadata.name }, `node:${n.metadata.name}`, ctx);
}

function notReady(n: Node): boolean {
  return nodeReady(n) !== "True";
}

/**
 * Whether the node is Ready and carries no not-ready or unreachable NoExecute taint: then there is nothing to change on
 * it.
 */
function settled(n: Node): boolean {
  return nodeReady(n) === "True" && !n.spec.taints.some((t) => isConditionTaint(t, "NoExecute"));
}

/**
 * The NoExecute half of taint management (processTaintBaseEviction and doNoExecuteTaintingPass): a
 * node that is not Ready gets the not-ready (Ready=False) or unreachable (Ready=Unknown) NoExecute
 * taint through the per-zone rate limiter; one that already has the other of the two has it swapped
 * at once; a Ready node loses both; none is kept in disruption mode. The NoSchedule half runs on
 * every node update (taintNoSchedule).
 */
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
        ? "node-lifecycle-controller: no node in any zone is Ready, so it assumes " +
            "a control-plane connectivity problem and stops all evictions."
        : "node-lifecycle-controller: nodes are Ready again; it leaves " +
            "disruption mode and gives every node a fresh grace period.",
      { active: allDisrupted },
    );
    const reset = allDisrupted
      ? s.nodeHealth
      : Object.fromEntries(Object.entries(s.nodeHealth).map(([k, h]) => [k, { ...h, probeTimestamp: ctx.now }]));
    s = { ...s, disruptionMode: allDisrupted, nodeHealth: reset };
  }
  for (const n of nodes) {
    if (s.busy[`node:${n.metadata.name}`]) continue;
    const key = conditionTaintKey(nodeReady(n));
    const others = n.spec.taints.filter((t) => !isConditionTaint(t, "NoExecute"));
    const present = n.spec.taints.find((t) => isConditionTaint(t, "NoExecute"));
    if (key === null || s.disruptionMode) {
      if (present !== undefined) s = setTaints(s, cfg, n, others, "untaint", ctx);
      continue;
    }
    if (present?.key === key) continue;
    if (present !== undefined) {
      s = setTaints(s, cfg, n, [...others, { key, effect: "NoExecute", timeAdded: ctx.now }], "taint", ctx);
      continue;
    }
    const zone = zoneOf(n);
    const zoneNodes = nodes.filter((x) => zoneOf(x) === zone);
    const unhealthy = zoneNodes.filter(notReady).length;
    // PartialDisruption (more than 2 unhealthy and >= 55%) in a small zone stops NoExecute tainting.
    const partial =
      unhealthy > 2 &&
      unhealthy / zoneNodes.length >= cfg.unhealthyZoneThreshold &&
      zoneNodes.length <= cfg.largeClusterSize;
    const last = s.zoneTaintedAt[zone] ?? -Infinity;
    if (partial || ctx.now - last < cfg.evictionIntervalMs) continue;
    s = { ...s, zoneTaintedAt: { ...s.zoneTaintedAt, [zone]: ctx.now } };
    s = setTaints(s, cfg, n, [...others, { key, effect: "NoExecute", timeAdded: ctx.now }], "taint", ctx);
    // doNoExecuteTaintingPass marks the pods not ready once it has tainted the node (an Unknown node's were marked with
    // the condition).
    if (key === NOT_READY_TAINT) s = markPodsNotReady(s, cfg, n.metadata.name, ctx);
  }
  return s;
}

/** TaintNodeUnschedulable (core/v1 well_known_taints.go). */
const UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

/** The NoSchedule taints the controller owns that a node should carry, in a fixed order. */
function wantedNoSchedule(n: Node): string[] {
  const key = conditionTaintKey(nodeReady(n));
  return [...(key === null ? [] : [key]), ...(n.spec.unschedulable ? [UNSCHEDULABLE_TAINT] : [])];
}

const NO_SCHEDULE_KEYS = [NOT_READY_TAINT, UNREACHABLE_TAINT, UNSCHEDULABLE_TAINT];

// Whether a Node carries exactly the NoSchedule taints it should, memoized on the (immutable) stored
// Node: the pass runs on every pod event too, and most find every node as it was. Not world state.
const settledNodes = new WeakMap<Node, boolean>();

/** The node's controller-owned NoSchedule taints are exactly those wantedNoSchedule names. */
function hasWantedNoSchedule(n: Node): boolean {
  let same = settledNodes.get(n);
  if (same === undefined) {
    const owned = n.spec.taints.filter((t) => t.effect === "NoSchedule" && NO_SCHEDULE_KEYS.includes(t.key));
    const wanted = wantedNoSchedule(n);
    same = owned.length === wanted.length && wanted.every((k) => owned.some((t) => t.key === k));
    settledNodes.set(n, same);
  }
  return same;
}

/**
 * doNoScheduleTaintingPass (node_lifecycle_controller.go), run from the node update queue, so on
 * every node change: a node whose Ready condition is False gets node.kubernetes.io/not-ready:NoSchedule,
 * one whose Ready is Unknown node.kubernetes.io/unreachable:NoSchedule, and a cordoned one
 * (spec.unschedulable) node.kubernetes.io/unschedulable:NoSchedule; each goes when its cause does.
 */
export function taintNoSchedule(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  let s = s0;
  for (const n of objects<Node>(s0, "nodes", "Node")) {
    if (hasWantedNoSchedule(n) || s.busy[`node:${n.metadata.name}`]) continue;
    const owned = n.spec.taints.filter((t) => t.effect === "NoSchedule" && NO_SCHEDULE_KEYS.includes(t.key));
    const wanted = wantedNoSchedule(n);
    const kept = n.spec.taints.filter(
      (t) => !(t.effect === "NoSchedule" && NO_SCHEDULE_KEYS.includes(t.key) && !wanted.includes(t.key)),
    );
    const added = wanted
      .filter((k) => !owned.some((t) => t.key === k))
      .map((key): Taint => ({ key, effect: "NoSchedule", timeAdded: ctx.now }));
    const cordonChanged = n.spec.unschedulable !== owned.some((t) => t.key === UNSCHEDULABLE_TAINT);
    const what = cordonChanged
      ? n.spec.unschedulable
        ? "cordon-taint"
        : "uncordon-untaint"
      : added.length > 0
        ? "taint"
        : "untaint";
    s = setTaints(s, cfg, n, [...kept, ...added], what, ctx);
  }
  return s;
}

export function onNodeLifecycleResult(
  s: KcmState,
  cfg: KcmConfig,
  r: HttpResponse<NodeLifecycleRequest>,
  ctx: Ctx,
): KcmState {
  const req = r.tag;
  const { what, name } = req;
  const busy = copyRecord(s.busy);
  delete busy[what === "pod-not-ready" ? `pod:${name}` : `node:${name}`];
  const next = { ...s, busy };
  if (r.status !== 200) return next;
  traceNodeLifecycleWrite(cfg, req, r.body, next, ctx);
  // The node write freed the node for the next NoSchedule pass; if the informer already shows the
  // result, run it now (else the node's watch event will).
  const written = r.body as Node;
  const cached = next.informers.nodes?.objects[name] as Node | undefined;
  const caughtUp = what !== "pod-not-ready" && cached?.metadata.resourceVersion === written.metadata.resourceVersion;
  return caughtUp ? taintNoSchedule(next, cfg, ctx) : next;
}

function traceNodeLifecycleWrite(
  cfg: KcmConfig,
  req: NodeLifecycleRequest,
  body: unknown,
  s: KcmState,
  ctx: Ctx,
): void {
  const { what, name } = req;
  const grace = secs(cfg.nodeMonitorGraceMs);
  if (req.what === "unknown") {
    ctx.trace(
      "node.ready-changed",
      `node-lifecycle-controller: it has seen no Lease renewal or status update from ${name} for ` +
        `${secs(req.silentMs)} (grace period ${grace}), so it sets Ready=Unknown ("Kubelet stopped posting node ` +
        `status").`,
      { node: name, status: "Unknown" },
    );
  } else if (req.what === "pod-not-ready") {
    const node = s.informers.nodes?.objects[req.node] as Node | undefined;
    const why = node !== undefined && nodeReady(node) === "False" ? "reports NotReady" : "is unreachable";
    ctx.trace(
      "pod.not-ready",
      `node-lifecycle-controller marked ${name} NotReady because its node ` +
        `${req.node} ${why}; endpoints stop routing traffic to it.`,
      { pod: name, node: req.node },
    );
  } else if (what === "cordon-taint" || what === "uncordon-untaint") {
    const node = body as Node;
    const taints = node.spec.taints.map((t) => `${t.key}:${t.effect}`);
    ctx.trace(
      what === "cordon-taint" ? "node.tainted" : "node.untainted",
      what === "cordon-taint"
        ? `node-lifecycle-controller tainted ${name} with ${UNSCHEDULABLE_TAINT}:NoSchedule ` +
            "because spec.unschedulable is true (cordoned)."
        : `node-lifecycle-controller removed ${UNSCHEDULABLE_TAINT}:NoSchedule ` +
            `from ${name}: spec.unschedulable is false again (uncordoned).`,
      { node: name, taints, cordoned: what === "cordon-taint" },
    );
  } else if (what === "taint" || what === "untaint") {
    const node = body as Node;
    const taints = node.spec.taints.filter((t) => CONDITION_TAINTS.includes(t.key)).map((t) => `${t.key}:${t.effect}`);
    const why = nodeReady(node) === "False" ? "its kubelet reports Ready=False" : "it is unreachable";
    const effect = taints.some((t) => t.endsWith(":NoExecute"))
      ? "no new pods go there, and pods that do not tolerate NoExecute are evicted"
      : "no new pods go there";
    ctx.trace(
      what === "taint" ? "node.tainted" : "node.untainted",
      what === "taint"
        ? `node-lifecycle-controller tainted ${name} with ${taints.join(" and ")} because ${why}: ${effect}.`
        : taints.length === 0
          ? `node-lifecycle-controller removed the not-ready and unreachable taints from ${name}.`
          : `node-lifecycle-controller removed a taint from ${name}; it keeps ${taints.join(" and ")}.`,
      { node: name, taints },
    );
  }
}

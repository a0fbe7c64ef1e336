// The scheduling loop of the in-sim kube-scheduler: pods without a node enter the framework's
// queue (activeQ, backoffQ 1 s doubling to 10 s, the unschedulable pool); each pop runs one
// scheduling cycle (scheduleOne with the default profile, ties broken by the world's PRNG) against
// a snapshot of the informers plus the pods it has assumed, and binds through POST pods/binding.
import type { Ctx } from "../../core/component";
import { withEntry, without } from "../../core/records";
import { apiCall, statusPatchCall } from "../../apiserver/http";
import { httpSendInPlace } from "../../client/http-client";
import type { InformerChange } from "../../client/informer";
import { condition, isTerminating, setCondition } from "../../objects/helpers";
import type { Node, Pod } from "../../objects/core";
import type { KubeObject } from "../../objects/kube-object";
import {
  assumePod,
  buildSnapshot,
  defaultSchedulerConfig,
  newPodInfo,
  scheduleOne,
  type PodInfo,
  type ScheduleResult,
  type Snapshot,
} from "../../scheduler-framework";
import {
  addPod,
  flushUnschedulableLeftover,
  nextWakeupMs,
  onClusterEvent,
  popPod,
  removePod,
  requeueFailed,
  type SchedulingQueue,
} from "../../scheduler-framework/queue";
import { toWorkloads } from "./to-framework";
import type { BindRequest, SchedulerConfig, SchedulerState, SchedulerTag } from "./types";

const PROFILE = defaultSchedulerConfig().profiles[0]!;
/** One drain never runs more cycles than this; hitting it is a bug, not a long queue. */
const CYCLES_MAX = 10_000;

function keyOf(p: Pod): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}

function objectsOf(s: SchedulerState, name: string): KubeObject[] {
  return Object.values(s.informers[name]?.objects ?? {});
}

function isPending(p: Pod): boolean {
  return p.spec.nodeName === null && !isTerminating(p) && p.spec.schedulerName === "default-scheduler";
}

function hasKey(list: readonly { key: string }[], key: string): boolean {
  for (const p of list) if (p.key === key) return true;
  return false;
}

function isQueued(q: SchedulingQueue, key: string): boolean {
  return hasKey(q.activeQ, key) || hasKey(q.backoffQ, key) || hasKey(q.unschedulable, key);
}

/** Feeds informer changes to the queue (add, remove, cluster events that may make pods fit). Updates `s` in place. */
export function onSchedulerChanges(s: SchedulerState, changes: readonly InformerChange[], now: number): void {
  let moved = false;
  for (const c of changes) {
    if (c.object.kind === "Node") {
      moved = true;
      continue;
    }
    if (c.object.kind !== "Pod") continue;
    const pod = c.object;
    const key = keyOf(pod);
    if (c.type !== "DELETED" && isPending(pod)) {
      if (!isQueued(s.queue, key) && s.assumed[key] === undefined) s.queue = addPod(s.queue, { key, priority: 0 }, now);
      continue;
    }
    // Bound, terminating or gone: no longer ours to schedule. A deletion or a new binding may free
    // or change room elsewhere (AssignedPodAdd / AssignedPodDelete events).
    if (isQueued(s.queue, key)) s.queue = removePod(s.queue, key);
    if (s.assumed[key] !== undefined && (c.type === "DELETED" || pod.spec.nodeName !== null))
      s.assumed = without(s.assumed, key);
    if (c.type === "DELETED" || c.type === "ADDED") moved = true;
  }
  if (moved) s.queue = onClusterEvent(s.queue, now);
}

/**
 * The scheduler cache's snapshot from stored objects: nodes, the pods bound (or assumed bound) to
 * them, and the workloads default spreading selects by. Pure.
 */
export function snapshotFromObjects(
  nodes: readonly Node[],
  pods: readonly Pod[],
  assumed: Readonly<Record<string, string>>,
  workloads: readonly KubeObject[],
): Snapshot {
  const infos: PodInfo[] = [];
  for (const p of pods) {
    const nodeName = p.spec.nodeName ?? assumed[keyOf(p)] ?? null;
    if (nodeName !== null) infos.push(podInfoOf(p, nodeName));
  }
  return buildSnapshot(nodes, infos, toWorkloads(workloads)).snapshot;
}

// PodInfos memoized on the stored pods, which are immutable (a change is a new object): the
// snapshot of every cycle re-reads mostly the same pods. PodInfo precomputes parsed quantities and
// affinity terms, so this saves most of a snapshot's cost. Not world state.
const podInfos = new WeakMap<Pod, { nodeName: string | null; info: PodInfo }>();

function podInfoOf(p: Pod, nodeName: string | null): PodInfo {
  const hit = podInfos.get(p);
  if (hit !== undefined && hit.nodeName === nodeName) return hit.info;
  const info = newPodInfo(nodeName === p.spec.nodeName ? p : { ...p, spec: { ...p.spec, nodeName } });
  podInfos.set(p, { nodeName, info });
  return info;
}

function snapshotOf(s: SchedulerState): Snapshot {
  const workloads = [...objectsOf(s, "services"), ...objectsOf(s, "replicasets"), ...objectsOf(s, "statefulsets")];
  return snapshotFromObjects(objectsOf(s, "nodes") as Node[], objectsOf(s, "pods") as Pod[], s.assumed, workloads);
}

/** Every feasible node's total, as "node-2=187", best first: the figures behind a placement. */
function scoreList(r: ScheduleResult): string[] {
  return r.nodes
    .filter((n) => n.feasible && n.total !== null)
    .sort((a, b) => (b.total ?? 0) - (a.total ?? 0) || (a.name < b.name ? -1 : 1))
    .map((n) => `${n.name}=${n.total}`);
}

/** One scheduling cycle for `pod`. Pure apart from drawing the tie-break from `ctx.rng`. */
export function scheduleCycle(pod: Pod, snapshot: Snapshot, nextStart: number, ctx: Pick<Ctx, "rng">): ScheduleResult {
  return scheduleOne(PROFILE, podInfoOf(pod, null), snapshot, {
    pickIndex: (n) => (n === 1 ? 0 : ctx.rng.int(n)),
    nextStartNodeIndex: nextStart,
    detail: true,
  });
}

function unschedulable(s: SchedulerState, cfg: SchedulerConfig, pod: Pod, r: ScheduleResult, ctx: Ctx): void {
  const key = keyOf(pod);
  const message = r.message ?? "0/0 nodes are available.";
  if (s.reported[key] !== message) {
    ctx.trace("pod.unschedulable", `kube-scheduler cannot place ${pod.metadata.name}: ${message}`, {
      pod: pod.metadata.name,
      reason: message,
    });
    const cond = condition(pod.status.conditions, "PodScheduled");
    if (cfg.recordUnschedulable === true && !(cond?.status === "False" && cond.reason === "Unschedulable")) {
      const conditions = setCondition(pod.status.conditions, "PodScheduled", "False", "Unschedulable", ctx.now);
      const call = statusPatchCall("pods", pod, { conditions });
      httpSendInPlace<SchedulerTag>(s.http, cfg.api, call, { op: "unschedulable-condition", key }, null, ctx);
    }
  }
  s.reported = withEntry(s.reported, key, message);
}

/**
 * Pops and schedules every pod whose turn has come, then arms the wake-up for the next backoff. Updates `s` in place.
 */
export function drain(s: SchedulerState, cfg: SchedulerConfig, ctx: Ctx): void {
  s.queue = flushUnschedulableLeftover(s.queue, ctx.now);
  let snapshot: Snapshot | null = null;
  const pods = s.informers.pods?.objects ?? {};
  for (let i = 0; ; i++) {
    if (i >= CYCLES_MAX) throw new Error("kube-scheduler: drain did not finish");
    const popped = popPod(s.queue, ctx.now);
    s.queue = popped.queue;
    if (popped.pod === null) break;
    const pod = pods[popped.pod.key] as Pod | undefined;
    if (pod === undefined || !isPending(pod) || s.assumed[popped.pod.key] !== undefined) continue;
    snapshot ??= snapshotOf(s);
    const r = scheduleCycle(pod, snapshot, s.nextStart, ctx);
    s.nextStart = r.nextStartNodeIndex;
    if (r.selectedNode === null) {
      unschedulable(s, cfg, pod, r, ctx);
      s.queue = requeueFailed(s.queue, popped.pod, ctx.now, true);
      continue;
    }
    const key = popped.pod.key;
    snapshot = assumePod(snapshot, podInfoOf(pod, null), r.selectedNode);
    const total = r.nodes.find((n) => n.name === r.selectedNode)?.total ?? null;
    const tag: BindRequest = {
      op: "bind",
      key,
      node: r.selectedNode,
      attempts: popped.pod.attempts,
      feasible: r.feasibleNodes,
      total,
      scores: scoreList(r),
      tied: r.tiedNodes.length,
      evaluated: r.evaluatedNodes,
    };
    const call = apiCall("create", "pods", {
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      subresource: "binding",
      body: { nodeName: r.selectedNode },
    });
    httpSendInPlace<SchedulerTag>(s.http, cfg.api, call, tag, null, ctx);
    s.assumed = withEntry(s.assumed, key, r.selectedNode);
  }
  armWake(s, ctx);
}

function armWake(s: SchedulerState, ctx: Ctx): void {
  const due = nextWakeupMs(s.queue);
  if (due === null || (s.wakeAt !== null && s.wakeAt > ctx.now && s.wakeAt <= due)) return;
  ctx.after(Math.max(0, due - ctx.now), { t: "wake" });
  s.wakeAt = due;
}

/**
 * The binding's answer: traced as pod.scheduled, or the pod goes back to the queue with back-off. Updates `s` in place.
 */
export function onBindResult(s: SchedulerState, status: number, d: BindRequest, ctx: Ctx): void {
  const name = d.key.split("/")[1] ?? "";
  s.assumed = without(s.assumed, d.key);
  if (status === 200 || status === 201) {
    const why =
      d.total === null
        ? `the only node of ${d.evaluated} that passed every filter`
        : `${d.feasible} of ${d.evaluated} nodes passed the filters; it scored highest ` +
          `(${d.scores.join(", ")})${d.tied > 1 ? `, tied with ${d.tied - 1} other(s) and picked at random` : ""}`;
    ctx.trace("pod.scheduled", `kube-scheduler bound ${name} to ${d.node} (POST pods/binding): ${why}.`, {
      pod: name,
      node: d.node,
      feasible: d.feasible,
      score: d.total,
      scores: d.scores,
    });
    s.reported = without(s.reported, d.key);
    return;
  }
  s.queue = requeueFailed(
    s.queue,
    { key: d.key, priority: 0, timestampMs: ctx.now, attempts: d.attempts, unschedulableSinceMs: null },
    ctx.now,
    false,
  );
  armWake(s, ctx);
}

// The Cluster Autoscaler (kubernetes/autoscaler cluster-autoscaler), one node group, as its main loop
// runs it every --scan-interval (10 s; core/static_autoscaler.go RunOnce):
// - Scale-up (core/scaleup/orchestrator): the pods the scheduler marked PodScheduled=False/
//   Unschedulable that would not fit on a registered or upcoming node (filter_out_schedulable) are
//   binpacked onto copies of the group's template node (estimator/binpacking_estimator.go); the
//   group's size is raised by that many nodes, capped at its max size (IncreaseSize on the cloud).
// - Scale-down (core/scaledown): a Ready node whose pods request less than
//   --scale-down-utilization-threshold (0.5) of its allocatable CPU and memory, and whose pods can
//   all move elsewhere (no safe-to-evict "false", every pod replicated, every PDB allowing the
//   disruption, room on the other nodes), is unneeded; once unneeded for --scale-down-unneeded-time
//   (10 min), and outside the cooldown after a scale-up (--scale-down-delay-after-add, 10 min), it
//   is tainted ToBeDeletedByClusterAutoscaler, drained through the Eviction API, and deleted from
//   the cloud (core/scaledown/actuation/actuator.go). One node at a time (--max-drain-parallelism 1).
// The Node object is deleted by the autoscaler here once the cloud has terminated the instance:
// upstream the cloud-controller-manager's node lifecycle controller does that, and this engine runs none.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope, Ms, ProcId } from "../../core/types";
import { apiCall } from "../../apiserver/http";
import {
  emptyHttpClient,
  httpClientCopy,
  httpOnMessageInPlace,
  httpOnTimerInPlace,
  httpSendInPlace,
  type HttpClient,
  type HttpClientConfig,
  type HttpClientTimer,
  type HttpResult,
} from "../../client/http-client";
import {
  informerOnResultInPlace,
  informerRunInPlace,
  newInformer,
  type Informer,
  type InformerTimer,
} from "../../client/informer";
import { nodeReady } from "../../objects/helpers";
import type { Node, Pod, PodDisruptionBudget } from "../../objects/types";
import {
  binpackingEstimate,
  fits,
  inCooldown,
  isUnschedulable,
  nodeUtilization,
  podRequests,
  podsByNode,
  podsOn,
  roomOf,
  simulateRemoval,
  take,
  TO_BE_DELETED,
  unneededLongEnough,
  type Capacity,
  type Room,
} from "./ca-math";
import type { CloudMsg } from "./protocol";

export type ClusterAutoscalerConfig = {
  api: HttpClientConfig;
  cloud: ProcId;
  group: { name: string; minSize: number; maxSize: number; instances: string[]; initial: number; template: Capacity };
  scanIntervalMs: Ms;
  utilizationThreshold: number;
  unneededMs: Ms;
  delayAfterAddMs: Ms;
  delayAfterDeleteMs: Ms;
};

type Deletion = {
  node: string;
  stage: "taint" | "drain" | "cloud" | "delete";
  evicting: readonly string[];
  utilization: number;
  since: Ms;
};

export type ClusterAutoscalerState = {
  http: HttpClient;
  informers: Readonly<Record<Inf, Informer>>;
  targetSize: number;
  lastScaleUp: Ms | null;
  lastDelete: Ms | null;
  /** Unneeded nodes and since when (unneeded/nodes.go). */
  unneeded: Readonly<Record<string, Ms>>;
  /** The last reason traced per node, so an unchanged verdict is not traced again. */
  verdicts: Readonly<Record<string, string>>;
  maxReported: string | null;
  deleting: Deletion | null;
};

type Inf = "pods" | "nodes" | "poddisruptionbudgets";
const INFORMERS: readonly Inf[] = ["nodes", "pods", "poddisruptionbudgets"];
type CaTimer = HttpClientTimer | InformerTimer | { lib?: undefined; t: "scan" };

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const list = <T>(inf: Informer): T[] => Object.values(inf.objects) as T[];

function boot(cfg: ClusterAutoscalerConfig, _p: unknown, ctx: Ctx): ClusterAutoscalerState {
  const informers = {
    pods: newInformer({ resource: "pods", namespace: null, fieldSelector: null, labelSelector: null }),
    nodes: newInformer({ resource: "nodes", namespace: null, fieldSelector: null, labelSelector: null }),
    poddisruptionbudgets: newInformer({
      resource: "poddisruptionbudgets",
      namespace: null,
      fieldSelector: null,
      labelSelector: null,
    }),
  };
  const http = emptyHttpClient();
  for (const name of INFORMERS) informerRunInPlace(informers[name], name, http, cfg.api, ctx);
  ctx.after(cfg.scanIntervalMs, { t: "scan" });
  return {
    http,
    informers,
    targetSize: cfg.group.initial,
    lastScaleUp: null,
    lastDelete: null,
    unneeded: {},
    verdicts: {},
    maxReported: null,
    deleting: null,
  };
}

/**
 * The state a handler call edits in place: the run's own (ctx.ownsState, core/draft.ts), else a copy
 * of the containers edited in place (its HTTP client and informers), so that the state passed in
 * stays untouched (the pure step()). Copying on every event made the autoscaler the slowest scenario.
 */
function own(s: ClusterAutoscalerState, ctx: Ctx): ClusterAutoscalerState {
  if (ctx.ownsState === true) return s;
  return {
    ...s,
    http: httpClientCopy(s.http),
    informers: {
      pods: { ...s.informers.pods },
      nodes: { ...s.informers.nodes },
      poddisruptionbudgets: { ...s.informers.poddisruptionbudgets },
    },
  };
}

function send(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  call: Parameters<typeof httpSendInPlace>[2],
  tag: string,
  ctx: Ctx,
): void {
  httpSendInPlace(s.http, cfg.api, call, tag, 10_000, ctx);
}

function groupNodes(s: ClusterAutoscalerState, cfg: ClusterAutoscalerConfig): Node[] {
  return list<Node>(s.informers.nodes)
    .filter((n) => cfg.group.instances.includes(n.metadata.name))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

const deletingTaint = (n: Node): boolean => n.spec.taints.some((t) => t.key === TO_BE_DELETED);
const schedulable = (n: Node): boolean =>
  nodeReady(n) === "True" &&
  !n.spec.unschedulable &&
  !n.spec.taints.some((t) => t.effect === "NoSchedule" || t.effect === "NoExecute");

/** One RunOnce. */
function scan(s: ClusterAutoscalerState, cfg: ClusterAutoscalerConfig, ctx: Ctx): ClusterAutoscalerState {
  if (INFORMERS.some((n) => !s.informers[n].synced)) return s;
  if (s.deleting !== null) return progressDeletion(s, cfg, ctx);
  const scaled = scaleUp(s, cfg, ctx);
  // A loop that scaled up does not also scale down (RunOnce returns after a successful scale-up).
  return scaled !== null ? scaled : scaleDown(s, cfg, ctx);
}

function scaleUp(s: ClusterAutoscalerState, cfg: ClusterAutoscalerConfig, ctx: Ctx): ClusterAutoscalerState | null {
  const pods = list<Pod>(s.informers.pods);
  const pending = pods.filter(isUnschedulable).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  if (pending.length === 0) return null;
  const byNode = podsByNode(pods);
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

function verdict(s: ClusterAutoscalerState, node: string, key: string, emit: () => void): ClusterAutoscalerState {
  if (s.verdicts[node] === key) return s;
  emit();
  return { ...s, verdicts: { ...s.verdicts, [node]: key } };
}

function scaleDown(s0: ClusterAutoscalerState, cfg: ClusterAutoscalerConfig, ctx: Ctx): ClusterAutoscalerState {
  let s = s0;
  const pods = list<Pod>(s.informers.pods);
  const pdbs = list<PodDisruptionBudget>(s.informers.poddisruptionbudgets).sort((a, b) =>
    a.metadata.name < b.metadata.name ? -1 : 1,
  );
  const byNode = podsByNode(pods);
  const nodes = groupNodes(s, cfg).filter((n) => nodeReady(n) === "True" && !deletingTaint(n));
  let rooms: Room[] = nodes.filter(schedulable).map((n) => roomOf(n, podsOn(byNode, n.metadata.name)));
  let allowance: Record<string, number> = {};
  const unneeded: Record<string, Ms> = {};
  for (const n of nodes) {
    const name = n.metadata.name;
    const on = podsOn(byNode, name);
    const u = nodeUtilization(n.status.allocatable, on);
    // Written only when a node's verdict changes, which most scans do not.
    const figures = () => `requests cpu ${pct(u.cpu)}, memory ${pct(u.memory)} of allocatable`;
    if (u.utilization >= cfg.utilizationThreshold) {
      s = verdict(s, name, "NotUnderutilized", () => {
        if (s0.unneeded[name] !== undefined)
          ctx.trace(
            "ca.node-needed",
            `cluster-autoscaler: ${name} is needed again: ${figures()}, not below ${pct(cfg.utilizationThreshold)}.`,
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
          `cluster-autoscaler: ${name} is underutilized (${figures()}) but cannot be ` +
            `removed: pod ${sim.pod} ${blockText(sim.reason)} (${sim.reason}).`,
          { node: name, utilization: u.utilization, reason: sim.reason, pod: sim.pod },
        ),
      );
      continue;
    }
    unneeded[name] = s0.unneeded[name] ?? ctx.now;
    rooms = sim.rooms;
    allowance = sim.pdbs;
    const moves = sim.moves.map((m) => `${m.pod} → ${m.to}`).join(", ");
    s = verdict(s, name, "Unneeded", () =>
      ctx.trace(
        "ca.node-unneeded",
        `cluster-autoscaler: ${name} is unneeded: ${figures()}, below ${pct(cfg.utilizationThreshold)}, ` +
          `and ${on.length === 0 ? "it runs no pods" : `its pods can move (${moves})`}.`,
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
  send(s, cfg, apiCall("patch", "nodes", { name, body: { spec: { taints } } }), `ca:taint:${name}`, ctx);
  return {
    ...s,
    deleting: { node: name, stage: "taint", evicting: [], utilization: u.utilization, since },
    unneeded: Object.fromEntries(Object.entries(s.unneeded).filter(([k]) => k !== name)),
  };
}

/** Drained once no pod the node ran is left, terminating ones included: then the cloud deletes the instance. */
function progressDeletion(s: ClusterAutoscalerState, cfg: ClusterAutoscalerConfig, ctx: Ctx): ClusterAutoscalerState {
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
  const on = podsOn(podsByNode(list<Pod>(s.informers.pods)), d.node);
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
      `ca:evict:${p.metadata.name}`,
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
      `ca:untaint:${d.node}`,
      ctx,
    );
  return { ...s, deleting: null, lastDelete: ctx.now };
}

function onResponse(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  r: HttpResult & { kind: "response" },
  ctx: Ctx,
): ClusterAutoscalerState {
  const d = s.deleting;
  const ok = r.status >= 200 && r.status < 300;
  const [, what, name] = r.tag.split(":");
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

function onCloud(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  m: CloudMsg,
  ctx: Ctx,
): ClusterAutoscalerState {
  if (m.kind !== "done") return s;
  const d = s.deleting;
  if (d !== null && d.stage === "cloud" && m.instances.includes(d.node)) {
    send(s, cfg, apiCall("delete", "nodes", { name: d.node }), `ca:delete:${d.node}`, ctx);
    return { ...s, deleting: { ...d, stage: "delete" } };
  }
  return s;
}

function onResults(
  s0: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  results: readonly HttpResult[],
  ctx: Ctx,
): ClusterAutoscalerState {
  let s = s0;
  let podsChanged = false;
  for (const r of results) {
    if (r.tag.startsWith("inf:")) {
      const name = r.tag.split(":")[1] as Inf;
      const inf = s.informers[name];
      if (inf === undefined) continue;
      const changes = informerOnResultInPlace(inf, name, r, s.http, cfg.api, ctx);
      if (name === "pods" && changes.length > 0) podsChanged = true;
      continue;
    }
    if (r.kind === "response") s = onResponse(s, cfg, r, ctx);
  }
  return podsChanged ? progressDeletion(s, cfg, ctx) : s;
}

export const clusterAutoscaler = defineComponent<ClusterAutoscalerConfig, ClusterAutoscalerState, CaTimer>({
  kind: "cluster-autoscaler",
  boot,
  editsOwnedState: true,
  onMessage: (s0, env: Envelope, ctx, cfg) => {
    const s = own(s0, ctx);
    if (env.body.p === "cloud") return onCloud(s, cfg, env.body, ctx);
    return onResults(s, cfg, httpOnMessageInPlace(s.http, cfg.api, env, ctx), ctx);
  },
  onTimer: (s0, timer, ctx, cfg) => {
    const s = own(s0, ctx);
    if (timer.lib === "http") return onResults(s, cfg, httpOnTimerInPlace(s.http, timer, ctx), ctx);
    if (timer.lib === "informer") {
      informerRunInPlace(s.informers[timer.name as Inf], timer.name, s.http, cfg.api, ctx);
      return s;
    }
    ctx.after(cfg.scanIntervalMs, { t: "scan" });
    return scan(s, cfg, ctx);
  },
  onCrash: () => ({ persisted: undefined, peers: [] }),
});

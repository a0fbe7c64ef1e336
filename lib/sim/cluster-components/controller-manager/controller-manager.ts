// The kube-controller-manager component: leader election first; once leading, informers and the
// controllers; on losing the lease, exit (klog.Fatalf("leaderelection lost")) for the kubelet to restart.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope } from "../../core/types";
import { emptyHttpClient, type HttpResponse } from "../../client/http-client";
import { clusterWideSpec, type InformerChange, type InformerSpec } from "../../client/informer";
import { newElector } from "../../client/leader-election";
import { ownClients } from "../../client/own-clients";
import { leaderElectedClients } from "../leader-elected";
import type { Resource } from "../../objects/resources";
import { onCronJobResult, reconcileCronJobs } from "./cronjob";
import { onDisruptionResult, reconcileDisruption } from "./disruption";
import { reconcileJobs } from "./job";
import { onJobResult } from "./job-results";
import { monitorNodes, onNodeLifecycleResult, taintNoSchedule } from "./node-lifecycle";
import { evict, onEvictResult, scheduleEvictions } from "./taint-eviction";
import type { KcmRequest } from "./requests";
import { informerNames, type KcmConfig, type KcmState, type KcmTimer } from "./types";
import { deploymentsOfPods, onDeploymentResult, reconcileDeployments } from "./deployment";
import { onEndpointSliceResult, reconcileEndpointSlices } from "./endpointslice";
import { onReplicaSetResult, reconcileReplicaSets } from "./replicaset";
import { onStatefulSetResult, reconcileStatefulSets } from "./statefulset";
import { onGarbageResult, reconcileGarbage } from "./garbage-collector";
import { HPA_INFORMER, onHpaInformer, onHpaMetrics, onHpaScaleResult, onHpaTimer } from "./horizontal";

function specFor(name: Resource): InformerSpec {
  return {
    resource: name,
    namespace: name === "leases" ? "kube-node-lease" : null,
    fieldSelector: null,
    labelSelector: null,
  };
}

function boot(_cfg: KcmConfig, _p: unknown, ctx: Ctx): KcmState {
  const identity = `${ctx.host}_${ctx.nextId("id")}`;
  return {
    http: emptyHttpClient(),
    elector: newElector(identity, ctx),
    informers: {},
    expectations: {},
    busy: {},
    nodeHealth: {},
    zoneTaintedAt: {},
    disruptionMode: false,
    evictions: {},
    pendingWrites: {},
    slowStart: {},
    rolledOut: {},
    slices: {},
    progress: {},
    jobTracks: {},
    cronTracks: {},
  };
}

function synced(s: KcmState, cfg: KcmConfig): boolean {
  for (const n of informerNames(cfg)) if (s.informers[n]?.synced !== true) return false;
  return true;
}

type Controller =
  "deployment" | "replicaset" | "statefulset" | "endpointslice" | "eviction" | "disruption" | "job" | "cronjob" | "gc";
const ALL: readonly Controller[] = [
  "deployment",
  "replicaset",
  "statefulset",
  "endpointslice",
  "eviction",
  "disruption",
  "job",
  "cronjob",
  "gc",
];

/** Which controllers' informers watch a resource: only they are woken by its changes (event handlers). */
const WATCHERS: Record<string, readonly Controller[]> = {
  deployments: ["deployment", "disruption", "gc"],
  replicasets: ["deployment", "replicaset", "disruption", "gc"],
  pods: ALL,
  statefulsets: ["statefulset", "disruption"],
  poddisruptionbudgets: ["disruption"],
  persistentvolumeclaims: ["statefulset"],
  services: ["endpointslice"],
  endpointslices: ["endpointslice"],
  nodes: ["eviction"],
  leases: [],
  jobs: ["job", "cronjob"],
  cronjobs: ["cronjob"],
  webapps: ["gc"],
};

/**
 * Runs the given controllers once over the informers' contents (all of them on resync); the deployment controller
 * only for the Deployments in `deployments` when given.
 */
function reconcile(
  s0: KcmState,
  cfg: KcmConfig,
  ctx: Ctx,
  which: readonly Controller[] = ALL,
  deployments: ReadonlySet<string> | null = null,
): KcmState {
  if (which.length === 0 || !s0.elector.leader || !synced(s0, cfg)) return s0;
  let s = s0;
  if (which.includes("deployment")) s = reconcileDeployments(s, cfg, ctx, deployments);
  if (which.includes("replicaset")) s = reconcileReplicaSets(s, cfg, ctx);
  if (which.includes("statefulset")) s = reconcileStatefulSets(s, cfg, ctx);
  if (which.includes("endpointslice")) s = reconcileEndpointSlices(s, cfg, ctx);
  if (which.includes("disruption")) s = reconcileDisruption(s, cfg, ctx);
  if (cfg.batch && which.includes("job")) s = reconcileJobs(s, cfg, ctx);
  if (cfg.batch && which.includes("cronjob")) s = reconcileCronJobs(s, cfg, ctx);
  if (cfg.garbageCollector === true && which.includes("gc")) s = reconcileGarbage(s, cfg, ctx);
  return which.includes("eviction") ? scheduleEvictions(taintNoSchedule(s, cfg, ctx), ctx) : s;
}

/** The informers the controllers read, started once leading (HPAs only when the HPA controller runs). */
function informerSpecs(cfg: KcmConfig): InformerSpec[] {
  const specs = informerNames(cfg).map(specFor);
  return cfg.hpa === undefined ? specs : [...specs, clusterWideSpec(HPA_INFORMER)];
}

function onResponse(s: KcmState, cfg: KcmConfig, r: HttpResponse<KcmRequest>, ctx: Ctx): KcmState {
  const tag = r.tag;
  switch (tag.c) {
    case "nlc":
      return onNodeLifecycleResult(s, cfg, { ...r, tag }, ctx);
    case "evict":
      return onEvictResult(s, { ...r, tag }, ctx);
    case "pdb":
      return onDisruptionResult(s, { ...r, tag }, ctx);
    case "hpa":
      return onHpaScaleResult(s, r.status, tag, ctx);
    case "gc":
      // A refused garbage-collector write (409, 404) means the object changed: its informer event runs the next pass.
      return onGarbageResult(s, r.status, tag, ctx);
    default: {
      // A successful write shows up through the informers; a failed one is retried at once by its controller.
      const failed = r.status < 200 || r.status >= 300;
      // A create refused by admission (403) is not retried at once: the ReplicaSet is requeued rate-limited (rs-retry).
      return reconcile(
        onWorkloadResult(s, cfg, r.status, r.body, tag, ctx),
        cfg,
        ctx,
        failed && r.status !== 403 ? [WORKLOAD_CONTROLLER[tag.c]] : [],
      );
    }
  }
}

function onInformer(
  s: KcmState,
  cfg: KcmConfig,
  name: string,
  changes: readonly InformerChange[],
  justSynced: boolean,
  ctx: Ctx,
): KcmState {
  if (name === HPA_INFORMER) return changes.length > 0 && synced(s, cfg) ? onHpaInformer(s, cfg, ctx) : s;
  // Controllers start working as soon as the last informer has synced, then whenever something they
  // watch changes. Lease renewals concern only the node monitor, which runs on its own timer.
  if (justSynced) {
    const next = reconcile(s, cfg, ctx);
    return cfg.hpa !== undefined && synced(next, cfg) ? onHpaInformer(next, cfg, ctx) : next;
  }
  if (changes.length === 0) return s;
  // Pods stand in for their ReplicaSets' status: a pod's change wakes only the Deployment above it.
  const deployments = name === "pods" ? deploymentsOfPods(s, changes) : null;
  return reconcile(s, cfg, ctx, WATCHERS[name] ?? ALL, deployments);
}

type WorkloadRequest = Extract<KcmRequest, { c: "dep" | "sts" | "eps" | "job" | "cron" | "rs" }>;

/** The controller that retries a workload write that failed. */
const WORKLOAD_CONTROLLER: Record<WorkloadRequest["c"], Controller> = {
  dep: "deployment",
  sts: "statefulset",
  eps: "endpointslice",
  job: "job",
  cron: "cronjob",
  rs: "replicaset",
};

function onWorkloadResult(
  s: KcmState,
  cfg: KcmConfig,
  status: number,
  body: unknown,
  tag: WorkloadRequest,
  ctx: Ctx,
): KcmState {
  switch (tag.c) {
    case "dep":
      return onDeploymentResult(s, status, tag, body, ctx);
    case "sts":
      return onStatefulSetResult(s, status, tag, ctx);
    case "eps":
      return onEndpointSliceResult(s, status, tag, body, ctx);
    case "job":
      return onJobResult(s, status, tag, ctx);
    case "cron":
      return onCronJobResult(s, cfg, status, tag, ctx);
    case "rs":
      return onReplicaSetResult(s, cfg, status, tag, body, ctx);
  }
}

const CLIENTS = leaderElectedClients<KcmState, KcmConfig>({
  role: "controller manager",
  informerSpecs,
  // The node monitor runs on its own timer from the moment the controller manager leads.
  onLeading: (_s, cfg, ctx) => ctx.after(cfg.nodeMonitorPeriodMs, { t: "monitor" }),
  onInformer,
  onResponse,
});

function onMessage(s0: KcmState, env: Envelope, ctx: Ctx, cfg: KcmConfig): KcmState {
  const s = ownClients(s0, ctx);
  if (env.body.p === "metrics")
    return env.body.kind === "list-result" ? onHpaMetrics(s, cfg, env.body.id, env.body.items, ctx) : s;
  return CLIENTS.onMessage(s, cfg, env, ctx);
}

function onTimer(s0: KcmState, timer: KcmTimer, ctx: Ctx, cfg: KcmConfig): KcmState {
  const s = ownClients(s0, ctx);
  if (timer.lib !== undefined) return CLIENTS.onTimer(s, cfg, timer, ctx);
  if (timer.t === "evict") return s.elector.leader ? evict(s, cfg, timer.pod, timer.due, ctx) : s;
  if (timer.t === "progress") return reconcile(s, cfg, ctx, ["deployment"]);
  if (timer.t === "pdb-recheck") return reconcile({ ...s, pdbRecheckAt: undefined }, cfg, ctx, ["disruption"]);
  if (timer.t === "batch") return reconcile(s, cfg, ctx, ["job", "cronjob"]);
  if (timer.t === "rs-retry") return reconcile(s, cfg, ctx, ["replicaset"]);
  if (timer.t === "hpa") return onHpaTimer(s, cfg, timer.key, ctx);
  ctx.after(cfg.nodeMonitorPeriodMs, { t: "monitor" });
  // The node monitor changes node health and taints only: it re-checks evictions, not workloads.
  return s.elector.leader && synced(s, cfg) ? reconcile(monitorNodes(s, cfg, ctx), cfg, ctx, ["eviction"]) : s;
}

export const kubeControllerManager = defineComponent<KcmConfig, KcmState, KcmTimer>({
  kind: "kube-controller-manager",
  editsOwnedState: true,
  boot,
  onMessage,
  onTimer,
});

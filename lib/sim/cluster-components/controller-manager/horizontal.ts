// The horizontal-pod-autoscaler controller (pkg/controller/podautoscaler/horizontal.go): each HPA
// is reconciled when it is added and then every --horizontal-pod-autoscaler-sync-period (15 s).
// reconcileAutoscaler reads the target's scale (here the Deployment from the informer, where
// upstream GETs the scale subresource), keeps it within [minReplicas, maxReplicas], asks the
// replica calculator for a count from the pods' CPU (PodMetrics from metrics.k8s.io, pods from the
// informer), normalizes it with the behavior (stabilization window, rate policies) and writes the
// new replicas (upstream updates deployments/scale; here a PATCH of spec.replicas, the same field).
// The HPA's status (currentMetrics, conditions such as ScalingLimited) is not written back: each
// sync's hpa.sync trace event carries what upstream would put there.
import type { Ctx } from "../../core/component";
import { withEntry, without } from "../../core/records";
import type { Ms } from "../../core/types";
import { apiCall } from "../../apiserver/http";
import { condition, matchesLabels } from "../../objects/helpers";
import type { Deployment } from "../../objects/apps";
import type { HorizontalPodAutoscaler } from "../../objects/autoscaling";
import type { Pod } from "../../objects/core";
import type { PodMetric } from "../metrics-server/protocol";
import { limitRate, resourceReplicas, stabilize, type Calculation, type PodSample, type ScaleEvent } from "./hpa-math";
import { issue, objects } from "./kcm-api";
import type { KcmRequest } from "./requests";
import type { HpaConfig, HpaMemory, KcmConfig, KcmState } from "./types";

export const HPA_INFORMER = "horizontalpodautoscalers";

function keyOf(h: HorizontalPodAutoscaler): string {
  return `${h.metadata.namespace ?? "default"}/${h.metadata.name}`;
}

function hpas(s: KcmState): readonly HorizontalPodAutoscaler[] {
  return objects<HorizontalPodAutoscaler>(s, HPA_INFORMER, "HorizontalPodAutoscaler");
}

function requestMetrics(s: KcmState, cfg: HpaConfig, h: HorizontalPodAutoscaler, ctx: Ctx): KcmState {
  const id = ctx.nextId("metrics");
  ctx.send(cfg.metricsServer, { p: "metrics", kind: "list", id, namespace: h.metadata.namespace ?? "default" });
  const mem = s.hpa?.[keyOf(h)] ?? { recommendations: [], ups: [], downs: [], pending: null, pendingAt: 0 };
  return { ...s, hpa: withEntry(s.hpa ?? {}, keyOf(h), { ...mem, pending: id, pendingAt: ctx.now }) };
}

/** A new HPA is synced at once and then every sync period; a deleted one is forgotten. */
export function onHpaInformer(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  const hc = cfg.hpa;
  if (hc === undefined || !s0.elector.leader) return s0;
  let s = s0;
  const live = new Set(hpas(s).map(keyOf));
  for (const key of Object.keys(s.hpa ?? {})) if (!live.has(key)) s = { ...s, hpa: without(s.hpa ?? {}, key) };
  for (const h of hpas(s)) {
    if (s.hpa?.[keyOf(h)] !== undefined) continue;
    ctx.after(hc.syncPeriodMs, { t: "hpa", key: keyOf(h) });
    s = requestMetrics(s, hc, h, ctx);
  }
  return s;
}

export function onHpaTimer(s: KcmState, cfg: KcmConfig, key: string, ctx: Ctx): KcmState {
  const hc = cfg.hpa;
  const h = hpas(s).find((x) => keyOf(x) === key);
  if (hc === undefined || h === undefined || !s.elector.leader) return s;
  ctx.after(hc.syncPeriodMs, { t: "hpa", key });
  const mem = s.hpa?.[key];
  if (mem !== undefined && mem.pending !== null && ctx.now - mem.pendingAt < hc.syncPeriodMs) return s;
  return requestMetrics(s, hc, h, ctx);
}

function sampleOf(p: Pod, metric: PodMetric | undefined): PodSample {
  const ready = condition(p.status.conditions, "Ready");
  return {
    name: p.metadata.name,
    requestMilli: p.spec.containers.reduce((a, c) => a + c.requests.cpuMilli, 0),
    deleting: p.metadata.deletionTimestamp !== null,
    failed: p.status.phase === "Failed",
    pending: p.status.phase === "Pending",
    ready: ready === undefined ? null : ready.status === "True",
    readyAt: ready?.lastTransitionTime ?? null,
    // status.startTime is set when the kubelet first syncs the pod, moments after it is created and bound.
    startTime: p.metadata.creationTimestamp,
    metric:
      metric === undefined
        ? null
        : { cpuMilli: metric.cpuMilli, timestamp: metric.timestamp, windowMs: metric.windowMs },
  };
}

/** PodMetrics for an HPA arrived: run reconcileAutoscaler for it. */
export function onHpaMetrics(s: KcmState, cfg: KcmConfig, id: string, items: readonly PodMetric[], ctx: Ctx): KcmState {
  const key = Object.keys(s.hpa ?? {}).find((k) => s.hpa?.[k]?.pending === id);
  const h = hpas(s).find((x) => keyOf(x) === key);
  if (key === undefined || h === undefined || cfg.hpa === undefined) return s;
  const mem = { ...s.hpa![key]!, pending: null };
  const next = { ...s, hpa: withEntry(s.hpa!, key, mem) };
  const d = objects<Deployment>(next, "deployments", "Deployment").find(
    (x) => x.metadata.name === h.spec.scaleTargetRef.name && x.metadata.namespace === h.metadata.namespace,
  );
  if (d === undefined) return next;
  return reconcileAutoscaler(next, cfg, cfg.hpa, h, d, mem, items, ctx);
}

type Outcome = { desired: number; reason: string; calc: Calculation | null; stabilized: number | null; limit: string };

function decide(
  h: HorizontalPodAutoscaler,
  hc: HpaConfig,
  d: Deployment,
  mem: HpaMemory,
  pods: readonly Pod[],
  items: readonly PodMetric[],
  now: Ms,
): { out: Outcome | null; mem: HpaMemory; calc: Calculation | null } {
  const current = d.spec.replicas;
  const { minReplicas: min, maxReplicas: max } = h.spec;
  if (current === 0 && min !== 0) return { out: null, mem, calc: null };
  if (current > max)
    return {
      out: {
        desired: max,
        reason: "Current number of replicas above Spec.MaxReplicas",
        calc: null,
        stabilized: null,
        limit: "",
      },
      mem,
      calc: null,
    };
  if (current < min)
    return {
      out: {
        desired: min,
        reason: "Current number of replicas below Spec.MinReplicas",
        calc: null,
        stabilized: null,
        limit: "",
      },
      mem,
      calc: null,
    };
  const byName = new Map(items.map((m) => [m.name, m]));
  const samples = pods.map((p) => sampleOf(p, byName.get(p.metadata.name)));
  const calc = resourceReplicas(current, h.spec.targetCPUUtilizationPercentage, samples, now, hc.tolerance);
  if (calc.path === "no-metrics") return { out: null, mem, calc };
  const b = h.spec.behavior;
  const upMs = (b.scaleUp.stabilizationWindowSeconds ?? 0) * 1000;
  const downMs =
    b.scaleDown.stabilizationWindowSeconds === null
      ? hc.downscaleStabilizationMs
      : b.scaleDown.stabilizationWindowSeconds * 1000;
  const st = stabilize(mem.recommendations, calc.replicas, current, upMs, downMs, now);
  const limited = limitRate(st.replicas, current, min, max, mem.ups, mem.downs, b, now);
  const reason =
    calc.replicas > current
      ? "cpu resource utilization (percentage of request) above target"
      : "All metrics below target";
  return {
    out: { desired: limited.replicas, reason, calc, stabilized: st.replicas, limit: limited.reason },
    mem: { ...mem, recommendations: st.history },
    calc,
  };
}

function describe(h: HorizontalPodAutoscaler, current: number, o: Outcome): string {
  const c = o.calc;
  const target = h.spec.targetCPUUtilizationPercentage;
  if (c === null)
    return (
      `HPA ${h.metadata.name}: ${current} replicas is outside ` +
      `[${h.spec.minReplicas}, ${h.spec.maxReplicas}], so it wants ${o.desired}.`
    );
  const g = c.groups;
  const others = [
    g.unready.length > 0 ? `${g.unready.length} not yet ready` : "",
    g.missing.length > 0 ? `${g.missing.length} without metrics` : "",
  ]
    .filter((x) => x !== "")
    .join(", ");
  const base =
    `HPA ${h.metadata.name}: ${g.ready.length} ready pod${g.ready.length === 1 ? "" : "s"} ` +
    `use${g.ready.length === 1 ? "s" : ""} ${c.usageMilli}m of ${c.requestMilli}m requested ` +
    `= ${c.utilization}% (target ${target}%)${others === "" ? "" : `; ${others}`}`;
  const rec =
    c.path === "tolerance"
      ? `within the 10% tolerance, so it keeps ${current}`
      : c.path === "ceil"
        ? `ceil(${g.ready.length} × ${c.utilization}/${target}) = ${c.replicas}`
        : c.path === "rebalanced"
          ? `counting ${c.utilization > target ? "those at 0%" : "pods without metrics at 100%"} ` +
            `of their request: ${c.replicas}`
          : `counting those pods would reverse the direction or land within tolerance, so it keeps ${current}`;
  const stab =
    o.stabilized !== null && o.stabilized !== c.replicas
      ? `; the ${o.stabilized > c.replicas ? "scale-down stabilization window" : "scale-up window"} ` +
        `holds it at ${o.stabilized}`
      : "";
  const lim = o.limit !== "DesiredWithinRange" && o.limit !== "" ? `; ${o.limit} caps it at ${o.desired}` : "";
  return `${base}: ${rec}${stab}${lim}.`;
}

function reconcileAutoscaler(
  s: KcmState,
  cfg: KcmConfig,
  hc: HpaConfig,
  h: HorizontalPodAutoscaler,
  d: Deployment,
  mem0: HpaMemory,
  items: readonly PodMetric[],
  ctx: Ctx,
): KcmState {
  const key = keyOf(h);
  const pods = objects<Pod>(s, "pods", "Pod").filter(
    (p) => p.metadata.namespace === d.metadata.namespace && matchesLabels(p.metadata.labels, d.spec.selector),
  );
  const current = d.spec.replicas;
  const { out, mem, calc } = decide(h, hc, d, mem0, pods, items, ctx.now);
  let next: KcmState = { ...s, hpa: withEntry(s.hpa!, key, mem) };
  if (out === null) {
    if (calc !== null)
      ctx.trace(
        "hpa.sync",
        `HPA ${h.metadata.name}: "did not receive metrics for targeted pods (pods ` +
          `might be unready)": ${calc.groups.missing.length} without metrics, ` +
          `${calc.groups.unready.length} not yet ready, so it changes nothing.`,
        {
          hpa: h.metadata.name,
          current,
          desired: current,
          ready: 0,
          unready: calc.groups.unready.length,
          missing: calc.groups.missing.length,
          path: "no-metrics",
        },
      );
    return next;
  }
  const g = calc?.groups;
  ctx.trace("hpa.sync", describe(h, current, out), {
    hpa: h.metadata.name,
    current,
    desired: out.desired,
    recommendation: calc?.replicas ?? out.desired,
    stabilized: out.stabilized ?? out.desired,
    limit: out.limit,
    utilization: calc?.utilization ?? 0,
    usageMilli: calc?.usageMilli ?? 0,
    requestMilli: calc?.requestMilli ?? 0,
    target: h.spec.targetCPUUtilizationPercentage,
    ready: g?.ready.length ?? 0,
    unready: g?.unready.length ?? 0,
    missing: g?.missing.length ?? 0,
    path: calc?.path ?? "bounds",
  });
  if (out.desired === current) return next;
  const call = apiCall("patch", "deployments", {
    namespace: d.metadata.namespace,
    name: d.metadata.name,
    body: { spec: { replicas: out.desired } },
  });
  next = issue(next, cfg, call, { c: "hpa", key, from: current, to: out.desired, reason: out.reason }, ctx);
  return next;
}

/** The scale write answered: record the scale event (storeScaleEvent) and trace SuccessfulRescale. */
export function onHpaScaleResult(s: KcmState, status: number, r: KcmRequest & { c: "hpa" }, ctx: Ctx): KcmState {
  const { key, from, to, reason } = r;
  const mem = s.hpa?.[key];
  if (mem === undefined || status < 200 || status >= 300) return s;
  const ev: ScaleEvent = { at: ctx.now, change: Math.abs(to - from) };
  // storeScaleEvent drops events older than the longest policy period of that direction.
  const h = hpas(s).find((x) => keyOf(x) === key);
  const rules = to > from ? h?.spec.behavior.scaleUp : h?.spec.behavior.scaleDown;
  const keepMs = Math.max(15, ...(rules?.policies ?? []).map((p) => p.periodSeconds)) * 1000;
  const fresh = (list: readonly ScaleEvent[]) => [...list.filter((e) => ctx.now - e.at <= keepMs), ev];
  const next = to > from ? { ...mem, ups: fresh(mem.ups) } : { ...mem, downs: fresh(mem.downs) };
  const name = key.split("/")[1] ?? key;
  ctx.trace(
    "hpa.rescaled",
    `horizontal-pod-autoscaler: SuccessfulRescale HPA ${name}: New size: ${to}; reason: ${reason} (was ${from}).`,
    { hpa: name, from, to, reason },
  );
  return { ...s, hpa: withEntry(s.hpa!, key, next) };
}

// metrics-server (kubernetes-sigs/metrics-server): every --metric-resolution (15 s) it scrapes each
// node's kubelet (GET /metrics/resource, cumulative CPU per container from the runtime) and keeps
// the last two samples per pod; a pod's CPU is the rate between them, over that window
// (pkg/storage/pod.go: Store, GetMetrics). A container that started 10 s to one resolution before
// the scrape gets its start time as the earlier sample (usage 0, freshContainerMinMetricsResolution);
// one that started less than 10 s before has no earlier sample, so no metric until the next
// scrape, and the HPA counts its pod as missing. The HPA controller reads PodMetrics through the metrics.k8s.io API;
// the kube-aggregator hop (kube-apiserver proxying the APIService to this pod) is not modelled: the
// list request comes straight here.
import { defineComponent, type Ctx } from "../../core/component";
import { emptyRecord, withEntry } from "../../core/records";
import type { Envelope, Ms, ProcId } from "../../core/types";
import type { PodCpuStats } from "../containerd-protocol";
import type { PodMetric } from "./protocol";

export type MetricsServerConfig = { kubelets: ProcId[]; resolutionMs: Ms };

type Sample = { usageMilliMs: number; timestamp: Ms };
/** `prev` is null until a second sample (or a usable start time) exists: the pod then has no metric. */
type PodPoints = { name: string; namespace: string; startedAt: Ms; prev: Sample | null; last: Sample };

/** freshContainerMinMetricsResolution: a start time closer than this to the sample gives too short a window. */
const FRESH_CONTAINER_MIN_MS = 10_000;

/** Per node, its pods' last two samples (a node's scrape replaces its pods: a pod that went is dropped). */
export type MetricsServerState = {
  nodes: Readonly<Record<string, Readonly<Record<string, PodPoints>>>>;
  round?: number;
};
type MetricsServerTimer = { t: "scrape" };

/**
 * Store: the new sample becomes `last`; `prev` is the container's start, the old `last`, or kept, as upstream decides.
 */
export function storePodSamples(
  prevPods: Readonly<Record<string, PodPoints>> | undefined,
  stats: readonly PodCpuStats[],
  resolutionMs: Ms,
): Record<string, PodPoints> {
  const out: Record<string, PodPoints> = emptyRecord();
  for (const st of stats) {
    const before = prevPods?.[st.uid];
    const last = { usageMilliMs: st.usageMilliMs, timestamp: st.timestamp };
    const age = st.timestamp - st.startedAt;
    let prev: Sample | null = null;
    if (age > 0 && age < resolutionMs && age >= FRESH_CONTAINER_MIN_MS)
      prev = { usageMilliMs: 0, timestamp: st.startedAt };
    else if (before !== undefined && st.startedAt < before.last.timestamp) {
      // Not restarted since the stored sample: it becomes the earlier one (or the earlier one is kept).
      if (st.timestamp > before.last.timestamp) prev = before.last;
      else if (before.prev !== null && before.prev.timestamp < st.timestamp) prev = before.prev;
    }
    out[st.uid] = { name: st.name, namespace: st.namespace, startedAt: st.startedAt, prev, last };
  }
  return out;
}

function rateOf(p: PodPoints): number | null {
  if (p.prev === null || p.last.timestamp <= p.prev.timestamp) return null;
  return Math.ceil((p.last.usageMilliMs - p.prev.usageMilliMs) / (p.last.timestamp - p.prev.timestamp));
}

/** The PodMetrics of a namespace, by pod name: CPU as the rate between the two samples, rounded up to a millicore. */
export function podMetrics(s: MetricsServerState, namespace: string): PodMetric[] {
  const out: PodMetric[] = [];
  for (const node of Object.keys(s.nodes).sort()) {
    for (const p of Object.values(s.nodes[node]!)) {
      const cpuMilli = rateOf(p);
      if (p.namespace !== namespace || cpuMilli === null || p.prev === null) continue;
      out.push({
        name: p.name,
        namespace,
        cpuMilli,
        timestamp: p.last.timestamp,
        windowMs: p.last.timestamp - p.prev.timestamp,
      });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function onMessage(s: MetricsServerState, env: Envelope, ctx: Ctx, cfg: MetricsServerConfig): MetricsServerState {
  const body = env.body;
  if (body.p !== "metrics") return s;
  if (body.kind === "list") {
    ctx.send(env.from, { p: "metrics", kind: "list-result", id: body.id, items: podMetrics(s, body.namespace) });
    return s;
  }
  if (body.kind !== "scrape-result") return s;
  const stored = storePodSamples(s.nodes[body.node], body.stats, cfg.resolutionMs);
  const pods = Object.values(stored);
  const usage = pods.map((p) => `${p.name} ${rateOf(p) === null ? "no metric yet (one sample)" : `${rateOf(p)}m`}`);
  if (body.stats.length > 0) {
    ctx.trace("metrics.scraped", `metrics-server scraped kubelet/${body.node}: ${usage.join(", ")}.`, {
      node: body.node,
      pods: pods.filter((p) => rateOf(p) !== null).map((p) => p.name),
      round: s.round ?? 0,
    });
  }
  return { ...s, nodes: withEntry(s.nodes, body.node, stored) };
}

export const metricsServer = defineComponent<MetricsServerConfig, MetricsServerState, MetricsServerTimer>({
  kind: "metrics-server",
  boot: (cfg, _p, ctx) => {
    ctx.after(cfg.resolutionMs, { t: "scrape" });
    return { nodes: {} };
  },
  onMessage: (s, env, ctx, cfg) => onMessage(s, env, ctx, cfg),
  onTimer: (s, _timer, ctx, cfg) => {
    ctx.after(cfg.resolutionMs, { t: "scrape" });
    for (const k of cfg.kubelets) ctx.send(k, { p: "metrics", kind: "scrape", id: ctx.nextId("scrape") });
    return { ...s, round: (s.round ?? 0) + 1 };
  },
});

// metrics-server (kubernetes-sigs/metrics-server): every --metric-resolution (15 s) it scrapes each
// node's kubelet (GET /metrics/resource, cumulative CPU per container from the runtime) and keeps
// the last two samples per pod; a pod's CPU is the rate between them, over that window
// (pkg/storage/pod.go). A pod seen for the first time gets its container start as the earlier
// sample (usage 0), so it has a metric after one scrape; before that it has none, and the HPA
// counts it as missing. The HPA controller reads PodMetrics through the metrics.k8s.io API; the
// kube-aggregator hop (kube-apiserver proxying the APIService to this pod) is not modelled: the
// list request comes straight here.
import { defineComponent, type Ctx } from "../../core/component";
import { emptyRecord, withEntry } from "../../core/records";
import type { Envelope, Ms, ProcId } from "../../core/types";
import type { PodCpuStats } from "../containerd-protocol";
import type { PodMetric } from "./protocol";

export type MetricsServerConfig = { kubelets: ProcId[]; resolutionMs: Ms };

type Sample = { usageMilliMs: number; timestamp: Ms };
type PodPoints = { name: string; namespace: string; startedAt: Ms; prev: Sample; last: Sample };

/** Per node, its pods' last two samples (a node's scrape replaces its pods: a pod that went is dropped). */
export type MetricsServerState = { nodes: Readonly<Record<string, Readonly<Record<string, PodPoints>>>>; round?: number };
export type MetricsServerTimer = { t: "scrape" };

function store(prevPods: Readonly<Record<string, PodPoints>> | undefined, stats: readonly PodCpuStats[]): Record<string, PodPoints> {
  const out: Record<string, PodPoints> = emptyRecord();
  for (const st of stats) {
    const before = prevPods?.[st.uid];
    const last = { usageMilliMs: st.usageMilliMs, timestamp: st.timestamp };
    if (before !== undefined && before.startedAt === st.startedAt) out[st.uid] = { ...before, prev: before.last, last };
    else if (st.startedAt < st.timestamp) out[st.uid] = { name: st.name, namespace: st.namespace, startedAt: st.startedAt, prev: { usageMilliMs: 0, timestamp: st.startedAt }, last };
  }
  return out;
}

/** The PodMetrics of a namespace, by pod name: CPU as the rate between the two samples, rounded up to a millicore. */
export function podMetrics(s: MetricsServerState, namespace: string): PodMetric[] {
  const out: PodMetric[] = [];
  for (const node of Object.keys(s.nodes).sort()) {
    for (const p of Object.values(s.nodes[node]!)) {
      const windowMs = p.last.timestamp - p.prev.timestamp;
      if (p.namespace !== namespace || windowMs <= 0) continue;
      out.push({ name: p.name, namespace, cpuMilli: Math.ceil((p.last.usageMilliMs - p.prev.usageMilliMs) / windowMs), timestamp: p.last.timestamp, windowMs });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function onMessage(s: MetricsServerState, env: Envelope, ctx: Ctx): MetricsServerState {
  const body = env.body;
  if (body.p !== "metrics") return s;
  if (body.kind === "list") {
    ctx.send(env.from, { p: "metrics", kind: "list-result", id: body.id, items: podMetrics(s, body.namespace) });
    return s;
  }
  if (body.kind !== "scrape-result") return s;
  const pods = store(s.nodes[body.node], body.stats);
  const usage = Object.values(pods).map((p) => `${p.name} ${Math.ceil((p.last.usageMilliMs - p.prev.usageMilliMs) / Math.max(1, p.last.timestamp - p.prev.timestamp))}m`);
  if (body.stats.length > 0) {
    ctx.trace("metrics.scraped", `metrics-server scraped kubelet/${body.node}: ${usage.length === 0 ? "no pod has two samples yet" : usage.join(", ")}.`, { node: body.node, pods: Object.values(pods).map((p) => p.name), round: s.round ?? 0 });
  }
  return { ...s, nodes: withEntry(s.nodes, body.node, pods) };
}

export const metricsServer = defineComponent<MetricsServerConfig, MetricsServerState, MetricsServerTimer>({
  kind: "metrics-server",
  boot: (cfg, _p, ctx) => {
    ctx.after(cfg.resolutionMs, { t: "scrape" });
    return { nodes: {} };
  },
  onMessage: (s, env, ctx) => onMessage(s, env, ctx),
  onTimer: (s, _timer, ctx, cfg) => {
    ctx.after(cfg.resolutionMs, { t: "scrape" });
    for (const k of cfg.kubelets) ctx.send(k, { p: "metrics", kind: "scrape", id: ctx.nextId("scrape") });
    return { ...s, round: (s.round ?? 0) + 1 };
  },
  onCrash: () => ({ persisted: undefined, peers: [] }),
});

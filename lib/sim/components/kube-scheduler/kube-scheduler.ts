// kube-scheduler: leader election, informers on pods and nodes, a FIFO of unscheduled pods with
// back-off (1 s doubling to 10 s), node choice through pickNode, and binding through the
// pods/binding subresource. Like the controller manager it exits when it loses its Lease.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope, Ms } from "../../core/types";
import { apiCall } from "../../apiserver/http";
import { emptyHttpClient, httpOnMessage, httpOnTimer, httpSend, type HttpClient, type HttpClientConfig, type HttpClientTimer, type HttpResult } from "../../client/http-client";
import { informerOnResult, informerRun, newInformer, type Informer, type InformerTimer } from "../../client/informer";
import { electorOnResult, electorOnTimer, newElector, type Elector, type ElectorConfig, type ElectorEvent, type ElectorTimer } from "../../client/leader-election";
import { isTerminating } from "../../objects/helpers";
import type { Node, Pod } from "../../objects/types";
import { announce } from "../leader-trace";
import { pickNode, unschedulableMessage } from "./pick-node";
import { copyRecord, withEntry } from "../../core/records";

export type SchedulerConfig = { api: HttpClientConfig; elector: ElectorConfig; backoffMs: Ms; backoffMaxMs: Ms };

export type SchedulerState = {
  http: HttpClient;
  elector: Elector;
  informers: Readonly<Record<string, Informer>>;
  /** Pods bound by us that the informer does not show as bound yet (the scheduler cache's assumed pods). */
  assumed: Readonly<Record<string, string>>;
  backoff: Readonly<Record<string, { until: Ms; ms: Ms; reported: boolean }>>;
};

export type SchedulerTimer = HttpClientTimer | InformerTimer | ElectorTimer | { lib?: undefined; t: "schedule" };

const NAMES = ["nodes", "pods"] as const;

function synced(s: SchedulerState): boolean {
  return NAMES.every((n) => s.informers[n]?.synced === true);
}

function podsOf(s: SchedulerState): Pod[] {
  return Object.values(s.informers.pods?.objects ?? {}).map((o) => {
    const pod = o as Pod;
    const node = s.assumed[`${pod.metadata.namespace}/${pod.metadata.name}`];
    return node !== undefined && pod.spec.nodeName === null ? { ...pod, spec: { ...pod.spec, nodeName: node } } : pod;
  });
}

/** One scheduling pass over the queue (pods without a node, oldest first). */
function schedule(s0: SchedulerState, cfg: SchedulerConfig, ctx: Ctx): SchedulerState {
  if (!s0.elector.leader || !synced(s0)) return s0;
  let s = s0;
  const nodes = Object.values(s.informers.nodes?.objects ?? {}) as Node[];
  const queue = podsOf(s)
    .filter((p) => p.spec.nodeName === null && !isTerminating(p) && p.spec.schedulerName === "default-scheduler")
    .sort((a, b) => a.metadata.creationTimestamp - b.metadata.creationTimestamp || (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const pod of queue) {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const b = s.backoff[key];
    if (b !== undefined && b.until > ctx.now) continue;
    const choice = pickNode(pod, nodes, podsOf(s), ctx.rng);
    if (choice.node === null) {
      const ms = b === undefined ? cfg.backoffMs : Math.min(b.ms * 2, cfg.backoffMaxMs);
      if (b === undefined || !b.reported) {
        ctx.trace("pod.unschedulable", `kube-scheduler cannot place ${pod.metadata.name}: ${unschedulableMessage(nodes.length, choice.reasons)}`, { pod: pod.metadata.name });
      }
      ctx.after(ms, { t: "schedule" });
      s = { ...s, backoff: withEntry(s.backoff, key, { until: ctx.now + ms, ms, reported: true }) };
      continue;
    }
    const call = apiCall("create", "pods", { namespace: pod.metadata.namespace, name: pod.metadata.name, subresource: "binding", body: { nodeName: choice.node } });
    s = { ...s, http: httpSend(s.http, cfg.api, call, `bind|${key}|${choice.node}`, null, ctx).hc, assumed: withEntry(s.assumed, key, choice.node) };
  }
  return s;
}

function onElector(s0: SchedulerState, cfg: SchedulerConfig, events: ElectorEvent[], ctx: Ctx): SchedulerState {
  let s = s0;
  for (const e of events) {
    announce(e, s.elector.identity, cfg.elector, "scheduler", ctx);
    if (e.kind === "lost") ctx.exit("leaderelection lost");
    if (e.kind !== "acquired") continue;
    let http = s.http;
    const informers: Record<string, Informer> = {};
    for (const n of NAMES) {
      const run = informerRun(newInformer({ resource: n, namespace: null, fieldSelector: null, labelSelector: null }), n, http, cfg.api, ctx);
      informers[n] = run.inf;
      http = run.hc;
    }
    s = { ...s, informers, http };
  }
  return s;
}

function onBindResult(s: SchedulerState, cfg: SchedulerConfig, r: HttpResult & { kind: "response" }, ctx: Ctx): SchedulerState {
  const [, key = "", node = ""] = r.tag.split("|");
  const assumed = copyRecord(s.assumed);
  delete assumed[key];
  if (r.status === 200 || r.status === 201) {
    ctx.trace("pod.scheduled", `kube-scheduler bound ${key.split("/")[1]} to ${node} (POST pods/binding).`, { pod: key.split("/")[1] ?? "", node });
    const backoff = copyRecord(s.backoff);
    delete backoff[key];
    return { ...s, assumed, backoff };
  }
  const prev = s.backoff[key];
  const ms = prev === undefined ? cfg.backoffMs : Math.min(prev.ms * 2, cfg.backoffMaxMs);
  ctx.after(ms, { t: "schedule" });
  return { ...s, assumed, backoff: withEntry(s.backoff, key, { until: ctx.now + ms, ms, reported: prev?.reported ?? false }) };
}

function onHttpResult(s: SchedulerState, cfg: SchedulerConfig, r: HttpResult, ctx: Ctx): SchedulerState {
  if (r.tag.startsWith("le:")) {
    const step = electorOnResult(s.elector, cfg.elector, s.http, cfg.api, r, ctx);
    return onElector({ ...s, elector: step.e, http: step.hc }, cfg, step.events, ctx);
  }
  if (r.tag.startsWith("inf:")) {
    const name = r.tag.split(":")[1] ?? "";
    const inf = s.informers[name];
    if (inf === undefined) return s;
    const step = informerOnResult(inf, name, r, s.http, cfg.api, ctx);
    const next = { ...s, informers: { ...s.informers, [name]: step.inf }, http: step.hc };
    return step.changes.length > 0 || (step.inf.synced && !inf.synced) ? schedule(next, cfg, ctx) : next;
  }
  return r.kind === "response" && r.tag.startsWith("bind|") ? onBindResult(s, cfg, r, ctx) : s;
}

export const kubeScheduler = defineComponent<SchedulerConfig, SchedulerState, SchedulerTimer>({
  kind: "kube-scheduler",
  boot: (_cfg, _p, ctx) => ({ http: emptyHttpClient(), elector: newElector(`${ctx.host}_${ctx.nextId("id")}`, ctx), informers: {}, assumed: {}, backoff: {} }),
  onMessage: (s0: SchedulerState, env: Envelope, ctx: Ctx, cfg: SchedulerConfig) => {
    const { hc, results } = httpOnMessage(s0.http, cfg.api, env, ctx);
    let s = { ...s0, http: hc };
    for (const r of results) s = onHttpResult(s, cfg, r, ctx);
    return s;
  },
  onTimer: (s, timer, ctx, cfg) => {
    switch (timer.lib) {
      case "http": {
        const { hc, results } = httpOnTimer(s.http, timer, ctx);
        let next = { ...s, http: hc };
        for (const r of results) next = onHttpResult(next, cfg, r, ctx);
        return next;
      }
      case "informer": {
        const inf = s.informers[timer.name];
        if (inf === undefined) return s;
        const run = informerRun(inf, timer.name, s.http, cfg.api, ctx);
        return { ...s, informers: { ...s.informers, [timer.name]: run.inf }, http: run.hc };
      }
      case "le": {
        const step = electorOnTimer(s.elector, cfg.elector, s.http, cfg.api, timer, ctx);
        return onElector({ ...s, elector: step.e, http: step.hc }, cfg, step.events, ctx);
      }
      default:
        return schedule(s, cfg, ctx);
    }
  },
  onCrash: () => ({ persisted: undefined, peers: [] }),
});

// kube-scheduler: leader election, informers (nodes, pods, and the workloads default spreading
// looks at), the framework's scheduling queue and cycle (scheduling.ts), binding through the
// pods/binding subresource. Like the controller manager it exits when it loses its Lease.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope } from "../../core/types";
import { emptyHttpClient, httpOnMessage, httpOnTimer, type HttpResult } from "../../client/http-client";
import { informerOnResult, informerRun, newInformer, type Informer } from "../../client/informer";
import { electorOnResult, electorOnTimer, newElector, type ElectorEvent } from "../../client/leader-election";
import { newSchedulingQueue } from "../../scheduler/queue";
import { announce } from "../leader-trace";
import { drain, onBindResult, onSchedulerChanges } from "./scheduling";
import { SCHEDULER_INFORMERS, type SchedulerConfig, type SchedulerState, type SchedulerTimer } from "./types";

export type { SchedulerConfig, SchedulerState } from "./types";

function synced(s: SchedulerState): boolean {
  return SCHEDULER_INFORMERS.every((n) => s.informers[n]?.synced === true);
}

function onElector(s0: SchedulerState, cfg: SchedulerConfig, events: ElectorEvent[], ctx: Ctx): SchedulerState {
  let s = s0;
  for (const e of events) {
    announce(e, s.elector.identity, cfg.elector, "scheduler", ctx);
    if (e.kind === "lost") ctx.exit("leaderelection lost");
    if (e.kind !== "acquired") continue;
    let http = s.http;
    const informers: Record<string, Informer> = {};
    for (const n of SCHEDULER_INFORMERS) {
      const run = informerRun(newInformer({ resource: n, namespace: null, fieldSelector: null, labelSelector: null }), n, http, cfg.api, ctx);
      informers[n] = run.inf;
      http = run.hc;
    }
    s = { ...s, informers, http };
  }
  return s;
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
    const next = onSchedulerChanges({ ...s, informers: { ...s.informers, [name]: step.inf }, http: step.hc }, step.changes, ctx.now);
    const ready = synced(next) && s.elector.leader;
    return ready && (step.changes.length > 0 || (step.inf.synced && !inf.synced)) ? drain(next, cfg, ctx) : next;
  }
  if (r.kind === "response" && r.tag.startsWith("bind|")) return onBindResult(s, r, ctx);
  return s;
}

export const kubeScheduler = defineComponent<SchedulerConfig, SchedulerState, SchedulerTimer>({
  kind: "kube-scheduler",
  boot: (cfg, _p, ctx) => ({
    http: emptyHttpClient(),
    elector: newElector(`${ctx.host}_${ctx.nextId("id")}`, ctx),
    informers: {},
    queue: newSchedulingQueue(cfg.backoffMs / 1000, cfg.backoffMaxMs / 1000),
    assumed: {},
    reported: {},
    nextStart: 0,
    wakeAt: null,
  }),
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
        return synced(s) && s.elector.leader ? drain({ ...s, wakeAt: null }, cfg, ctx) : { ...s, wakeAt: null };
    }
  },
  onCrash: () => ({ persisted: undefined, peers: [] }),
});

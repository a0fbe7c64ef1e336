// Users of the sample application. Like kube-proxy, it learns endpoints (pods that are Ready) from a
// watch on the API and keeps its last view when the API is unreachable; every period it sends one
// request to each endpoint and traces how many answered. A pod keeps answering as long as its node
// and container run, whatever the control plane is doing.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import {
  emptyHttpClient,
  httpOnMessage,
  httpOnTimer,
  type HttpClient,
  type HttpClientConfig,
  type HttpClientTimer,
} from "../client/http-client";
import { informerOnResult, informerRun, newInformer, type Informer, type InformerTimer } from "../client/informer";
import { isTerminating, podReady } from "../objects/helpers";
import type { Pod } from "../objects/core";
import { emptyRecord, withEntry } from "../core/records";

export type WebClientConfig = { api: HttpClientConfig; app: string; periodMs: Ms; runtimes: Record<string, ProcId> };

type Target = { ip: string; pod: string; node: string; ok: boolean };
type WebClientState = { http: HttpClient; pods: Informer; round: Readonly<Record<string, Target>> };
type WebClientTimer =
  HttpClientTimer | InformerTimer | { lib?: undefined; t: "round" } | { lib?: undefined; t: "round-end" };

/** How long a round waits for answers before counting an endpoint as failed (a client timeout). */
const ROUND_TIMEOUT_MS = 2000;

/** The pods that serve traffic (Ready, not terminating, with an IP and a node), by name. */
export function readyEndpoints(pods: Informer): Pod[] {
  return (Object.values(pods.objects) as Pod[])
    .filter((p) => podReady(p) && !isTerminating(p) && p.status.podIP !== null && p.spec.nodeName !== null)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

function finishRound(s: WebClientState, cfg: WebClientConfig, ctx: Ctx): void {
  const targets = Object.values(s.round);
  if (targets.length === 0) return;
  const ok = targets.filter((t) => t.ok).length;
  const failed = targets.filter((t) => !t.ok);
  const detail = failed.length === 0 ? "" : `; no answer from ${failed.map((t) => `${t.pod} on ${t.node}`).join(", ")}`;
  ctx.trace("app.traffic", `Traffic to ${cfg.app}: ${ok} of ${targets.length} endpoints answered${detail}.`, {
    ok,
    failed: failed.length,
    endpoints: targets.length,
  });
}

function startRound(s: WebClientState, cfg: WebClientConfig, ctx: Ctx): WebClientState {
  ctx.after(cfg.periodMs, { t: "round" });
  ctx.after(ROUND_TIMEOUT_MS, { t: "round-end" });
  const round: Record<string, Target> = emptyRecord();
  for (const p of readyEndpoints(s.pods)) {
    const runtime = cfg.runtimes[p.spec.nodeName!];
    if (runtime === undefined) continue;
    const id = ctx.nextId("app");
    ctx.send(runtime, { p: "app", kind: "app-request", id, ip: p.status.podIP! });
    round[id] = { ip: p.status.podIP!, pod: p.metadata.name, node: p.spec.nodeName!, ok: false };
  }
  return { ...s, round };
}

export const webClient = defineComponent<WebClientConfig, WebClientState, WebClientTimer>({
  kind: "web-client",
  boot: (cfg, _p, ctx) => {
    const inf = newInformer({
      resource: "pods",
      namespace: "default",
      fieldSelector: null,
      labelSelector: { app: cfg.app },
    });
    const run = informerRun(inf, "pods", emptyHttpClient(), cfg.api, ctx);
    ctx.after(cfg.periodMs, { t: "round" });
    return { http: run.hc, pods: run.inf, round: {} };
  },
  onMessage: (s: WebClientState, env: Envelope, ctx: Ctx, cfg: WebClientConfig) => {
    const body = env.body;
    if (body.p === "app" && body.kind === "app-response") {
      const t = s.round[body.id];
      return t === undefined || body.status !== 200
        ? s
        : { ...s, round: withEntry(s.round, body.id, { ...t, ok: true }) };
    }
    const { hc, results } = httpOnMessage(s.http, cfg.api, env, ctx);
    let next = { ...s, http: hc };
    for (const r of results) {
      const step = informerOnResult(next.pods, "pods", r, next.http, cfg.api, ctx);
      next = { ...next, pods: step.inf, http: step.hc };
    }
    return next;
  },
  onTimer: (s, timer, ctx, cfg) => {
    if (timer.lib === "http") {
      const { hc, results } = httpOnTimer(s.http, timer, ctx);
      let next = { ...s, http: hc };
      for (const r of results) {
        const step = informerOnResult(next.pods, "pods", r, next.http, cfg.api, ctx);
        next = { ...next, pods: step.inf, http: step.hc };
      }
      return next;
    }
    if (timer.lib === "informer") {
      const run = informerRun(s.pods, "pods", s.http, cfg.api, ctx);
      return { ...s, pods: run.inf, http: run.hc };
    }
    if (timer.t === "round-end") {
      finishRound(s, cfg, ctx);
      return { ...s, round: {} };
    }
    return startRound(s, cfg, ctx);
  },
  onCrash: () => ({ persisted: undefined, peers: [] }),
});

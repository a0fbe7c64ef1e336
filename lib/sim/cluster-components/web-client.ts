// Users of the sample application. Like kube-proxy, it learns endpoints (pods that are Ready) from a
// watch on the API and keeps its last view when the API is unreachable; every period it sends one
// request to each endpoint and traces how many answered. A pod keeps answering as long as its node
// and container run, whatever the control plane is doing.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import type { HttpClientConfig } from "../client/http-client";
import type { InformerSpec } from "../client/informer";
import { objectsOf, newWatches, watchOnMessage, watchOnTimer, type Watched, type WatchTimer } from "../client/watch";
import { isTerminating, podReady } from "../objects/helpers";
import type { Pod } from "../objects/core";
import { emptyRecord, withEntry } from "../core/records";

export type WebClientConfig = { api: HttpClientConfig; app: string; periodMs: Ms; runtimes: Record<string, ProcId> };

type Target = { ip: string; pod: string; node: string; ok: boolean };
type WebClientState = { watch: Watched; round: Readonly<Record<string, Target>> };
type WebClientTimer = WatchTimer | { lib?: undefined; t: "round" } | { lib?: undefined; t: "round-end" };

/** How long a round waits for answers before counting an endpoint as failed (a client timeout). */
const ROUND_TIMEOUT_MS = 2000;

/** The informer on the app's pods (label app=<app> in the default namespace), as its users watch them. */
export function appPodsSpec(app: string): InformerSpec {
  return { resource: "pods", namespace: "default", fieldSelector: null, labelSelector: { app } };
}

/** The pods that serve traffic (Ready, not terminating, with an IP and a node), by name. */
export function readyEndpoints(w: Watched): Pod[] {
  return objectsOf<Pod>(w, "pods")
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
  for (const p of readyEndpoints(s.watch)) {
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
    const watch = newWatches([appPodsSpec(cfg.app)], cfg.api, ctx);
    ctx.after(cfg.periodMs, { t: "round" });
    return { watch, round: {} };
  },
  onMessage: (s: WebClientState, env: Envelope, ctx: Ctx, cfg: WebClientConfig) => {
    const body = env.body;
    if (body.p === "app" && body.kind === "app-response") {
      const t = s.round[body.id];
      return t === undefined || body.status !== 200
        ? s
        : { ...s, round: withEntry(s.round, body.id, { ...t, ok: true }) };
    }
    return { ...s, watch: watchOnMessage(s.watch, env, cfg.api, ctx).w };
  },
  onTimer: (s, timer, ctx, cfg) => {
    if (timer.lib !== undefined) return { ...s, watch: watchOnTimer(s.watch, timer, cfg.api, ctx).w };
    if (timer.t === "round-end") {
      finishRound(s, cfg, ctx);
      return { ...s, round: {} };
    }
    return startRound(s, cfg, ctx);
  },
});

// The kubelet component: boots static pods, registers the node, heartbeats, and syncs pods.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope } from "../../core/types";
import { emptyHttpClient, httpOnMessage, httpOnTimer, type HttpResult } from "../../client/http-client";
import { informerOnResult, informerRun, newInformer } from "../../client/informer";
import { onLeaseResult, onRegisterResult, onStatusResult, refreshImages, register, renewLease, syncStatus } from "./heartbeat";
import { onPodRequestResult, syncPods } from "./pods";
import { onProbeTimer, onRestartTimer, onRuntimeEvent } from "./lifecycle";
import { onProbeResult, onStaticExited, onStaticRestart, runProbe } from "./statics";
import type { KubeletConfig, KubeletState, KubeletTimer, StaticPod } from "./types";

function boot(cfg: KubeletConfig, _p: unknown, ctx: Ctx): KubeletState {
  const statics: Record<string, StaticPod> = {};
  for (const p of cfg.staticPods) {
    // On a fresh host boot the static pods are down: start them. After a kubelet-only restart they still run.
    if (!ctx.isLocalUp(p)) ctx.startLocal(p);
    statics[p] = { backoffMs: 0, lastRestart: ctx.now, pendingRestart: false };
  }
  const pods = newInformer({ resource: "pods", namespace: null, fieldSelector: { "spec.nodeName": cfg.node }, labelSelector: null });
  let s: KubeletState = {
    http: emptyHttpClient(),
    probeHttp: emptyHttpClient(),
    registered: false,
    registerRetryMs: 0,
    lease: null,
    leaseInflight: false,
    leaseRetryMs: 0,
    leaseFailingSince: null,
    leaseEverRenewed: false,
    lastStatusReport: ctx.now,
    pods,
    runtime: {},
    runtimeSynced: cfg.runtime === null,
    busy: {},
    ipCounter: 0,
    reported: {},
    readyReported: {},
    everReady: {},
    workers: {},
    statics,
    probe: { phase: "startup", failures: 0, inflight: null },
    images: [],
  };
  s = renewLease(register(s, cfg, ctx), cfg, ctx);
  ctx.after(cfg.timing.statusUpdateMs, { t: "status" });
  if (cfg.probeTarget !== null) ctx.after(cfg.timing.probeInitialDelayMs, { t: "probe" });
  if (cfg.runtime !== null) {
    ctx.send(cfg.runtime, { p: "cri", kind: "cri-request", id: ctx.nextId("cri"), op: "list" });
    refreshImages(cfg, ctx);
    const run = informerRun(s.pods, "pods", s.http, cfg.api, ctx);
    s = { ...s, pods: run.inf, http: run.hc };
  }
  return s;
}

function onHttpResult(s: KubeletState, cfg: KubeletConfig, r: HttpResult, ctx: Ctx): KubeletState {
  if (r.tag.startsWith("inf:pods:")) {
    const step = informerOnResult(s.pods, "pods", r, s.http, cfg.api, ctx);
    const next = { ...s, pods: step.inf, http: step.hc };
    return step.changes.length > 0 || (step.inf.synced && !s.pods.synced) ? syncPods(next, cfg, ctx) : next;
  }
  if (r.kind !== "response") return s;
  if (r.tag === "register") return onRegisterResult(s, cfg, r, ctx);
  if (r.tag.startsWith("lease:")) return onLeaseResult(s, cfg, r, ctx);
  if (r.tag.startsWith("status:")) return onStatusResult(s, cfg, r, ctx);
  if (r.tag.startsWith("pod:")) return syncPods(onPodRequestResult(s, cfg, r, ctx), cfg, ctx);
  if (r.tag === "probe") return onProbeResult(s, cfg, r, ctx);
  return s;
}

function onMessage(s0: KubeletState, env: Envelope, ctx: Ctx, cfg: KubeletConfig): KubeletState {
  const body = env.body;
  if (body.p === "local") return onStaticExited(s0, cfg, body.proc, body.reason, ctx);
  if (body.p === "cri") {
    if (body.kind === "cri-event") return onRuntimeEvent(s0, cfg, body.pod, body.stage, ctx);
    if (body.kind === "cri-response") {
      const runtime: KubeletState["runtime"] = Object.fromEntries(body.pods.map((p) => [p.uid, p]));
      return syncPods({ ...s0, runtime, runtimeSynced: true }, cfg, ctx);
    }
    if (body.kind === "cri-images") return { ...s0, images: body.images };
    return s0;
  }
  let s = s0;
  // Both clients see every HTTP/transport message: each ignores requests it did not send (and then
  // returns itself, so the state is left as it is).
  const api = httpOnMessage(s.http, cfg.api, env, ctx);
  if (api.hc !== s.http) s = { ...s, http: api.hc };
  for (const r of api.results) s = onHttpResult(s, cfg, r, ctx);
  if (cfg.probeTarget !== null) {
    const probe = httpOnMessage(s.probeHttp, { server: cfg.probeTarget, credential: null }, env, ctx);
    if (probe.hc !== s.probeHttp) s = { ...s, probeHttp: probe.hc };
    for (const r of probe.results) if (r.kind === "response") s = onProbeResult(s, cfg, r, ctx);
  }
  return s;
}

function onTimer(s: KubeletState, timer: KubeletTimer, ctx: Ctx, cfg: KubeletConfig): KubeletState {
  if (timer.lib === "http") {
    // Most timeouts are of requests answered long ago: both clients return themselves, nothing changes.
    let next = s;
    const a = httpOnTimer(next.http, timer, ctx);
    if (a.hc !== next.http) next = { ...next, http: a.hc };
    for (const r of a.results) next = onHttpResult(next, cfg, r, ctx);
    const b = httpOnTimer(next.probeHttp, timer, ctx);
    if (b.hc !== next.probeHttp) next = { ...next, probeHttp: b.hc };
    for (const r of b.results) if (r.kind === "response") next = onProbeResult(next, cfg, r, ctx);
    return next;
  }
  if (timer.lib === "informer") {
    const run = informerRun(s.pods, "pods", s.http, cfg.api, ctx);
    return { ...s, pods: run.inf, http: run.hc };
  }
  switch (timer.t) {
    case "register":
      return register(s, cfg, ctx);
    case "lease":
      return renewLease(s, cfg, ctx);
    case "status":
      // The pod workers also resync on this period, retrying status reports that failed.
      ctx.after(cfg.timing.statusUpdateMs, { t: "status" });
      return syncPods(syncStatus(s, cfg, ctx), cfg, ctx);
    case "images":
      refreshImages(cfg, ctx);
      return s;
    case "probe":
      return runProbe(s, cfg, ctx);
    case "static-restart":
      return onStaticRestart(s, cfg, timer.proc, ctx);
    case "pod-probe":
      return onProbeTimer(s, cfg, timer, ctx);
    case "pod-restart":
      return onRestartTimer(s, cfg, timer.uid, timer.container, timer.gen, ctx);
  }
}

export const kubelet = defineComponent<KubeletConfig, KubeletState, KubeletTimer>({
  kind: "kubelet",
  boot,
  onMessage,
  onTimer,
  onCrash: () => ({ persisted: undefined, peers: [] }),
});

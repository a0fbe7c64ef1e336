// The kubelet component: boots static pods, registers the node, heartbeats, and syncs pods.
import { defineComponent, type Ctx } from "../../core/component";
import type { Command, Envelope } from "../../core/types";
import {
  emptyHttpClient,
  httpClientCopy,
  httpOnMessageInPlace,
  httpOnTimerInPlace,
  type HttpResponse,
  type HttpResult,
} from "../../client/http-client";
import { informerOnResultInPlace, informerRunInPlace, newInformer } from "../../client/informer";
import { isLibraryTag, type InformerTag } from "../../client/library-tag";
import {
  checkRuntime,
  drawReportDelayMs,
  nextStatusSyncMs,
  onLeaseResult,
  onRegisterResult,
  onStatusResult,
  refreshImages,
  register,
  renewLease,
  syncStatus,
} from "./heartbeat";
import { onPodRequestResult, syncPods } from "./pods";
import { onProbeTimer, onRestartTimer, onRuntimeEvent } from "./lifecycle";
import { onManifestChanged, onProbeResult, onStaticExited, onStaticRestart, runProbe } from "./statics";
import type {
  KubeletConfig,
  KubeletState,
  KubeletTag,
  KubeletTimer,
  NodeRequest,
  PodRequest,
  StaticPod,
} from "./types";

/** What a kubelet keeps on disk across a restart: the version of its installed package, if any. */
type KubeletDisk = { installed: string } | undefined;

function boot(cfg: KubeletConfig, persisted: unknown, ctx: Ctx): KubeletState {
  const statics: Record<string, StaticPod> = {};
  for (const p of cfg.staticPods) {
    // On a fresh host boot the static pods are down: start them. After a kubelet-only restart they still run.
    if (!ctx.isLocalUp(p)) ctx.startLocal(p);
    statics[p] = { backoffMs: 0, lastRestart: ctx.now, pendingRestart: false };
  }
  const pods = newInformer({
    resource: "pods",
    namespace: null,
    fieldSelector: { "spec.nodeName": cfg.node },
    labelSelector: null,
  });
  const s: KubeletState = {
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
    reportDelayMs: drawReportDelayMs(cfg, ctx),
    runtimeUpAt: ctx.now,
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
  const version = (persisted as KubeletDisk)?.installed ?? cfg.version;
  if (version !== undefined) s.version = version;
  register(s, cfg, ctx);
  renewLease(s, cfg, ctx);
  ctx.after(nextStatusSyncMs(cfg, ctx), { t: "status" });
  if (cfg.probeTarget !== null) ctx.after(cfg.timing.probeInitialDelayMs, { t: "probe" });
  if (cfg.runtime !== null) {
    ctx.send(cfg.runtime, { p: "cri", kind: "cri-request", id: ctx.nextId("cri"), op: "list" });
    refreshImages(cfg, ctx);
    checkRuntime(s, cfg, ctx);
    informerRunInPlace(s.pods, s.http, cfg.api, ctx);
  }
  return s;
}

/**
 * The state a handler call works on: the run's own (ctx.ownsState, core/draft.ts), else a copy of it
 * and of the containers edited in place (the HTTP clients and the pod informer), so that the state
 * passed in stays untouched (the pure step()). The HTTP plumbing here and heartbeat.ts edit it in
 * place; the pod and static-pod code return updated copies, which share those containers.
 */
function own(s: KubeletState, ctx: Ctx): KubeletState {
  if (ctx.ownsState === true) return s;
  return { ...s, http: httpClientCopy(s.http), probeHttp: httpClientCopy(s.probeHttp), pods: { ...s.pods } };
}

function onHttpResult(s: KubeletState, cfg: KubeletConfig, r: HttpResult<KubeletTag>, ctx: Ctx): KubeletState {
  const { tag } = r;
  if (isLibraryTag(tag)) {
    const wasSynced = s.pods.synced;
    const changes = informerOnResultInPlace(s.pods, r as HttpResult<InformerTag>, s.http, cfg.api, ctx);
    return changes.length > 0 || (s.pods.synced && !wasSynced) ? syncPods(s, cfg, ctx) : s;
  }
  if (r.kind !== "response") return s;
  if (tag.op === "pod-delete" || tag.op === "pod-status")
    return syncPods(onPodRequestResult(s, cfg, r as HttpResponse<PodRequest>, ctx), cfg, ctx);
  // Registration, the Lease and node status (heartbeat.ts) update `s` in place.
  if (tag.op === "register") onRegisterResult(s, cfg, r as HttpResponse<NodeRequest>, ctx);
  else if (tag.op === "lease") onLeaseResult(s, cfg, r as HttpResponse<typeof tag>, ctx);
  else onStatusResult(s, cfg, r as HttpResponse<typeof tag>, ctx);
  return s;
}

function onMessage(s0: KubeletState, env: Envelope, ctx: Ctx, cfg: KubeletConfig): KubeletState {
  let s = own(s0, ctx);
  const body = env.body;
  if (body.p === "local") {
    if (body.kind === "exited") return onStaticExited(s, cfg, body.proc, body.reason, ctx);
    if (body.kind === "manifest-changed") return onManifestChanged(s, cfg, body.proc, body.version, env.from, ctx);
    return s;
  }
  // GET /metrics/resource (metrics-server's scrape): the kubelet answers from the runtime's CRI stats.
  if (body.p === "metrics") {
    if (body.kind === "scrape" && cfg.runtime !== null)
      ctx.send(cfg.runtime, { p: "cri", kind: "cri-request", id: body.id, op: "stats", replyTo: env.from });
    return s;
  }
  if (body.p === "cri") {
    if (body.kind === "cri-event") return onRuntimeEvent(s, cfg, body.pod, body.stage, ctx);
    if (body.kind === "cri-response") {
      const runtime: KubeletState["runtime"] = Object.fromEntries(body.pods.map((p) => [p.uid, p]));
      return syncPods({ ...s, runtime, runtimeSynced: true }, cfg, ctx);
    }
    if (body.kind === "cri-images") return { ...s, images: body.images };
    if (body.kind === "cri-stats")
      ctx.send(body.replyTo, { p: "metrics", kind: "scrape-result", id: body.id, node: cfg.node, stats: body.stats });
    return s;
  }
  // Both clients see every HTTP/transport message: each ignores requests it did not send.
  for (const r of httpOnMessageInPlace(s.http, cfg.api, env, ctx)) s = onHttpResult(s, cfg, r, ctx);
  if (cfg.probeTarget !== null) {
    for (const r of httpOnMessageInPlace(s.probeHttp, { server: cfg.probeTarget, credential: null }, env, ctx))
      if (r.kind === "response") s = onProbeResult(s, cfg, r, ctx);
  }
  return s;
}

function onTimer(s0: KubeletState, timer: KubeletTimer, ctx: Ctx, cfg: KubeletConfig): KubeletState {
  let s = own(s0, ctx);
  if (timer.lib === "http") {
    for (const r of httpOnTimerInPlace(s.http, timer, ctx)) s = onHttpResult(s, cfg, r, ctx);
    for (const r of httpOnTimerInPlace(s.probeHttp, timer, ctx))
      if (r.kind === "response") s = onProbeResult(s, cfg, r, ctx);
    return s;
  }
  if (timer.lib === "informer") {
    informerRunInPlace(s.pods, s.http, cfg.api, ctx);
    return s;
  }
  switch (timer.t) {
    case "register":
      register(s, cfg, ctx);
      return s;
    case "lease":
      renewLease(s, cfg, ctx);
      return s;
    case "status":
      // The pod workers also resync on this period, retrying status reports that failed.
      ctx.after(nextStatusSyncMs(cfg, ctx), { t: "status" });
      syncStatus(s, cfg, ctx);
      return syncPods(s, cfg, ctx);
    case "runtime-check":
      checkRuntime(s, cfg, ctx);
      return s;
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

/**
 * `install-kubelet {version}`: the operator's package upgrade (`apt-get install kubelet=<version>`).
 * The binary on disk changes; the running process keeps its version until it is restarted
 * (`systemctl restart kubelet`: the scenario's stop and start), and the containers keep running.
 */
function onCommand(s0: KubeletState, c: Command, ctx: Ctx, cfg: KubeletConfig): KubeletState {
  if (c.name !== "install-kubelet") return s0;
  const s = own(s0, ctx);
  const version = String(c.args.version);
  ctx.trace(
    "kubelet.package-installed",
    `$ apt-get install kubelet=${version.slice(1)} on ${cfg.node}: the new binary is on disk; ` +
      `the running kubelet (${s.version ?? "unknown version"}) uses it after a restart.`,
    {
      node: cfg.node,
      version,
      from: s.version ?? null,
    },
  );
  return { ...s, installed: version };
}

export const kubelet = defineComponent<KubeletConfig, KubeletState, KubeletTimer>({
  kind: "kubelet",
  editsOwnedState: true,
  boot,
  onMessage,
  onTimer,
  onCommand,
  onCrash: (s) => ({
    persisted: s.installed === undefined ? undefined : ({ installed: s.installed } satisfies KubeletDisk),
    peers: [],
  }),
});

// The kube-apiserver component: wires the etcd client, the watch caches and the request path.
import { defineComponent, type Ctx } from "../core/component";
import { without } from "../core/records";
import type { Envelope } from "../core/types";
import { clientInit, clientOnMessage, clientOnTimer, type EtcdResult } from "../etcd/client";
import { RESOURCE_NAMES, type Resource } from "../objects/resources";
import { emptyCacher, onCacheEvents, onCacheListed, onCacheListFailed, onCacheWatchFailed, startCacheList } from "./cacher";
import { TIMEOUT } from "./errors";
import { onReadResult } from "./reads";
import { dropVia, onRequest } from "./requests";
import { fail, forget, respond } from "./respond";
import type { ApiServerConfig, ApiServerState, ApiServerTimer, Cacher } from "./state";
import { onEtcdError, onGetCurrent, onWriteResult } from "./writes";

function boot(cfg: ApiServerConfig, _persisted: unknown, ctx: Ctx): ApiServerState {
  const caches = {} as Record<Resource, Cacher>;
  for (const r of RESOURCE_NAMES) caches[r] = emptyCacher();
  let s: ApiServerState = { listening: false, etcd: clientInit(cfg.etcd, ctx), caches, watchers: {}, inflight: {}, calls: {}, deadlineAt: null };
  for (const r of RESOURCE_NAMES) s = startCacheList(s, cfg, r, ctx);
  ctx.after(cfg.startupMs, { t: "listening" });
  return s;
}

function cacheForWatch(s: ApiServerState, watchId: string): Resource | undefined {
  return RESOURCE_NAMES.find((r) => s.caches[r].watchId === watchId);
}

function onEtcdResults(s0: ApiServerState, cfg: ApiServerConfig, results: EtcdResult[], ctx: Ctx): ApiServerState {
  let s = s0;
  for (const r of results) {
    if (r.kind === "watch-events" || r.kind === "watch-error") {
      const resource = cacheForWatch(s, r.id);
      if (resource === undefined) continue;
      s = r.kind === "watch-events" ? onCacheEvents(s, resource, r.events, ctx, cfg.traceRequestFlow) : onCacheWatchFailed(s, cfg, resource, r.message, ctx);
      continue;
    }
    const owner = s.calls[r.id];
    if (owner === undefined) continue;
    s = { ...s, calls: without(s.calls, r.id) };
    if (owner.kind === "cache-list") {
      s = r.kind === "range" ? onCacheListed(s, cfg, owner.resource, r.kvs, r.rev, ctx) : onCacheListFailed(s, cfg, owner.resource, ctx);
      continue;
    }
    const f = s.inflight[owner.id];
    if (f === undefined) continue;
    if (owner.purpose === "health") {
      s = r.kind === "error" ? fail(s, f.id, { status: 500, reason: "InternalError", message: "[-]etcd failed: reason withheld" }, ctx) : respond(s, f.id, 200, "ok", ctx);
    } else if (r.kind === "error") s = onEtcdError(s, f, r.message, ctx);
    else if (r.kind === "txn") s = onWriteResult(s, cfg, f, r.result, ctx);
    else if (owner.purpose === "get-current") s = onGetCurrent(s, cfg, f, r.kvs, ctx);
    else s = onReadResult(s, cfg, f, owner.purpose, r.kvs, r.rev, ctx);
  }
  return s;
}

/** Answers 504 to every request past --request-timeout, then re-arms for the oldest remaining one. */
function sweepDeadlines(s0: ApiServerState, cfg: ApiServerConfig, ctx: Ctx): ApiServerState {
  let s: ApiServerState = { ...s0, deadlineAt: null };
  let next: number | null = null;
  for (const id of Object.keys(s.inflight).sort()) {
    const f = s.inflight[id]!;
    if (f.call.verb === "health") continue; // health checks have their own 2 s timeout
    const due = f.startedAt + cfg.requestTimeoutMs;
    if (due <= ctx.now) s = fail(s, id, TIMEOUT, ctx);
    else next = next === null ? due : Math.min(next, due);
  }
  if (next === null) return s;
  ctx.after(next - ctx.now, { t: "deadline" });
  return { ...s, deadlineAt: next };
}

function onMessage(s: ApiServerState, env: Envelope, ctx: Ctx, cfg: ApiServerConfig): ApiServerState {
  const body = env.body;
  if (body.p === "http" && body.kind === "request") return onRequest(s, cfg, env, body, ctx);
  if (s.etcd.conns[env.from] !== undefined) {
    const { c, results } = clientOnMessage(s.etcd, cfg.etcd, env, ctx);
    return onEtcdResults({ ...s, etcd: c }, cfg, results, ctx);
  }
  if (body.p === "net" && body.kind === "closed") return dropVia(s, env.from);
  return s;
}

function onTimer(s: ApiServerState, timer: ApiServerTimer, ctx: Ctx, cfg: ApiServerConfig): ApiServerState {
  if (timer.lib === "etcd") {
    const { c, results } = clientOnTimer(s.etcd, cfg.etcd, timer, ctx);
    return onEtcdResults({ ...s, etcd: c }, cfg, results, ctx);
  }
  switch (timer.t) {
    case "listening":
      return { ...s, listening: true };
    case "deadline":
      return sweepDeadlines(s, cfg, ctx);
    case "health-timeout":
      return s.inflight[timer.id] === undefined ? s : fail(s, timer.id, { status: 500, reason: "InternalError", message: "[-]etcd failed: reason withheld" }, ctx);
    case "relist":
      return s.caches[timer.resource].ready || s.caches[timer.resource].listCall !== null ? s : startCacheList(s, cfg, timer.resource, ctx);
  }
}

export const kubeApiServer = defineComponent<ApiServerConfig, ApiServerState, ApiServerTimer>({
  kind: "kube-apiserver",
  boot,
  onMessage,
  onTimer,
  onCrash: (s) => {
    const peers = new Set<string>(Object.keys(s.etcd.conns));
    for (const f of Object.values(s.inflight)) peers.add(f.via);
    for (const w of Object.values(s.watchers)) peers.add(w.via);
    return { persisted: undefined, peers: [...peers] };
  },
});

export { forget };

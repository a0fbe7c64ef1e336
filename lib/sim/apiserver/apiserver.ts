// The kube-apiserver component: wires the etcd client, the watch caches and the request path.
import { defineComponent, type Ctx } from "../core/component";
import { chunkedCopy } from "../core/chunked";
import { copyRecord, emptyRecord } from "../core/records";
import type { Envelope } from "../core/types";
import { clientCopy, clientInit, clientOnMessage, clientOnTimer, type EtcdResult } from "../etcd/client";
import { RESOURCE_NAMES, type Resource } from "../objects/resources";
import {
  emptyCacher,
  onCacheEvents,
  onCacheListed,
  onCacheListFailed,
  onCacheWatchFailed,
  startCacheList,
} from "./cacher";
import { TIMEOUT } from "./errors";
import { onCacheProgress, onFreshTimeout, onReadResult, requestProgress } from "./reads";
import { dropVia, onRequest } from "./requests";
import { fail, respond } from "./respond";
import type { ApiServerConfig, ApiServerState, ApiServerTimer, Cacher } from "./state";
import { onEvictionStageWritten } from "./eviction";
import { onEtcdError, onGetCurrent, onWriteResult } from "./writes";

function boot(cfg: ApiServerConfig, _persisted: unknown, ctx: Ctx): ApiServerState {
  const caches = {} as Record<Resource, Cacher>;
  for (const r of cfg.resources) caches[r] = emptyCacher();
  const s: ApiServerState = {
    listening: false,
    etcd: clientInit(cfg.etcd, ctx),
    caches,
    watchers: emptyRecord(),
    inflight: emptyRecord(),
    calls: emptyRecord(),
    deadlineAt: null,
  };
  for (const r of cfg.resources) startCacheList(s, cfg, r, ctx);
  ctx.after(cfg.startupMs, { t: "listening" });
  return s;
}

/**
 * The state this handler call may edit: `s` itself when the run owns it (ctx.ownsState, see
 * core/draft.ts), otherwise a copy of every container the handlers edit in place, so that the state
 * passed in stays untouched (the pure step()). Messages and traces carry only KubeObjects and plain
 * values, never these containers, which is what makes editing an owned state in place safe.
 */
function own(s: ApiServerState, ctx: Ctx): ApiServerState {
  return ctx.ownsState === true ? s : thawApiServer(s);
}

function thawApiServer(s: ApiServerState): ApiServerState {
  const caches = {} as Record<Resource, Cacher>;
  for (const r of Object.keys(s.caches) as Resource[]) {
    const c = s.caches[r];
    caches[r] = { ...c, objects: copyRecord(c.objects), history: chunkedCopy(c.history) };
  }
  const out: ApiServerState = {
    listening: s.listening,
    etcd: clientCopy(s.etcd),
    caches,
    watchers: s.watchers,
    inflight: copyRecord(s.inflight),
    calls: copyRecord(s.calls),
    deadlineAt: s.deadlineAt,
  };
  // Replaced, not edited (policy-admission.ts), so sharing it is safe; absent elsewhere, as before.
  if (s.quotaPending !== undefined) out.quotaPending = s.quotaPending;
  return out;
}

function cacheForWatch(s: ApiServerState, watchId: string): Resource | undefined {
  return RESOURCE_NAMES.find((r) => s.caches[r]?.watchId === watchId);
}

function onEtcdResults(s: ApiServerState, cfg: ApiServerConfig, results: readonly EtcdResult[], ctx: Ctx): void {
  for (const r of results) {
    if (r.kind === "watch-events" || r.kind === "watch-error" || r.kind === "watch-progress") {
      const resource = cacheForWatch(s, r.id);
      if (resource === undefined) continue;
      if (r.kind === "watch-events") onCacheEvents(s, resource, r.events, ctx, cfg.traceRequestFlow);
      else if (r.kind === "watch-progress") onCacheProgress(s, resource, r.rev, ctx);
      else onCacheWatchFailed(s, cfg, resource, r.message, ctx);
      continue;
    }
    const owner = s.calls[r.id];
    if (owner === undefined) continue;
    delete s.calls[r.id];
    if (owner.kind === "cache-list") {
      if (r.kind === "range") onCacheListed(s, cfg, owner.resource, r.kvs, r.rev, ctx);
      else onCacheListFailed(s, cfg, owner.resource, ctx);
      continue;
    }
    const f = s.inflight[owner.id];
    if (f === undefined) continue;
    if (owner.purpose === "health") {
      if (r.kind === "error")
        fail(s, f.id, { status: 500, reason: "InternalError", message: "[-]etcd failed: reason withheld" }, ctx);
      else respond(s, f.id, 200, "ok", ctx);
    } else if (r.kind === "error") onEtcdError(s, f, r.message, ctx);
    else if (r.kind === "txn") {
      if (!onEvictionStageWritten(s, cfg, f, r.result, ctx)) onWriteResult(s, cfg, f, r.result, ctx);
    } else if (owner.purpose === "get-current") onGetCurrent(s, cfg, f, r.kvs, ctx);
    else onReadResult(s, cfg, f, owner.purpose, r.kvs, r.rev, ctx);
  }
}

/** Answers 504 to every request past --request-timeout, then re-arms for the oldest remaining one. */
function sweepDeadlines(s: ApiServerState, cfg: ApiServerConfig, ctx: Ctx): void {
  s.deadlineAt = null;
  let next: number | null = null;
  for (const id of Object.keys(s.inflight).sort()) {
    const f = s.inflight[id]!;
    if (f.call.verb === "health") continue; // health checks have their own 2 s timeout
    const due = f.startedAt + cfg.requestTimeoutMs;
    if (due <= ctx.now) fail(s, id, TIMEOUT, ctx);
    else next = next === null ? due : Math.min(next, due);
  }
  if (next === null) return;
  ctx.after(next - ctx.now, { t: "deadline" });
  s.deadlineAt = next;
}

function onMessage(s0: ApiServerState, env: Envelope, ctx: Ctx, cfg: ApiServerConfig): ApiServerState {
  const body = env.body;
  const fromEtcd = s0.etcd.conns[env.from] !== undefined;
  const isRequest = body.p === "http" && body.kind === "request";
  if (!isRequest && !fromEtcd && !(body.p === "net" && body.kind === "closed")) return s0;
  const s = own(s0, ctx);
  if (body.p === "http" && body.kind === "request") onRequest(s, cfg, env, body, ctx);
  else if (fromEtcd) onEtcdResults(s, cfg, clientOnMessage(s.etcd, cfg.etcd, env, ctx), ctx);
  else dropVia(s, env.from);
  return s;
}

function onTimer(s0: ApiServerState, timer: ApiServerTimer, ctx: Ctx, cfg: ApiServerConfig): ApiServerState {
  const s = own(s0, ctx);
  if (timer.lib === "etcd") {
    clientOnTimer(s.etcd, cfg.etcd, timer, ctx);
    return s;
  }
  switch (timer.t) {
    case "listening":
      s.listening = true;
      return s;
    case "deadline":
      sweepDeadlines(s, cfg, ctx);
      return s;
    case "health-timeout":
      if (s.inflight[timer.id] !== undefined)
        fail(s, timer.id, { status: 500, reason: "InternalError", message: "[-]etcd failed: reason withheld" }, ctx);
      return s;
    case "fresh-timeout":
      onFreshTimeout(s, cfg, timer.resource, timer.id, ctx);
      return s;
    case "progress":
      requestProgress(s, timer.resource, ctx);
      return s;
    case "relist":
      if (!s.caches[timer.resource].ready && s.caches[timer.resource].listCall === null)
        startCacheList(s, cfg, timer.resource, ctx);
      return s;
  }
}

export const kubeApiServer = defineComponent<ApiServerConfig, ApiServerState, ApiServerTimer>({
  kind: "kube-apiserver",
  editsOwnedState: true,
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

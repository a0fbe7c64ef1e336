// GET and LIST. Without a resourceVersion a read must be current, so it goes to etcd as a quorum
// (linearizable) read, or, for lists, confirms the current revision from etcd and then serves from
// the watch cache (ConsistentListFromCache, GA in 1.34). With resourceVersion="0" any cached data
// will do. While the cache is not ready, what etcd can answer goes to etcd (KEP-4568). This is why
// `kubectl get` hangs when etcd has no quorum while informers, which list with resourceVersion=0,
// keep their (stale) view until the watch cache re-initializes.
import type { Ctx } from "../core/component";
import type { KeyValue } from "../etcd/protocol";
import { resourcePrefix, storageKey, objectKey, storeKey, type Resource } from "../objects/resources";
import { clientRequestProgress } from "../etcd/client";
import type { KubeObject } from "../objects/kube-object";
import { fromKv, matchesSelectors } from "./convert";
import { CACHE_NOT_READY, notFound } from "./errors";
import type { ApiCall } from "./http";
import { fail, issueEtcd, respond } from "./respond";
import type { ApiServerConfig, ApiServerState, InFlight } from "./state";

function listBody(items: KubeObject[], call: ApiCall, rv: number) {
  const selected = items.filter(
    (o) =>
      matchesSelectors(o, call.fieldSelector, call.labelSelector) &&
      (call.namespace === null || o.metadata.namespace === call.namespace),
  );
  return { items: selected.sort((a, b) => (objectKey(a) < objectKey(b) ? -1 : 1)), resourceVersion: String(rv) };
}

function serveListFromCache(s: ApiServerState, f: InFlight, call: ApiCall, ctx: Ctx): void {
  const c = s.caches[call.resource];
  respond(s, f.id, 200, listBody(Object.values(c.objects), call, c.rv), ctx);
}

/**
 * delegator.go shouldDelegateListOnNotReadyCache: while the watch cache is not ready, a LIST with a
 * limit and no label or field selector can be served by etcd; any other list needs the cache. Pure.
 */
function isServedByEtcdWhileNotReady(call: ApiCall): boolean {
  const none = (sel: Record<string, string> | null) => sel === null || Object.keys(sel).length === 0;
  return none(call.labelSelector) && none(call.fieldSelector) && (call.limit ?? 0) > 0;
}

/**
 * Where a read is served, as delegator.go's CacheDelegator decides: a GET without resourceVersion,
 * and with ResilientWatchCacheInitialization any GET while the cache is not ready, from etcd; a LIST
 * while the cache is not ready from etcd when isServedByEtcdWhileNotReady, else 429 (a consistent
 * list first reads the current revision from etcd, as GetList does before it asks the cacher).
 */
export function startRead(s: ApiServerState, cfg: ApiServerConfig, f: InFlight, call: ApiCall, ctx: Ctx): void {
  const cache = s.caches[call.resource];
  if (call.verb === "get") {
    const name = call.name ?? "";
    if (call.rv !== null && cache.ready) {
      const obj = cache.objects[storeKey(call.namespace, name)];
      return obj === undefined ? fail(s, f.id, notFound(call.resource, name), ctx) : respond(s, f.id, 200, obj, ctx);
    }
    const key = storageKey(call.resource, call.namespace, name);
    return issueEtcd(
      s,
      cfg,
      { kind: "request", id: f.id, purpose: "read" },
      { kind: "range", key, prefix: false, serializable: false },
      ctx,
    );
  }
  const prefix = { kind: "range" as const, key: resourcePrefix(call.resource), prefix: true, serializable: false };
  if (!cache.ready && isServedByEtcdWhileNotReady(call))
    return issueEtcd(s, cfg, { kind: "request", id: f.id, purpose: "read" }, prefix, ctx);
  if (call.rv === "0") return cache.ready ? serveListFromCache(s, f, call, ctx) : fail(s, f.id, CACHE_NOT_READY, ctx);
  issueEtcd(s, cfg, { kind: "request", id: f.id, purpose: "current-rv" }, prefix, ctx);
}

export function onReadResult(
  s: ApiServerState,
  cfg: ApiServerConfig,
  f: InFlight,
  purpose: string,
  kvs: KeyValue[],
  rev: number,
  ctx: Ctx,
): void {
  const call = f.call as ApiCall;
  if (purpose === "current-rv") {
    const c = s.caches[call.resource];
    if (!c.ready) return fail(s, f.id, CACHE_NOT_READY, ctx);
    return c.rv >= rev ? serveListFromCache(s, f, call, ctx) : waitForFresh(s, cfg, f.id, call.resource, rev, ctx);
  }
  if (call.verb === "get") {
    const kv = kvs[0];
    return kv === undefined
      ? fail(s, f.id, notFound(call.resource, call.name ?? ""), ctx)
      : respond(s, f.id, 200, fromKv(kv), ctx);
  }
  respond(s, f.id, 200, listBody(kvs.map(fromKv), call, rev), ctx);
}

/**
 * watch_cache.go waitUntilFreshAndBlock: a consistent list waits until the cache has seen etcd's
 * current revision, at most cfg.cacheFreshnessMs (blockTimeout, 3 s); meanwhile the cacher's
 * progress requester (cacher/progress/watch_progress.go) asks etcd every 100 ms for a progress
 * notification, which moves the cache's revision on even when no event of this resource comes.
 */
function waitForFresh(
  s: ApiServerState,
  cfg: ApiServerConfig,
  id: string,
  resource: Resource,
  rev: number,
  ctx: Ctx,
): void {
  const c = s.caches[resource];
  const first = Object.keys(c.fresh).length === 0;
  c.fresh = { ...c.fresh, [id]: rev };
  ctx.after(cfg.cacheFreshnessMs, { t: "fresh-timeout", resource, id });
  if (first) requestProgress(s, resource, ctx);
}

/** The progress requester's tick: ask again while lists wait (the `progress` timer). */
export function requestProgress(s: ApiServerState, resource: Resource, ctx: Ctx): void {
  const c = s.caches[resource];
  if (Object.keys(c.fresh).length === 0 || c.watchId === null) return;
  clientRequestProgress(s.etcd, c.watchId, ctx);
  ctx.after(PROGRESS_REQUEST_PERIOD_MS, { t: "progress", resource });
}

/** progressRequestPeriod in cacher/progress/watch_progress.go. */
const PROGRESS_REQUEST_PERIOD_MS = 100;

/** A progress notification: the cache has seen every event up to `rev`. */
export function onCacheProgress(s: ApiServerState, resource: Resource, rev: number, ctx: Ctx): void {
  const c = s.caches[resource];
  if (!c.ready || rev <= c.rv) return;
  c.rv = rev;
  serveFreshLists(s, resource, ctx);
}

/** Serves the waiting consistent lists the cache is now fresh enough for. */
export function serveFreshLists(s: ApiServerState, resource: Resource, ctx: Ctx): void {
  const c = s.caches[resource];
  if (!c.ready) return;
  const due = Object.keys(c.fresh)
    .filter((id) => c.fresh[id]! <= c.rv)
    .sort();
  if (due.length === 0) return;
  const fresh = { ...c.fresh };
  for (const id of due) delete fresh[id];
  c.fresh = fresh;
  for (const id of due) {
    const f = s.inflight[id];
    if (f !== undefined) serveListFromCache(s, f, f.call as ApiCall, ctx);
  }
}

/**
 * The cache did not catch up within the bound: TooLargeResourceVersion, and the delegator's GetList
 * falls back to a list from etcd (delegator.go, the consistentRead fallback).
 */
export function onFreshTimeout(
  s: ApiServerState,
  cfg: ApiServerConfig,
  resource: Resource,
  id: string,
  ctx: Ctx,
): void {
  const c = s.caches[resource];
  if (c.fresh[id] === undefined) return;
  const fresh = { ...c.fresh };
  delete fresh[id];
  c.fresh = fresh;
  if (s.inflight[id] === undefined) return;
  issueEtcd(
    s,
    cfg,
    { kind: "request", id, purpose: "read" },
    { kind: "range", key: resourcePrefix(resource), prefix: true, serializable: false },
    ctx,
  );
}

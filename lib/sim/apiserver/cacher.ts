// The watch cache (storage/cacher): per resource, a reflector lists the prefix from etcd and then
// follows one require-leader etcd watch; clients' watches and resourceVersion="0" reads are served
// from it. When etcd cancels the watch (no leader for ~3 s) or it fails, the cacher terminates all
// its watchers and re-lists; until that list succeeds the cache is not ready: watches and lists that
// only it can serve are rejected with 429, the other reads go to etcd (ResilientWatchCacheInitialization,
// GA in 1.34; see reads.ts).
import { chunkedAt, chunkedDropBefore, chunkedEmpty, chunkedPush, chunkedSlice } from "../core/chunked";
import type { Ctx } from "../core/component";
import { clientCall, clientWatch, type EtcdCall } from "../etcd/client";
import type { KeyValue, WatchEvent } from "../etcd/protocol";
import { objectKey, resourcePrefix, type Resource } from "../objects/resources";
import type { KubeObject } from "../objects/kube-object";
import { fromKv, inNamespace, matchesSelectors } from "./convert";
import type { WatchType } from "./http";
import type { ApiServerConfig, ApiServerState, Cacher, CachedEvent, CacheWatcher } from "./state";
import { copyRecord, emptyRecord, sortedKeys } from "../core/records";
import { serveFreshLists } from "./reads";

const HISTORY_MAX = 500;

export function emptyCacher(): Cacher {
  return {
    ready: false,
    everReady: false,
    objects: emptyRecord(),
    rv: 0,
    history: chunkedEmpty(),
    historyStart: 0,
    historyFrom: 0,
    listCall: null,
    watchId: null,
    backoffMs: 0,
    fresh: {},
  };
}

/** reflector.ListAndWatch, list half: a linearizable range over the resource prefix. */
export function startCacheList(s: ApiServerState, cfg: ApiServerConfig, resource: Resource, ctx: Ctx): void {
  const id = ctx.nextId("etcd");
  const call: EtcdCall = { kind: "range", key: resourcePrefix(resource), prefix: true, serializable: false };
  clientCall(s.etcd, cfg.etcd, id, call, ctx);
  s.calls[id] = { kind: "cache-list", resource };
  s.caches[resource].listCall = id;
}

export function onCacheListed(
  s: ApiServerState,
  cfg: ApiServerConfig,
  resource: Resource,
  kvs: KeyValue[],
  rev: number,
  ctx: Ctx,
): void {
  const prev = s.caches[resource];
  const objects: Record<string, KubeObject> = emptyRecord();
  for (const kv of kvs) {
    const obj = fromKv(kv);
    objects[objectKey(obj)] = obj;
  }
  const watchId = ctx.nextId("etcd-watch");
  clientWatch(s.etcd, cfg.etcd, watchId, resourcePrefix(resource), rev + 1, ctx);
  s.caches[resource] = {
    ready: true,
    everReady: true,
    objects,
    rv: rev,
    history: chunkedEmpty(),
    historyStart: 0,
    historyFrom: rev,
    listCall: null,
    watchId,
    backoffMs: 0,
    fresh: prev.fresh,
  };
  serveFreshLists(s, resource, ctx);
  if (prev.everReady) {
    ctx.trace(
      "apiserver.cache-ready",
      `${ctx.self}: the watch cache for ${resource} is initialized again from etcd ` +
        `(revision ${rev}); watches and resourceVersion=0 reads work again.`,
      { resource },
    );
  } else if (cfg.resources.every((r) => s.caches[r].everReady)) {
    ctx.trace(
      "apiserver.cache-ready",
      `${ctx.self}: every watch cache is initialized from etcd; the API server is ready to serve.`,
      { resource: "all" },
    );
  }
}

export function onCacheListFailed(s: ApiServerState, cfg: ApiServerConfig, resource: Resource, ctx: Ctx): void {
  const c = s.caches[resource];
  const backoffMs = c.backoffMs === 0 ? cfg.reflectorBackoffMs : Math.min(c.backoffMs * 2, cfg.reflectorBackoffMaxMs);
  ctx.after(backoffMs, { t: "relist", resource });
  c.listCall = null;
  c.backoffMs = backoffMs;
}

function watchType(ev: WatchEvent): WatchType {
  if (ev.type === "DELETE") return "DELETED";
  return ev.prev === null ? "ADDED" : "MODIFIED";
}

/** Applies etcd events to the cache and fans them out to matching client watches. */
export function onCacheEvents(
  s: ApiServerState,
  resource: Resource,
  events: WatchEvent[],
  ctx: Ctx,
  traceFanout = false,
): void {
  const c = s.caches[resource];
  if (!c.ready) return;
  const objects = c.objects;
  let rv = c.rv;
  const fanout: CachedEvent[] = [];
  for (const ev of events) {
    if (ev.kv.modRev <= rv) continue; // already reflected by the list
    const type = watchType(ev);
    const object = fromKv(type === "DELETED" && ev.prev !== null ? { ...ev.prev, modRev: ev.kv.modRev } : ev.kv);
    if (type === "DELETED") delete objects[objectKey(object)];
    else objects[objectKey(object)] = object;
    rv = ev.kv.modRev;
    fanout.push({ rv, type, object });
  }
  appendHistory(c, fanout);
  c.rv = rv;
  const reached: string[][] = traceFanout ? fanout.map(() => []) : [];
  for (const w of watchersOf(s.watchers, resource)) {
    for (let i = 0; i < fanout.length; i++) {
      const e = fanout[i]!;
      if (!(inNamespace(e.object, w.namespace) && matchesSelectors(e.object, w.fieldSelector, w.labelSelector)))
        continue;
      ctx.send(w.via, { p: "http", kind: "watch-event", id: w.id, type: e.type, object: e.object });
      if (traceFanout) reached[i]!.push(w.via);
    }
  }
  if (traceFanout) traceWatchFanout(ctx, resource, fanout, reached);
  serveFreshLists(s, resource, ctx);
}

// Every etcd event of a resource goes to that resource's watchers in watcher-key order; most events
// are Lease renewals, which few of the watchers follow. `watchers` is replaced on every change (see
// ApiServerState), so the lists are memoized on its identity instead of filtered per event.
const WATCHERS_BY_RESOURCE = new WeakMap<object, Map<Resource, CacheWatcher[]>>();

function watchersOf(watchers: ApiServerState["watchers"], resource: Resource): readonly CacheWatcher[] {
  let byResource = WATCHERS_BY_RESOURCE.get(watchers);
  if (byResource === undefined) {
    byResource = new Map();
    for (const key of sortedKeys(watchers)) {
      const w = watchers[key]!;
      const list = byResource.get(w.resource);
      if (list === undefined) byResource.set(w.resource, [w]);
      else list.push(w);
    }
    WATCHERS_BY_RESOURCE.set(watchers, byResource);
  }
  return byResource.get(resource) ?? [];
}

/** The request-flow trace (flow-trace.ts): which watchers each cached event went to. */
function traceWatchFanout(
  ctx: Ctx,
  resource: Resource,
  fanout: readonly CachedEvent[],
  reached: readonly string[][],
): void {
  if (resource === "leases" || resource === "nodes") return;
  fanout.forEach((e, i) => {
    const to = [...new Set(reached[i])].sort();
    ctx.trace(
      "api.watch-event",
      `watch cache (${resource}): ${e.type} ${e.object.metadata.name} at resourceVersion ` +
        `${e.rv} sent to ${to.length} watcher(s)${to.length > 0 ? `: ${to.join(", ")}` : ""}.`,
      { resource, name: e.object.metadata.name, event: e.type, rv: e.rv, watchers: to },
    );
  });
}

/** Appends to the history and slides its window to the last HISTORY_MAX events. */
function appendHistory(c: Cacher, added: readonly CachedEvent[]): void {
  chunkedPush(c.history, added); // the cacher belongs to this handler call (apiserver.ts `own`)
  const end = c.history.base + c.history.len;
  if (end - c.historyStart > HISTORY_MAX) {
    c.historyStart = end - HISTORY_MAX;
    c.historyFrom = chunkedAt(c.history, c.historyStart - 1)!.rv; // the newest event no longer kept
  }
  if (c.historyStart - c.history.base > HISTORY_MAX) c.history = chunkedDropBefore(c.history, c.historyStart);
}

/** The etcd watch ended: terminateAllWatchers, then re-list with back-off. */
export function onCacheWatchFailed(
  s: ApiServerState,
  cfg: ApiServerConfig,
  resource: Resource,
  reason: string,
  ctx: Ctx,
): void {
  const c = s.caches[resource];
  const watchers = copyRecord(s.watchers); // replaced, not edited: see ApiServerState
  let closed = 0;
  for (const key of sortedKeys(s.watchers)) {
    const w = watchers[key]!;
    if (w.resource !== resource) continue;
    ctx.send(w.via, { p: "http", kind: "watch-end", id: w.id, reason: "the watch cache is re-initializing" });
    delete watchers[key];
    closed++;
  }
  ctx.trace(
    "apiserver.cache-reinitializing",
    `${ctx.self}: etcd ended the watch for ${resource} ("${reason}"). The watch cache closes ` +
      `its ${closed} client watch(es) and re-lists from etcd; until that succeeds, watches of ` +
      `${resource} and the lists only the cache can serve (with a selector or without a limit) ` +
      "get 429, while GETs and limited lists without selectors go to etcd.",
    { resource, reason },
  );
  ctx.after(cfg.reflectorBackoffMs, { t: "relist", resource });
  s.watchers = watchers;
  c.ready = false;
  c.watchId = null;
  c.history = chunkedEmpty();
  c.historyStart = 0;
  c.backoffMs = cfg.reflectorBackoffMs;
}

/** Events after `rv` for a resuming watch, or null if they are no longer in the cache (410 Gone). */
export function eventsAfter(c: Cacher, rv: number): CachedEvent[] | null {
  if (rv < c.historyFrom) return null;
  const end = c.history.base + c.history.len;
  let lo = c.historyStart;
  let hi = end;
  while (lo < hi) {
    // Revisions increase along the history: find the first event newer than rv.
    const mid = (lo + hi) >>> 1;
    if (chunkedAt(c.history, mid)!.rv <= rv) lo = mid + 1;
    else hi = mid;
  }
  return chunkedSlice(c.history, lo, end);
}

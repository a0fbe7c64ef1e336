// A few informers over one API client, the way kube-proxy keeps its own, for components that copy
// their state on every change: kube-proxy, the CNI agent, CoreDNS, the network scenario's client
// pods, and the users (web-client, load-generator) who watch the app's pods.
import type { Ctx } from "../core/component";
import type { Envelope } from "../core/types";
import {
  emptyHttpClient,
  httpClientCopy,
  httpOnMessage,
  httpOnTimer,
  type HttpClient,
  type HttpClientConfig,
  type HttpClientTimer,
  type HttpResult,
} from "./http-client";
import {
  informerOnResultInPlace,
  informerOnTimerInPlace,
  startInformersInPlace,
  type Informer,
  type InformerSpec,
  type InformerTimer,
} from "./informer";
import type { KubeObject } from "../objects/kube-object";
import type { InformerTag } from "./library-tag";

export type Watched = { http: HttpClient<InformerTag>; informers: Readonly<Record<string, Informer>> };
export type WatchTimer = HttpClientTimer | InformerTimer;

/** One informer per spec, named by its resource, each starting its LIST now. */
export function newWatches(specs: readonly InformerSpec[], api: HttpClientConfig, ctx: Ctx): Watched {
  const http = emptyHttpClient<InformerTag>();
  return { http, informers: startInformersInPlace(specs, http, api, ctx) };
}

/** The informers' results, applied to copies of `w`'s client and of each informer a result is for. */
function onResults(
  w: Watched,
  results: readonly HttpResult<InformerTag>[],
  api: HttpClientConfig,
  ctx: Ctx,
): { w: Watched; changed: boolean } {
  if (results.length === 0) return { w, changed: false };
  const http = httpClientCopy(w.http);
  const informers = { ...w.informers };
  let changed = false;
  for (const r of results) {
    const name = r.tag.informer;
    const inf = informers[name];
    if (inf === undefined) continue;
    const next = { ...inf };
    const changes = informerOnResultInPlace(next, r, http, api, ctx);
    changed ||= changes.length > 0 || (next.synced && !inf.synced);
    informers[name] = next;
  }
  return { w: { http, informers }, changed };
}

/**
 * An API response for one of the informers; `changed` when a watched object changed or an informer's first LIST
 * arrived (a store that starts empty has synced too).
 */
export function watchOnMessage(
  w: Watched,
  env: Envelope,
  api: HttpClientConfig,
  ctx: Ctx,
): { w: Watched; changed: boolean } {
  const { hc, results } = httpOnMessage(w.http, api, env, ctx);
  return onResults({ ...w, http: hc }, results, api, ctx);
}

export function watchOnTimer(
  w: Watched,
  timer: WatchTimer,
  api: HttpClientConfig,
  ctx: Ctx,
): { w: Watched; changed: boolean } {
  if (timer.lib === "http") {
    const { hc, results } = httpOnTimer(w.http, timer, ctx);
    return onResults({ ...w, http: hc }, results, api, ctx);
  }
  const http = httpClientCopy(w.http);
  informerOnTimerInPlace(w.informers, timer, http, api, ctx);
  return { w: { ...w, http }, changed: false };
}

export function objectsOf<T extends KubeObject>(w: Watched, name: string): T[] {
  return Object.values(w.informers[name]?.objects ?? {}) as T[];
}

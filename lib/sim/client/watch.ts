// A few informers over one API client, the way kube-proxy keeps its own, for components that copy
// their state on every change: kube-proxy, the CNI agent, CoreDNS, the network scenario's client
// pods, and the users (web-client, load-generator) who watch the app's pods.
import type { Ctx } from "../core/component";
import type { Envelope } from "../core/types";
import {
  emptyHttpClient,
  httpOnMessage,
  httpOnTimer,
  type HttpClient,
  type HttpClientConfig,
  type HttpClientTimer,
  type HttpResult,
} from "./http-client";
import {
  informerOnResult,
  informerRun,
  newInformer,
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
  let http = emptyHttpClient<InformerTag>();
  const informers: Record<string, Informer> = {};
  for (const spec of specs) {
    const run = informerRun(newInformer(spec), spec.resource, http, api, ctx);
    informers[spec.resource] = run.inf;
    http = run.hc;
  }
  return { http, informers };
}

function onResults(
  w: Watched,
  results: readonly HttpResult<InformerTag>[],
  api: HttpClientConfig,
  ctx: Ctx,
): { w: Watched; changed: boolean } {
  let next = w;
  let changed = false;
  for (const r of results) {
    const name = r.tag.informer;
    const inf = next.informers[name];
    if (inf === undefined) continue;
    const step = informerOnResult(inf, name, r, next.http, api, ctx);
    changed ||= step.changes.length > 0 || (step.inf.synced && !inf.synced);
    next = { http: step.hc, informers: { ...next.informers, [name]: step.inf } };
  }
  return { w: next, changed };
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
  const inf = w.informers[timer.name];
  if (inf === undefined) return { w, changed: false };
  const run = informerRun(inf, timer.name, w.http, api, ctx);
  return { w: { http: run.hc, informers: { ...w.informers, [timer.name]: run.inf } }, changed: false };
}

export function objectsOf<T extends KubeObject>(w: Watched, name: string): T[] {
  return Object.values(w.informers[name]?.objects ?? {}) as T[];
}

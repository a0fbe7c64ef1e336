// A client-go informer (reflector + store): LIST with resourceVersion=0 (served by the watch cache),
// then WATCH from the list's resourceVersion; a watch that ends is re-established from the last
// resourceVersion, a 410 Gone forces a re-list, and failures back off 800 ms doubling to 30 s.
// When the API is unreachable the store simply keeps its last contents: controllers, kubelets and
// kube-proxy act on stale but consistent data.
import type { Ctx } from "../core/component";
import type { Ms } from "../core/types";
import { apiCall, PAGE_SIZE } from "../apiserver/http";
import { objectKey, type Resource } from "../objects/resources";
import type { KubeObject } from "../objects/kube-object";
import { httpSendInPlace, type HttpClient, type HttpClientConfig, type HttpResult } from "./http-client";
import { copyRecord, emptyRecord } from "../core/records";
import type { InformerTag } from "./library-tag";

export type InformerSpec = {
  resource: Resource;
  namespace: string | null;
  fieldSelector: Record<string, string> | null;
  labelSelector: Record<string, string> | null;
};

/**
 * Edited in place by the informer's functions: the caller owns it (Ctx.ownsState, or a copy it made). An informer
 * is named by its resource: its key among its owner's informers, and what its requests' tags and its timers carry.
 */
export type Informer = {
  spec: InformerSpec;
  /** The store: replaced on every change, never edited (memos key on it, e.g. kcm-api's sorted views). */
  objects: Readonly<Record<string, KubeObject>>;
  rv: string;
  synced: boolean;
  relist: boolean;
  backoffMs: Ms;
};

export type InformerChange = { type: "ADDED" | "MODIFIED" | "DELETED"; object: KubeObject };
export type InformerTimer = { lib: "informer"; t: "retry"; name: string };

const BACKOFF_BASE_MS = 800;
const BACKOFF_MAX_MS = 30_000;

export function newInformer(spec: InformerSpec): Informer {
  return { spec, objects: {}, rv: "0", synced: false, relist: true, backoffMs: 0 };
}

/** Starts (or restarts) the list/watch cycle, sending through a client the caller owns (see http-client.ts). */
export function informerRunInPlace<T = never>(
  inf: Informer,
  hc: HttpClient<T | InformerTag>,
  cfg: HttpClientConfig,
  ctx: Ctx,
): void {
  const { spec } = inf;
  const verb = inf.relist ? "list" : "watch";
  // reflector.go list: the pager keeps its 500 page size for resourceVersion="0" ("we also don't turn off pagination").
  const limit = inf.relist ? PAGE_SIZE : null;
  const call = apiCall(verb, spec.resource, {
    namespace: spec.namespace,
    rv: inf.relist ? "0" : inf.rv,
    fieldSelector: spec.fieldSelector,
    labelSelector: spec.labelSelector,
    limit,
  });
  httpSendInPlace(hc, cfg, call, { lib: "informer", informer: spec.resource, verb }, null, ctx);
}

/** The spec of an informer on every object of a resource (no namespace, no selectors). */
export function clusterWideSpec(resource: Resource): InformerSpec {
  return { resource, namespace: null, fieldSelector: null, labelSelector: null };
}

/**
 * New informers, one per spec and named by its resource, each starting its LIST now through a client the caller owns.
 */
export function startInformersInPlace<T = never>(
  specs: readonly InformerSpec[],
  hc: HttpClient<T | InformerTag>,
  cfg: HttpClientConfig,
  ctx: Ctx,
): Record<string, Informer> {
  const informers: Record<string, Informer> = {};
  for (const spec of specs) {
    const inf = newInformer(spec);
    informers[spec.resource] = inf;
    informerRunInPlace(inf, hc, cfg, ctx);
  }
  return informers;
}

/**
 * An informer's retry timer: the named informer (if it still exists) restarts its list/watch through a client the
 * caller owns.
 */
export function informerOnTimerInPlace<T = never>(
  informers: Readonly<Record<string, Informer>>,
  timer: InformerTimer,
  hc: HttpClient<T | InformerTag>,
  cfg: HttpClientConfig,
  ctx: Ctx,
): void {
  const inf = informers[timer.name];
  if (inf !== undefined) informerRunInPlace(inf, hc, cfg, ctx);
}

/** The differences between two stores, as the watch events a Replace would produce. */
function diff(
  before: Readonly<Record<string, KubeObject>>,
  after: Readonly<Record<string, KubeObject>>,
): InformerChange[] {
  const out: InformerChange[] = [];
  for (const k of Object.keys(after).sort()) {
    const b = before[k];
    const a = after[k]!;
    if (b === undefined) out.push({ type: "ADDED", object: a });
    else if (b.metadata.resourceVersion !== a.metadata.resourceVersion) out.push({ type: "MODIFIED", object: a });
  }
  for (const k of Object.keys(before).sort())
    if (after[k] === undefined) out.push({ type: "DELETED", object: before[k]! });
  return out;
}

/**
 * What a result of the informer's own requests means, for an informer and a client the caller owns: both are updated
 * in place. Returns the changes. The store itself is replaced, never edited: memos keyed by a store object stay valid.
 */
export function informerOnResultInPlace<T = never>(
  inf: Informer,
  r: HttpResult<InformerTag>,
  hc: HttpClient<T | InformerTag>,
  cfg: HttpClientConfig,
  ctx: Ctx,
): InformerChange[] {
  if (r.kind === "watch-event") {
    const key = objectKey(r.object);
    const objects = copyRecord(inf.objects);
    if (r.type === "DELETED") delete objects[key];
    else objects[key] = r.object;
    inf.objects = objects;
    inf.rv = r.object.metadata.resourceVersion;
    return [{ type: r.type, object: r.object }];
  }
  if (r.kind === "watch-end") {
    // The server closed the stream: resume watching from where we were, without a re-list.
    inf.relist = false;
    informerRunInPlace(inf, hc, cfg, ctx);
    return [];
  }
  const isList = r.tag.verb === "list";
  if (r.status === 200 && isList) {
    const body = r.body as { items: KubeObject[]; resourceVersion: string };
    const before = inf.objects;
    const objects: Record<string, KubeObject> = emptyRecord();
    for (const o of body.items) objects[objectKey(o)] = o;
    inf.objects = objects;
    inf.rv = body.resourceVersion;
    inf.synced = true;
    inf.relist = false;
    inf.backoffMs = 0;
    informerRunInPlace(inf, hc, cfg, ctx);
    return diff(before, objects);
  }
  if (r.status === 200) {
    inf.backoffMs = 0;
    return [];
  }
  // A failed list or a 410 Gone re-lists; failures back off 800 ms doubling to 30 s.
  inf.relist = isList || r.status === 410;
  inf.backoffMs = inf.backoffMs === 0 ? BACKOFF_BASE_MS : Math.min(inf.backoffMs * 2, BACKOFF_MAX_MS);
  ctx.after(inf.backoffMs + ctx.rng.int(Math.floor(inf.backoffMs / 10) + 1), {
    lib: "informer",
    t: "retry",
    name: inf.spec.resource,
  });
  return [];
}

// A client-go informer (reflector + store): LIST with resourceVersion=0 (served by the watch cache),
// then WATCH from the list's resourceVersion; a watch that ends is re-established from the last
// resourceVersion, a 410 Gone forces a re-list, and failures back off 800 ms doubling to 30 s.
// When the API is unreachable the store simply keeps its last contents: controllers, kubelets and
// kube-proxy act on stale but consistent data.
import type { Ctx } from "../core/component";
import type { Ms } from "../core/types";
import { apiCall } from "../apiserver/http";
import { objectKey, type Resource } from "../objects/resources";
import type { KubeObject } from "../objects/types";
import { httpSend, type HttpClient, type HttpClientConfig, type HttpResult } from "./http-client";
import { copyRecord, emptyRecord } from "../core/records";

export type InformerSpec = { resource: Resource; namespace: string | null; fieldSelector: Record<string, string> | null; labelSelector: Record<string, string> | null };

export type Informer = {
  spec: InformerSpec;
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

/** Starts (or restarts) the list/watch cycle. */
export function informerRun(inf: Informer, name: string, hc: HttpClient, cfg: HttpClientConfig, ctx: Ctx): { inf: Informer; hc: HttpClient } {
  const { spec } = inf;
  if (inf.relist) {
    const call = apiCall("list", spec.resource, { namespace: spec.namespace, rv: "0", fieldSelector: spec.fieldSelector, labelSelector: spec.labelSelector });
    return { inf, hc: httpSend(hc, cfg, call, `inf:${name}:list`, null, ctx).hc };
  }
  const call = apiCall("watch", spec.resource, { namespace: spec.namespace, rv: inf.rv, fieldSelector: spec.fieldSelector, labelSelector: spec.labelSelector });
  return { inf, hc: httpSend(hc, cfg, call, `inf:${name}:watch`, null, ctx).hc };
}

function backoff(inf: Informer, name: string, ctx: Ctx): Informer {
  const backoffMs = inf.backoffMs === 0 ? BACKOFF_BASE_MS : Math.min(inf.backoffMs * 2, BACKOFF_MAX_MS);
  ctx.after(backoffMs + ctx.rng.int(Math.floor(backoffMs / 10) + 1), { lib: "informer", t: "retry", name });
  return { ...inf, backoffMs };
}

/** The differences between two stores, as the watch events a Replace would produce. */
function diff(before: Readonly<Record<string, KubeObject>>, after: Readonly<Record<string, KubeObject>>): InformerChange[] {
  const out: InformerChange[] = [];
  for (const k of Object.keys(after).sort()) {
    const b = before[k];
    const a = after[k]!;
    if (b === undefined) out.push({ type: "ADDED", object: a });
    else if (b.metadata.resourceVersion !== a.metadata.resourceVersion) out.push({ type: "MODIFIED", object: a });
  }
  for (const k of Object.keys(before).sort()) if (after[k] === undefined) out.push({ type: "DELETED", object: before[k]! });
  return out;
}

export type InformerStep = { inf: Informer; hc: HttpClient; changes: InformerChange[] };

export function informerOnResult(inf: Informer, name: string, r: HttpResult, hc: HttpClient, cfg: HttpClientConfig, ctx: Ctx): InformerStep {
  if (r.kind === "watch-event") {
    const key = objectKey(r.object);
    const objects = copyRecord(inf.objects);
    if (r.type === "DELETED") delete objects[key];
    else objects[key] = r.object;
    return { inf: { ...inf, objects, rv: r.object.metadata.resourceVersion }, hc, changes: [{ type: r.type, object: r.object }] };
  }
  if (r.kind === "watch-end") {
    // The server closed the stream: resume watching from where we were, without a re-list.
    const run = informerRun({ ...inf, relist: false }, name, hc, cfg, ctx);
    return { ...run, changes: [] };
  }
  const isList = r.tag.endsWith(":list");
  if (r.status === 200 && isList) {
    const body = r.body as { items: KubeObject[]; resourceVersion: string };
    const objects: Record<string, KubeObject> = emptyRecord();
    for (const o of body.items) objects[objectKey(o)] = o;
    const next: Informer = { ...inf, objects, rv: body.resourceVersion, synced: true, relist: false, backoffMs: 0 };
    const run = informerRun(next, name, hc, cfg, ctx);
    return { ...run, changes: diff(inf.objects, objects) };
  }
  if (r.status === 200) return { inf: { ...inf, backoffMs: 0 }, hc, changes: [] };
  const relist = isList || r.status === 410;
  return { inf: backoff({ ...inf, relist }, name, ctx), hc, changes: [] };
}

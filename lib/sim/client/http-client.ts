// A Kubernetes REST client (client-go's rest.Client, reduced): requests with optional client-side
// timeouts, watch streams, and the transport errors a real client sees: "connection refused" when
// nothing listens, "EOF" or "connection reset by peer" when the server or the load balancer drops
// the connection. A library embedded in its owner's state; results are returned to the owner.
import type { Ctx } from "../core/component";
import { without } from "../core/records";
import type { Envelope, Ms, ProcId } from "../core/types";
import type { Credential } from "../apiserver/authn";
import type { HttpRequest, WatchType } from "../apiserver/http";
import type { KubeObject } from "../objects/types";
import { withEntry } from "../core/records";

export type HttpClientConfig = { server: ProcId; credential: Credential | null };

type Pending = { call: HttpRequest["call"]; sentAt: Ms; tag: string; watch: boolean; open: boolean };

export type HttpClient = { pending: Readonly<Record<string, Pending>> };

export type HttpResult =
  | { kind: "response"; id: string; tag: string; status: number; body: unknown; error: string | null; latencyMs: Ms; call: HttpRequest["call"] }
  | { kind: "watch-event"; id: string; tag: string; type: WatchType; object: KubeObject }
  | { kind: "watch-end"; id: string; tag: string; reason: string };

export type HttpClientTimer = { lib: "http"; t: "timeout"; id: string };

export function emptyHttpClient(): HttpClient {
  return { pending: {} };
}

/** Sends a request; `timeoutMs` null means no client-side timeout (kubectl's default). */
export function httpSend(
  hc: HttpClient,
  cfg: HttpClientConfig,
  call: HttpRequest["call"],
  tag: string,
  timeoutMs: Ms | null,
  ctx: Ctx,
): { hc: HttpClient; id: string } {
  const id = ctx.nextId("req");
  ctx.send(cfg.server, { p: "http", kind: "request", id, client: ctx.self, credential: cfg.credential, call });
  if (timeoutMs !== null) ctx.after(Math.max(1, Math.round(timeoutMs)), { lib: "http", t: "timeout", id });
  const watch = call.verb === "watch";
  return { hc: { pending: withEntry(hc.pending, id, { call, sentAt: ctx.now, tag, watch, open: false }) }, id };
}

/** Stops caring about a request or watch; late messages for it are ignored. */
export function httpForget(hc: HttpClient, id: string): HttpClient {
  if (hc.pending[id] === undefined) return hc;
  return { pending: without(hc.pending, id) };
}

function transportError(hc: HttpClient, id: string, message: string, ctx: Ctx, results: HttpResult[]): HttpClient {
  const p = hc.pending[id];
  if (p === undefined) return hc;
  if (p.open) results.push({ kind: "watch-end", id, tag: p.tag, reason: message });
  else results.push({ kind: "response", id, tag: p.tag, status: 0, body: null, error: message, latencyMs: ctx.now - p.sentAt, call: p.call });
  return httpForget(hc, id);
}

export function httpOnMessage(hc0: HttpClient, cfg: HttpClientConfig, env: Envelope, ctx: Ctx): { hc: HttpClient; results: HttpResult[] } {
  const results: HttpResult[] = [];
  const body = env.body;
  let hc = hc0;
  if (body.p === "net" && env.from === cfg.server) {
    if (body.kind === "refused") {
      const orig = body.original;
      if (orig.p === "http" && orig.kind === "request") hc = transportError(hc, orig.id, `dial tcp ${cfg.server}:6443: connect: connection refused`, ctx, results);
      return { hc, results };
    }
    for (const id of Object.keys(hc.pending).sort()) {
      const p = hc.pending[id]!;
      if (p.open) results.push({ kind: "watch-end", id, tag: p.tag, reason: body.reason });
      else results.push({ kind: "response", id, tag: p.tag, status: 0, body: null, error: body.reason, latencyMs: ctx.now - p.sentAt, call: p.call });
    }
    return { hc: emptyHttpClient(), results };
  }
  if (body.p !== "http" || body.kind === "request") return { hc, results };
  const p = hc.pending[body.id];
  if (p === undefined) return { hc, results };
  if (body.kind === "response") {
    results.push({ kind: "response", id: body.id, tag: p.tag, status: body.status, body: body.body, error: body.error, latencyMs: ctx.now - p.sentAt, call: p.call });
    if (p.watch && body.status === 200) hc = { pending: withEntry(hc.pending, body.id, { ...p, open: true }) };
    else hc = httpForget(hc, body.id);
  } else if (body.kind === "watch-event") {
    results.push({ kind: "watch-event", id: body.id, tag: p.tag, type: body.type, object: body.object });
  } else {
    results.push({ kind: "watch-end", id: body.id, tag: p.tag, reason: body.reason });
    hc = httpForget(hc, body.id);
  }
  return { hc, results };
}

export function httpOnTimer(hc: HttpClient, timer: HttpClientTimer, ctx: Ctx): { hc: HttpClient; results: HttpResult[] } {
  const p = hc.pending[timer.id];
  if (p === undefined || p.watch) return { hc, results: [] };
  const results: HttpResult[] = [];
  const next = transportError(hc, timer.id, "context deadline exceeded (Client.Timeout exceeded while awaiting headers)", ctx, results);
  return { hc: next, results };
}

// A Kubernetes REST client (client-go's rest.Client, reduced): requests with optional client-side
// timeouts, watch streams, and the transport errors a real client sees: "connection refused" when
// nothing listens, "EOF" or "connection reset by peer" when the server or the load balancer drops
// the connection. A GET (get, list, a watch not yet open) that lost its connection that way is sent
// again at once, up to 10 times, as client-go's rest/request.go does (request's
// isErrRetryableFunc: only GETs, on net.IsConnectionReset / IsProbableEOF; maxRetries 10, no
// back-off by default); writes are never retried. A library embedded in its owner's state; results
// are returned to the owner.
//
// Client-side timeouts: each request's deadline is kept with it, and the client keeps one timer armed
// at the earliest deadline rather than one per request. Go stops a request's timer when the request
// ends (its context is cancelled); here a request that ended simply leaves no deadline behind, and
// the timer that finds nothing due re-arms for the next deadline, if any. Every request still fails
// at exactly its own deadline, while a client whose requests all answer in time (a leader renewing
// its Lease every 2 s within a 10 s window) fires one timer per window instead of one per request.
//
// Two ways to use it. Components that copy their state on every change call the pure functions
// (httpSend, httpOnMessage, ...), which return a new client and leave theirs untouched. Components
// that edit a state they own (Ctx.ownsState, core/draft.ts) call the *InPlace functions on a client
// they own: their run's own, or a httpClientCopy. Both share one implementation, so they behave alike.
import type { Ctx } from "../core/component";
import { copyRecord, emptyRecord, without } from "../core/records";
import type { Envelope, Ms, ProcId } from "../core/types";
import type { Credential } from "../apiserver/authn";
import type { HttpRequest, WatchType } from "../apiserver/http";
import type { KubeObject } from "../objects/kube-object";

export type HttpClientConfig = { server: ProcId; credential: Credential | null };

/**
 * `tag`: the request context its sender gets back with the result: typed data, the owner's own or a
 * client library's (library-tag.ts). `retries`: how often a lost connection already made client-go send it again.
 * `deadline`: when its client-side timeout ends (null: none; a watch never times out once sent).
 */
type Pending<T> = {
  call: HttpRequest["call"];
  sentAt: Ms;
  tag: T;
  watch: boolean;
  open: boolean;
  retries: number;
  deadline: Ms | null;
};

/** rest.Request's default maxRetries. */
const RETRIES_MAX = 10;

/**
 * `pending` is replaced by the pure functions and edited by the in-place ones (only on an owned client), `armed` and
 * `timed` likewise: the timeout timers armed and not yet fired, each named by the request whose send armed it, and
 * how many pending requests have a deadline (a timer that finds none has nothing to look at).
 */
export type HttpClient<T> = { pending: Record<string, Pending<T>>; armed: readonly ArmedTimer[]; timed: number };

type ArmedTimer = { id: string; at: Ms };

export type HttpResult<T> =
  | {
      kind: "response";
      id: string;
      tag: T;
      status: number;
      body: unknown;
      error: string | null;
      latencyMs: Ms;
      call: HttpRequest["call"];
      warnings?: string[];
    }
  | { kind: "watch-event"; id: string; tag: T; type: WatchType; object: KubeObject }
  | { kind: "watch-end"; id: string; tag: T; reason: string };

/** The answer to a request (what a component's response handler takes). */
export type HttpResponse<T> = HttpResult<T> & { kind: "response" };

export type HttpClientTimer = { lib: "http"; t: "timeout"; id: string };

const NO_RESULTS: readonly HttpResult<never>[] = Object.freeze([]);

const TIMEOUT = "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";

const NO_TIMERS: readonly ArmedTimer[] = Object.freeze([]);

/** What the pure functions return: a new client (or `hc` itself when nothing changed), and the id or the results. */
type Sent<T> = { hc: HttpClient<T>; id: string };
type Received<T> = { hc: HttpClient<T>; results: HttpResult<T>[] };

export function emptyHttpClient<T>(): HttpClient<T> {
  return { pending: {}, armed: NO_TIMERS, timed: 0 };
}

/** A copy of `hc` the caller owns, for the in-place functions. Pure. */
export function httpClientCopy<T>(hc: HttpClient<T>): HttpClient<T> {
  return { pending: copyRecord(hc.pending), armed: hc.armed, timed: hc.timed };
}

/** Records `p` (or, with undefined, forgets `id`) in `hc` when owned, else in a copy. Returns the client written. */
function put<T>(hc: HttpClient<T>, owned: boolean, id: string, p: Pending<T> | undefined): HttpClient<T> {
  if (p === undefined) {
    const gone = hc.pending[id];
    const timed = gone !== undefined && hasDeadline(gone) ? hc.timed - 1 : hc.timed;
    if (!owned) return { pending: without(hc.pending, id), armed: hc.armed, timed };
    delete hc.pending[id];
    hc.timed = timed;
    return hc;
  }
  const out = owned ? hc : httpClientCopy(hc);
  out.pending[id] = p;
  return out;
}

/**
 * Sends a request, recorded in `hc` itself (the caller owns it); `timeoutMs` null: no client-side timeout. Returns its
 * id.
 */
export function httpSendInPlace<T>(
  hc: HttpClient<T>,
  cfg: HttpClientConfig,
  call: HttpRequest["call"],
  tag: T,
  timeoutMs: Ms | null,
  ctx: Ctx,
): string {
  const id = ctx.nextId("req");
  ctx.send(cfg.server, { p: "http", kind: "request", id, client: ctx.self, credential: cfg.credential, call });
  const deadline = timeoutMs === null ? null : ctx.now + Math.max(1, Math.round(timeoutMs));
  const watch = call.verb === "watch";
  const p = { call, sentAt: ctx.now, tag, watch, open: false, retries: 0, deadline };
  hc.pending[id] = p;
  if (hasDeadline(p)) {
    hc.timed++;
    armFor(hc, id, p.deadline, ctx);
  }
  return id;
}

/** Whether a client-side timeout can end the request (a watch's never does). */
function hasDeadline<T>(p: Pending<T>): p is Pending<T> & { deadline: Ms } {
  return p.deadline !== null && !p.watch;
}

/** Arms a timer at `deadline` for request `id` unless one already fires no later. Edits `hc` (owned). */
function armFor<T>(hc: HttpClient<T>, id: string, deadline: Ms, ctx: Ctx): void {
  for (const a of hc.armed) if (a.at <= deadline) return;
  ctx.after(deadline - ctx.now, { lib: "http", t: "timeout", id });
  hc.armed = [...hc.armed, { id, at: deadline }];
}

/** httpSendInPlace on a copy: `hc` is left untouched. */
export function httpSend<T>(...[hc, cfg, call, tag, timeoutMs, ctx]: Parameters<typeof httpSendInPlace<T>>): Sent<T> {
  const next = httpClientCopy(hc);
  return { hc: next, id: httpSendInPlace(next, cfg, call, tag, timeoutMs, ctx) };
}

function transportError<T>(
  hc: HttpClient<T>,
  owned: boolean,
  id: string,
  message: string,
  ctx: Ctx,
  results: HttpResult<T>[],
): HttpClient<T> {
  const p = hc.pending[id];
  if (p === undefined) return hc;
  results.push(lost(id, p, message, ctx));
  return put(hc, owned, id, undefined);
}

/** What a request whose connection failed reports: its stream's end if it is an open watch, else status 0. */
function lost<T>(id: string, p: Pending<T>, message: string, ctx: Ctx): HttpResult<T> {
  if (p.open) return { kind: "watch-end", id, tag: p.tag, reason: message };
  const latencyMs = ctx.now - p.sentAt;
  return { kind: "response", id, tag: p.tag, status: 0, body: null, error: message, latencyMs, call: p.call };
}

/** client-go sends a GET again when its connection was lost mid-request (IsProbableEOF, IsConnectionReset). */
function isRetriedGet<T>(p: Pending<T>, reason: string): boolean {
  const isGet = p.call.verb === "get" || p.call.verb === "list" || p.call.verb === "watch";
  return isGet && p.retries < RETRIES_MAX && (reason === "EOF" || reason.includes("connection reset by peer"));
}

/** What a message means for the client's requests. Writes `hc` only when `owned`; returns the client written. */
function receive<T>(
  hc: HttpClient<T>,
  owned: boolean,
  cfg: HttpClientConfig,
  env: Envelope,
  ctx: Ctx,
  results: HttpResult<T>[],
): HttpClient<T> {
  const body = env.body;
  if (body.p === "net" && env.from === cfg.server) {
    if (body.kind === "refused") {
      const orig = body.original;
      return orig.p === "http" && orig.kind === "request"
        ? transportError(hc, owned, orig.id, `dial tcp ${cfg.server}:6443: connect: connection refused`, ctx, results)
        : hc;
    }
    const retried: Record<string, Pending<T>> = emptyRecord();
    for (const id of Object.keys(hc.pending).sort()) {
      const p = hc.pending[id]!;
      if (!p.open && isRetriedGet(p, body.reason)) {
        ctx.send(cfg.server, {
          p: "http",
          kind: "request",
          id,
          client: ctx.self,
          credential: cfg.credential,
          call: p.call,
        });
        retried[id] = { ...p, retries: p.retries + 1 };
      } else results.push(lost(id, p, body.reason, ctx));
    }
    let timed = 0;
    for (const id in retried) if (hasDeadline(retried[id]!)) timed++;
    if (!owned) return { pending: retried, armed: hc.armed, timed };
    hc.pending = retried;
    hc.timed = timed;
    return hc;
  }
  if (body.p !== "http" || body.kind === "request") return hc;
  const p = hc.pending[body.id];
  if (p === undefined) return hc;
  if (body.kind === "response") {
    const r: HttpResult<T> = {
      kind: "response",
      id: body.id,
      tag: p.tag,
      status: body.status,
      body: body.body,
      error: body.error,
      latencyMs: ctx.now - p.sentAt,
      call: p.call,
    };
    results.push(body.warnings === undefined ? r : { ...r, warnings: body.warnings });
    return put(hc, owned, body.id, p.watch && body.status === 200 ? { ...p, open: true } : undefined);
  }
  if (body.kind === "watch-event") {
    results.push({ kind: "watch-event", id: body.id, tag: p.tag, type: body.type, object: body.object });
    return hc;
  }
  results.push({ kind: "watch-end", id: body.id, tag: p.tag, reason: body.reason });
  return put(hc, owned, body.id, undefined);
}

/** A message's results, for a client the caller owns: updated in place. */
export function httpOnMessageInPlace<T>(
  hc: HttpClient<T>,
  cfg: HttpClientConfig,
  env: Envelope,
  ctx: Ctx,
): readonly HttpResult<T>[] {
  const body = env.body;
  if (body.p === "http" && body.kind !== "request" && hc.pending[body.id] === undefined) return NO_RESULTS;
  const results: HttpResult<T>[] = [];
  receive(hc, true, cfg, env, ctx, results);
  return results;
}

/** httpOnMessageInPlace without the edit: `hc` is left untouched (copied where the message changes it). */
export function httpOnMessage<T>(...[hc, cfg, env, ctx]: Parameters<typeof httpOnMessageInPlace<T>>): Received<T> {
  const results: HttpResult<T>[] = [];
  return { hc: receive(hc, false, cfg, env, ctx, results), results };
}

/**
 * One of the client's timeout timers: every request whose deadline has come fails; the timer for the
 * next deadline is armed if none is. Edits `hc` (owned) and returns its results.
 */
function expire<T>(hc: HttpClient<T>, timer: HttpClientTimer, ctx: Ctx): readonly HttpResult<T>[] {
  const i = hc.armed.findIndex((a) => a.id === timer.id);
  if (i < 0) return NO_RESULTS; // another client's timer (a component may own several clients)
  hc.armed = hc.armed.filter((_, j) => j !== i);
  if (hc.timed === 0) return NO_RESULTS;
  let results: HttpResult<T>[] | null = null;
  let next: { id: string; at: Ms } | null = null;
  for (const id in hc.pending) {
    const p = hc.pending[id]!;
    if (!hasDeadline(p)) continue;
    if (p.deadline <= ctx.now) transportError(hc, true, id, TIMEOUT, ctx, (results ??= []));
    else if (next === null || p.deadline < next.at) next = { id, at: p.deadline };
  }
  if (next !== null) armFor(hc, next.id, next.at, ctx);
  return results ?? NO_RESULTS;
}

/** A timeout timer of the client; `hc` is left untouched. */
export function httpOnTimer<T>(hc: HttpClient<T>, timer: HttpClientTimer, ctx: Ctx): Received<T> {
  if (!hc.armed.some((a) => a.id === timer.id)) return { hc, results: [] };
  const next = httpClientCopy(hc);
  return { hc: next, results: [...expire(next, timer, ctx)] };
}

/** httpOnTimer on a client the caller owns, updated in place. */
export function httpOnTimerInPlace<T>(hc: HttpClient<T>, timer: HttpClientTimer, ctx: Ctx): readonly HttpResult<T>[] {
  return expire(hc, timer, ctx);
}

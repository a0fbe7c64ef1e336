// The request path of kube-apiserver's handler chain: (not listening yet: connection refused) ->
// authentication (401) -> authorization (403) -> the REST handler: reads, writes (admission runs
// inside the write path), watches from the cache, and the health endpoints. Every non-watch
// request gets the --request-timeout deadline (60 s -> 504).
import type { Ctx } from "../core/component";
import type { Envelope } from "../core/types";
import { RESOURCES } from "../objects/resources";
import { authenticate } from "./authn";
import { eventsAfter } from "./cacher";
import { inNamespace, matchesSelectors } from "./convert";
import { CACHE_NOT_READY, forbidden, gone, UNAUTHORIZED } from "./errors";
import type { ApiCall, HttpRequest } from "./http";
import { authorizeRequest } from "./authorize";
import { nodeIdentity } from "./node-authorizer";
import type { Attributes } from "./rbac";
import { startRead } from "./reads";
import { fail, issueEtcd } from "./respond";
import type { ApiServerConfig, ApiServerState, InFlight } from "./state";
import { startEviction } from "./eviction";
import { startWrite } from "./writes";
import { flowSchemaFor, isTraced, traceStage } from "./flow-trace";
import { copyRecord, withEntry } from "../core/records";

const HEALTH_KEY = "/registry/health";

export function onRequest(s: ApiServerState, cfg: ApiServerConfig, env: Envelope, req: HttpRequest, ctx: Ctx): void {
  if (!s.listening) {
    ctx.send(env.from, { p: "net", kind: "refused", original: req });
    return;
  }
  if (req.call.verb === "health") {
    // Health endpoints are open to anyone (system:public-info-viewer); they check etcd with a 2 s timeout.
    admit(s, env, req, "system:anonymous", ctx);
    if (req.call.path === "/readyz" && !cfg.resources.every((r) => s.caches[r].everReady)) {
      fail(
        s,
        req.id,
        { status: 500, reason: "InternalError", message: "[-]informer-sync failed: reason withheld" },
        ctx,
      );
      return;
    }
    ctx.after(cfg.etcdHealthTimeoutMs, { t: "health-timeout", id: req.id });
    issueEtcd(
      s,
      cfg,
      { kind: "request", id: req.id, purpose: "health" },
      { kind: "range", key: HEALTH_KEY, prefix: false, serializable: false },
      ctx,
    );
    return;
  }
  const call = req.call;
  if (s.caches[call.resource] === undefined) {
    // An API group this server does not serve (--runtime-config=batch/v1=false): no route, 404.
    admit(s, env, req, "system:anonymous", ctx);
    fail(
      s,
      req.id,
      { status: 404, reason: "NotFound", message: "the server could not find the requested resource" },
      ctx,
    );
    return;
  }
  const authn = authenticate(cfg.authn, req.credential);
  if (authn === null) {
    admit(s, env, req, "system:anonymous", ctx);
    fail(s, req.id, UNAUTHORIZED, ctx);
    return;
  }
  const user = authn.user;
  const attrs = attributesOf(call);
  const decision = authorizeRequest(cfg.rbac, s.caches.pods.objects, user, attrs);
  if (isTraced(cfg, call)) {
    const [schema, level] = flowSchemaFor(user);
    traceStage(ctx, call, user.name, "authentication", authn.how);
    traceStage(
      ctx,
      call,
      user.name,
      "priority-and-fairness",
      `FlowSchema ${schema} → priority level ${level}; a seat is free, so it is dispatched at once`,
    );
    traceStage(
      ctx,
      call,
      user.name,
      "authorization",
      decision.allowed
        ? decision.reason
        : `Node,RBAC: nothing allows it (403)${decision.reason === "" ? "" : `: ${decision.reason}`}`,
    );
  }
  if (!decision.allowed) {
    admit(s, env, req, user.name, ctx);
    fail(s, req.id, forbidden(user.name, attrs, decision.reason), ctx);
    return;
  }
  if (call.verb === "watch") {
    startWatch(s, cfg, env, req, call, ctx);
    return;
  }
  const inflight = admit(s, env, req, user.name, ctx, nodeIdentity(user));
  if (s.deadlineAt === null) {
    ctx.after(cfg.requestTimeoutMs, { t: "deadline" });
    s.deadlineAt = ctx.now + cfg.requestTimeoutMs;
  }
  if (call.verb === "get" || call.verb === "list") startRead(s, cfg, inflight, call, ctx);
  // The Eviction API is a write built on others (eviction.ts): it PATCHes a budget, then deletes the pod.
  else if (call.subresource === "eviction") startEviction(s, cfg, inflight, call, ctx);
  else startWrite(s, cfg, inflight, call, ctx);
}

/** RequestInfo as the authorizers see it: a create names no object unless it is a subresource's. Pure. */
function attributesOf(call: ApiCall): Attributes {
  const name =
    call.name ??
    (call.verb === "list" || call.verb === "watch" ? (call.fieldSelector?.["metadata.name"] ?? null) : null);
  return {
    verb: call.verb,
    apiGroup: RESOURCES[call.resource].group,
    resource: call.resource,
    subresource: call.subresource,
    namespace: call.namespace,
    name,
    fieldSelector: call.fieldSelector,
  };
}

/** Records the request as in flight, on behalf of `user`. */
function admit(
  s: ApiServerState,
  env: Envelope,
  req: HttpRequest,
  user: string,
  ctx: Ctx,
  node: string | null = null,
): InFlight {
  const f: InFlight = {
    id: req.id,
    via: env.from,
    client: req.client,
    call: req.call,
    user,
    node,
    startedAt: ctx.now,
    current: null,
    attempts: 0,
  };
  s.inflight[req.id] = f;
  return f;
}

/** The answer that opens (or refuses) a watch stream. */
function replyToWatch(
  env: Envelope,
  req: HttpRequest,
  rv: number,
  status: number,
  error: string | null,
  ctx: Ctx,
): void {
  ctx.send(env.from, { p: "http", kind: "response", id: req.id, status, body: { resourceVersion: String(rv) }, error });
}

/** A watch is served entirely from the cache: 429 while it initializes, 410 if the RV is too old. */
function startWatch(
  s: ApiServerState,
  cfg: ApiServerConfig,
  env: Envelope,
  req: HttpRequest,
  call: ApiCall,
  ctx: Ctx,
): void {
  const c = s.caches[call.resource];
  if (!c.ready) {
    replyToWatch(env, req, c.rv, CACHE_NOT_READY.status, CACHE_NOT_READY.message, ctx);
    return;
  }
  const initial =
    call.rv === null || call.rv === "0"
      ? Object.values(c.objects).map((object) => ({ type: "ADDED" as const, object }))
      : (eventsAfter(c, Number(call.rv)) ?? null);
  if (initial === null) {
    // watch_cache.go getAllEventsSinceLocked: a resourceVersion older than the cache's window is "too
    // old"; client-go's reflector answers 410 Gone with a fresh LIST (reflector.go isExpiredError).
    if (cfg.traceWatchExpiry === true)
      ctx.trace(
        "apiserver.watch-expired",
        `${ctx.self}: ${req.client} asks to watch ${call.resource} from resourceVersion ` +
          `${call.rv}, older than the watch cache's window (it starts after ` +
          `${c.historyFrom}): 410 Gone "${gone().message}", so the client must re-list.`,
        { resource: call.resource, client: req.client, rv: Number(call.rv), cacheFrom: c.historyFrom },
      );
    replyToWatch(env, req, c.rv, gone().status, gone().message, ctx);
    return;
  }
  replyToWatch(env, req, c.rv, 200, null, ctx);
  for (const e of initial) {
    if (inNamespace(e.object, call.namespace) && matchesSelectors(e.object, call.fieldSelector, call.labelSelector))
      ctx.send(env.from, { p: "http", kind: "watch-event", id: req.id, type: e.type, object: e.object });
  }
  const watcher = {
    resource: call.resource,
    namespace: call.namespace,
    via: env.from,
    id: req.id,
    fieldSelector: call.fieldSelector,
    labelSelector: call.labelSelector,
  };
  s.watchers = withEntry(s.watchers, `${env.from} ${req.id}`, watcher); // replaced, not edited: see ApiServerState
}

/** The client (or the LB connection carrying its requests) went away. */
export function dropVia(s: ApiServerState, via: string): void {
  const watchers = copyRecord(s.watchers);
  for (const k of Object.keys(watchers)) if (watchers[k]!.via === via) delete watchers[k];
  s.watchers = watchers;
}

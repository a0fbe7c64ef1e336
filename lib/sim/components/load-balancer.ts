// A TCP load balancer in front of the API servers, configured as in kubeadm's HA guide (HAProxy:
// `option httpchk GET /healthz`, `inter 10s downinter 5s rise 2 fall 2`, round robin). It proxies
// every request and watch stream, so when a backend dies or is refused the client sees the
// connection close ("EOF"). Until health checks mark a dead backend DOWN, some requests still go to it.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import type { HttpRequest } from "../apiserver/http";
import { copyRecord, emptyRecord } from "../core/records";

export type LbConfig = { backends: ProcId[]; checkIntervalMs: Ms; downIntervalMs: Ms; checkTimeoutMs: Ms; fall: number; rise: number };

type Backend = { up: boolean; fails: number; oks: number; checking: string | null };
/** A proxied connection: a request until its response, or a watch stream until it ends. */
type Conn = { client: ProcId; backend: ProcId; watch: boolean };

/** `conns` is edited in place, `rr` and `backends` are set in place (the state is owned, see `own`). */
export type LbState = { backends: Readonly<Record<ProcId, Backend>>; rr: number; conns: Record<string, Conn> };

export type LbTimer = { t: "check"; backend: ProcId } | { t: "check-timeout"; backend: ProcId; id: string };

function boot(cfg: LbConfig, _p: unknown, ctx: Ctx): LbState {
  const backends: Record<ProcId, Backend> = {};
  cfg.backends.forEach((b, i) => {
    backends[b] = { up: true, fails: 0, oks: 0, checking: null };
    // Stagger the checks like HAProxy's spread-checks so the backends are not probed in lockstep.
    ctx.after(Math.floor((cfg.checkIntervalMs * (i + 1)) / (cfg.backends.length + 1)), { t: "check", backend: b });
  });
  return { backends, rr: 0, conns: emptyRecord() };
}

/**
 * The state a handler call edits in place: the run's own (ctx.ownsState, core/draft.ts), else a copy
 * with its own connection record, so that the state passed in stays untouched (the pure step()).
 * A request used to copy the whole record (every open watch stream) twice, on its way in and out.
 */
function own(s: LbState, ctx: Ctx): LbState {
  return ctx.ownsState === true ? s : { ...s, conns: copyRecord(s.conns) };
}

function closeClient(s: LbState, id: string, ctx: Ctx): LbState {
  const conn = s.conns[id];
  if (conn === undefined) return s;
  // HAProxy drops the client side when the server side fails: the client reads EOF.
  ctx.send(conn.client, { p: "net", kind: "closed", reason: "EOF" });
  delete s.conns[id];
  return s;
}

function forward(s: LbState, cfg: LbConfig, env: Envelope, req: HttpRequest, ctx: Ctx): LbState {
  const n = cfg.backends.length;
  for (let i = 0; i < n; i++) {
    const b = cfg.backends[(s.rr + i) % n]!;
    if (!s.backends[b]!.up) continue;
    ctx.send(b, req);
    s.rr = (s.rr + i + 1) % n;
    s.conns[req.id] = { client: env.from, backend: b, watch: req.call.verb === "watch" };
    return s;
  }
  ctx.send(env.from, { p: "net", kind: "closed", reason: "EOF" }); // no server available
  return s;
}

function onCheckResult(s: LbState, cfg: LbConfig, backend: ProcId, ok: boolean, ctx: Ctx): LbState {
  const b = s.backends[backend]!;
  const next: Backend = { ...b, checking: null, fails: ok ? 0 : b.fails + 1, oks: ok ? b.oks + 1 : 0 };
  if (b.up && next.fails >= cfg.fall) {
    next.up = false;
    ctx.trace("lb.backend-down", `The load balancer marks ${backend} DOWN after ${cfg.fall} failed health checks (GET /healthz) and stops sending it requests.`, { backend });
  } else if (!b.up && next.oks >= cfg.rise) {
    next.up = true;
    ctx.trace("lb.backend-up", `The load balancer marks ${backend} UP again after ${cfg.rise} successful health checks.`, { backend });
  }
  ctx.after(next.up ? cfg.checkIntervalMs : cfg.downIntervalMs, { t: "check", backend });
  s.backends = { ...s.backends, [backend]: next };
  return s;
}

function onMessage(s0: LbState, env: Envelope, ctx: Ctx, cfg: LbConfig): LbState {
  const s = own(s0, ctx);
  const body = env.body;
  if (body.p === "http" && body.kind === "request") return forward(s, cfg, env, body, ctx);
  const b = s.backends[env.from];
  if (b === undefined) {
    // A client closed its side: forget its connections.
    if (body.p === "net" && body.kind === "closed") {
      for (const id of Object.keys(s.conns)) if (s.conns[id]!.client === env.from) delete s.conns[id];
    }
    return s;
  }
  if (body.p === "http" && body.kind === "response" && body.id === b.checking) return onCheckResult(s, cfg, env.from, body.status === 200, ctx);
  if (body.p === "net") {
    if (body.kind === "refused" && body.original.p === "http" && body.original.kind === "request") {
      if (body.original.id === b.checking) return onCheckResult(s, cfg, env.from, false, ctx);
      return closeClient(s, body.original.id, ctx);
    }
    for (const id of Object.keys(s.conns).sort()) if (s.conns[id]!.backend === env.from) closeClient(s, id, ctx);
    return b.checking !== null ? onCheckResult(s, cfg, env.from, false, ctx) : s;
  }
  if (body.p !== "http") return s;
  const conn = s.conns[body.id];
  if (conn === undefined) return s;
  ctx.send(conn.client, body);
  if ((body.kind === "response" && !(conn.watch && body.status === 200)) || body.kind === "watch-end") delete s.conns[body.id];
  return s;
}

function onTimer(s0: LbState, timer: LbTimer, ctx: Ctx, cfg: LbConfig): LbState {
  const s = own(s0, ctx);
  const b = s.backends[timer.backend]!;
  if (timer.t === "check-timeout") return b.checking === timer.id ? onCheckResult(s, cfg, timer.backend, false, ctx) : s;
  const id = ctx.nextId("lbcheck");
  ctx.send(timer.backend, { p: "http", kind: "request", id, client: ctx.self, credential: null, call: { verb: "health", path: "/healthz" } });
  ctx.after(cfg.checkTimeoutMs, { t: "check-timeout", backend: timer.backend, id });
  s.backends = { ...s.backends, [timer.backend]: { ...b, checking: id } };
  return s;
}

export const loadBalancer = defineComponent<LbConfig, LbState, LbTimer>({
  kind: "load-balancer",
  editsOwnedState: true,
  boot,
  onMessage,
  onTimer,
  onCrash: (s) => ({ persisted: undefined, peers: [...new Set(Object.values(s.conns).map((c) => c.client))] }),
});

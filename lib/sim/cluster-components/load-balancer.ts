// A TCP load balancer in front of the API servers, configured as in kubeadm's HA guide (kubeadm
// docs/ha-considerations.md, haproxy.cfg): `option httpchk GET /healthz` with HAProxy's default
// check timing (inter 2s, downinter = inter, fall 3, rise 2), round robin, and `retries 1` with
// `option redispatch`: a connection a backend refuses is retried once, on another server, so the
// client never notices. A backend that dies under an open connection closes it, and the client
// reads EOF. Until health checks mark a dead backend DOWN, new connections still go to it.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import type { HttpRequest } from "../apiserver/http";
import { copyRecord, emptyRecord } from "../core/records";

export type LbConfig = { backends: ProcId[]; checkIntervalMs: Ms; checkTimeoutMs: Ms; fall: number; rise: number };

/** haproxy.cfg `retries 1`: one more connection attempt, on another server (`option redispatch`, last retry). */
const RETRIES = 1;

/**
 * `quiet`: whether a redispatch away from it goes untraced. Null until it first passes a check (at
 * boot every backend refuses); false once it has, until the first redispatch after that is traced.
 */
type Backend = { up: boolean; fails: number; oks: number; checking: string | null; quiet: boolean | null };
/** A proxied connection: a request until its response, or a watch stream until it ends. `req`: kept for a retry. */
type Conn = { client: ProcId; backend: ProcId; watch: boolean; req: HttpRequest; retries: number };

/** `conns` is edited in place, `rr` and `backends` are set in place (the state is owned, see `own`). */
type LbState = { backends: Readonly<Record<ProcId, Backend>>; rr: number; conns: Record<string, Conn> };

type LbTimer = { t: "check"; backend: ProcId } | { t: "check-timeout"; backend: ProcId; id: string };

function boot(cfg: LbConfig, _p: unknown, ctx: Ctx): LbState {
  const backends: Record<ProcId, Backend> = {};
  cfg.backends.forEach((b, i) => {
    backends[b] = { up: true, fails: 0, oks: 0, checking: null, quiet: null };
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

/** Sends `req` to the next UP backend in round-robin order other than `avoid`; false when there is none. */
function dispatch(
  s: LbState,
  cfg: LbConfig,
  client: ProcId,
  req: HttpRequest,
  retries: number,
  avoid: ProcId | null,
  ctx: Ctx,
): boolean {
  const n = cfg.backends.length;
  for (let i = 0; i < n; i++) {
    const b = cfg.backends[(s.rr + i) % n]!;
    if (!s.backends[b]!.up || b === avoid) continue;
    ctx.send(b, req);
    s.rr = (s.rr + i + 1) % n;
    s.conns[req.id] = { client, backend: b, watch: req.call.verb === "watch", req, retries };
    return true;
  }
  return false;
}

function forward(s: LbState, cfg: LbConfig, env: Envelope, req: HttpRequest, ctx: Ctx): LbState {
  // no server available
  if (!dispatch(s, cfg, env.from, req, 0, null, ctx)) ctx.send(env.from, { p: "net", kind: "closed", reason: "EOF" });
  return s;
}

/** A backend refused the connection: nothing reached it, so HAProxy may try another server. */
function redispatch(s: LbState, cfg: LbConfig, id: string, ctx: Ctx): LbState {
  const conn = s.conns[id];
  if (conn === undefined) return s;
  const refusedBy = conn.backend;
  if (conn.retries < RETRIES && dispatch(s, cfg, conn.client, conn.req, conn.retries + 1, refusedBy, ctx)) {
    const b = s.backends[refusedBy]!;
    if (b.quiet !== false) return s;
    const to = s.conns[id]!.backend;
    ctx.trace(
      "lb.redispatched",
      `${refusedBy} refuses connections, so the load balancer retries them on another server ` +
        `(retries 1, option redispatch): ${conn.client}'s goes to ${to}. Only the first is shown.`,
      { from: refusedBy, to, client: conn.client },
    );
    s.backends = { ...s.backends, [refusedBy]: { ...b, quiet: true } };
    return s;
  }
  return closeClient(s, id, ctx);
}

function onCheckResult(s: LbState, cfg: LbConfig, backend: ProcId, ok: boolean, ctx: Ctx): LbState {
  const b = s.backends[backend]!;
  const next: Backend = {
    ...b,
    checking: null,
    fails: ok ? 0 : b.fails + 1,
    oks: ok ? b.oks + 1 : 0,
    quiet: ok ? false : b.quiet,
  };
  if (b.up && next.fails >= cfg.fall) {
    next.up = false;
    ctx.trace(
      "lb.backend-down",
      `The load balancer marks ${backend} DOWN after ${cfg.fall} failed ` +
        "health checks (GET /healthz) and stops sending it requests.",
      { backend },
    );
  } else if (!b.up && next.oks >= cfg.rise) {
    next.up = true;
    ctx.trace(
      "lb.backend-up",
      `The load balancer marks ${backend} UP again after ${cfg.rise} successful health checks.`,
      { backend },
    );
  }
  ctx.after(cfg.checkIntervalMs, { t: "check", backend });
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
  if (body.p === "http" && body.kind === "response" && body.id === b.checking)
    return onCheckResult(s, cfg, env.from, body.status === 200, ctx);
  if (body.p === "net") {
    if (body.kind === "refused" && body.original.p === "http" && body.original.kind === "request") {
      if (body.original.id === b.checking) return onCheckResult(s, cfg, env.from, false, ctx);
      return redispatch(s, cfg, body.original.id, ctx);
    }
    for (const id of Object.keys(s.conns).sort()) if (s.conns[id]!.backend === env.from) closeClient(s, id, ctx);
    return b.checking !== null ? onCheckResult(s, cfg, env.from, false, ctx) : s;
  }
  if (body.p !== "http") return s;
  const conn = s.conns[body.id];
  if (conn === undefined) return s;
  ctx.send(conn.client, body);
  if ((body.kind === "response" && !(conn.watch && body.status === 200)) || body.kind === "watch-end")
    delete s.conns[body.id];
  return s;
}

function onTimer(s0: LbState, timer: LbTimer, ctx: Ctx, cfg: LbConfig): LbState {
  const s = own(s0, ctx);
  const b = s.backends[timer.backend]!;
  if (timer.t === "check-timeout")
    return b.checking === timer.id ? onCheckResult(s, cfg, timer.backend, false, ctx) : s;
  const id = ctx.nextId("lbcheck");
  ctx.send(timer.backend, {
    p: "http",
    kind: "request",
    id,
    client: ctx.self,
    credential: null,
    call: { verb: "health", path: "/healthz" },
  });
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

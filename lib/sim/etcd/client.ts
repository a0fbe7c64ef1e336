// clientv3 as kube-apiserver uses it: one gRPC connection per endpoint, round-robin across ready
// connections, WaitForReady semantics (a call with no ready connection waits rather than failing),
// grpc-go's reconnect back-off, and the unary retry interceptor: reads (repeatable) are retried on
// Unavailable every ~25 ms up to 100 times; writes are never retried once sent. Watches move to
// another endpoint when their connection breaks, but a "no leader" cancellation ends them.
// This is a library embedded in its owner's state; its results are handed back to the owner.
import type { Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import { without } from "../core/records";
import { ETCD_ERR, type EtcdOp, type EtcdRpc, type KeyValue, type TxnResult, type WatchEvent } from "./protocol";
import { withEntry } from "../core/records";

export type EtcdCall = { kind: "range"; key: string; prefix: boolean; serializable: boolean } | { kind: "txn"; op: EtcdOp; quiet: boolean; summary: string };

export type EtcdClientConfig = { endpoints: ProcId[]; retryMs: Ms; maxRetries: number; reconnectBaseMs: Ms; reconnectMaxMs: Ms };

type Conn = { status: "connecting" | "ready" | "backoff"; backoffMs: Ms };
type Call = { call: EtcdCall; endpoint: ProcId | null; attempts: number };
type ClientWatch = { prefix: string; nextRev: number; endpoint: ProcId | null; open: boolean };

export type EtcdClient = {
  conns: Readonly<Record<ProcId, Conn>>;
  rr: number;
  calls: Readonly<Record<string, Call>>;
  watches: Readonly<Record<string, ClientWatch>>;
};

export type EtcdResult =
  | { kind: "range"; id: string; kvs: KeyValue[]; rev: number }
  | { kind: "txn"; id: string; result: TxnResult }
  | { kind: "error"; id: string; message: string }
  | { kind: "watch-events"; id: string; events: WatchEvent[] }
  | { kind: "watch-error"; id: string; message: string };

export type EtcdClientTimer = { lib: "etcd"; t: "reconnect"; endpoint: ProcId } | { lib: "etcd"; t: "retry"; id: string };

export type ClientStep = { c: EtcdClient; results: EtcdResult[] };

export function clientInit(cfg: EtcdClientConfig, ctx: Ctx): EtcdClient {
  const conns: Record<ProcId, Conn> = {};
  for (const ep of cfg.endpoints) {
    conns[ep] = { status: "connecting", backoffMs: 0 };
    ctx.send(ep, { p: "etcd", kind: "connect" });
  }
  return { conns, rr: 0, calls: {}, watches: {} };
}

/** Next ready endpoint in round-robin order, or null (the call then waits for one). */
function pickReady(c: EtcdClient, cfg: EtcdClientConfig): { ep: ProcId | null; rr: number } {
  const n = cfg.endpoints.length;
  for (let i = 0; i < n; i++) {
    const ep = cfg.endpoints[(c.rr + i) % n]!;
    if (c.conns[ep]?.status === "ready") return { ep, rr: (c.rr + i + 1) % n };
  }
  return { ep: null, rr: c.rr };
}

function sendCall(id: string, call: EtcdCall, ep: ProcId, ctx: Ctx): void {
  const rpc: EtcdRpc =
    call.kind === "range"
      ? { p: "etcd", kind: "range", id, key: call.key, prefix: call.prefix, serializable: call.serializable }
      : { p: "etcd", kind: "txn", id, op: call.op, quiet: call.quiet, summary: call.summary };
  ctx.send(ep, rpc);
}

function dispatch(c: EtcdClient, cfg: EtcdClientConfig, id: string, ctx: Ctx): EtcdClient {
  const call = c.calls[id];
  if (call === undefined) return c;
  const { ep, rr } = pickReady(c, cfg);
  if (ep !== null) sendCall(id, call.call, ep, ctx);
  return { ...c, rr, calls: withEntry(c.calls, id, { ...call, endpoint: ep }) };
}

function dispatchWatch(c: EtcdClient, cfg: EtcdClientConfig, id: string, ctx: Ctx): EtcdClient {
  const w = c.watches[id];
  if (w === undefined) return c;
  const { ep, rr } = pickReady(c, cfg);
  if (ep !== null) ctx.send(ep, { p: "etcd", kind: "watch", id, prefix: w.prefix, fromRev: w.nextRev, requireLeader: true });
  return { ...c, rr, watches: withEntry(c.watches, id, { ...w, endpoint: ep, open: false }) };
}

/** Issues a call; with no ready connection it waits (WaitForReady) until the owner cancels it. */
export function clientCall(c: EtcdClient, cfg: EtcdClientConfig, id: string, call: EtcdCall, ctx: Ctx): EtcdClient {
  return dispatch({ ...c, calls: withEntry(c.calls, id, { call, endpoint: null, attempts: 0 }) }, cfg, id, ctx);
}

/** The owner's context ended: forget the call (a late answer is ignored). */
export function clientCancel(c: EtcdClient, id: string): EtcdClient {
  if (c.calls[id] === undefined) return c;
  return { ...c, calls: without(c.calls, id) };
}

/** Opens a require-leader watch (kube-apiserver's storage/etcd3 watcher uses WithRequireLeader). */
export function clientWatch(c: EtcdClient, cfg: EtcdClientConfig, id: string, prefix: string, fromRev: number, ctx: Ctx): EtcdClient {
  return dispatchWatch({ ...c, watches: withEntry(c.watches, id, { prefix, nextRev: fromRev, endpoint: null, open: false }) }, cfg, id, ctx);
}

export function clientUnwatch(c: EtcdClient, id: string, ctx: Ctx): EtcdClient {
  const w = c.watches[id];
  if (w === undefined) return c;
  if (w.endpoint !== null) ctx.send(w.endpoint, { p: "etcd", kind: "watch-close", id });
  return { ...c, watches: without(c.watches, id) };
}

function connDown(c: EtcdClient, cfg: EtcdClientConfig, ep: ProcId, ctx: Ctx): EtcdClient {
  const conn = c.conns[ep];
  if (conn === undefined || conn.status === "backoff") return c;
  // grpc-go: 1 s, then x1.6 per failed attempt, ±20% jitter, capped at 120 s.
  const base = conn.backoffMs === 0 ? cfg.reconnectBaseMs : Math.min(Math.round(conn.backoffMs * 1.6), cfg.reconnectMaxMs);
  const jitter = Math.round(base * 0.2);
  ctx.after(base - jitter + ctx.rng.int(2 * jitter + 1), { lib: "etcd", t: "reconnect", endpoint: ep });
  return { ...c, conns: { ...c.conns, [ep]: { status: "backoff", backoffMs: base } } };
}

function retryLater(c: EtcdClient, cfg: EtcdClientConfig, id: string, ctx: Ctx): EtcdClient {
  const call = c.calls[id]!;
  const jitter = Math.max(1, Math.round(cfg.retryMs / 10));
  ctx.after(cfg.retryMs - jitter + ctx.rng.int(2 * jitter + 1), { lib: "etcd", t: "retry", id });
  return { ...c, calls: withEntry(c.calls, id, { ...call, endpoint: null, attempts: call.attempts + 1 }) };
}

function failCall(c: EtcdClient, id: string, message: string, results: EtcdResult[]): EtcdClient {
  results.push({ kind: "error", id, message });
  return clientCancel(c, id);
}

/** The connection to `ep` broke: reads retry elsewhere, sent writes fail, watches move. */
function onConnectionLost(c0: EtcdClient, cfg: EtcdClientConfig, ep: ProcId, ctx: Ctx, results: EtcdResult[]): EtcdClient {
  let c = connDown(c0, cfg, ep, ctx);
  for (const id of Object.keys(c.calls).sort()) {
    const call = c.calls[id]!;
    if (call.endpoint !== ep) continue;
    if (call.call.kind === "txn") c = failCall(c, id, ETCD_ERR.connectionLost, results);
    else c = dispatch(c, cfg, id, ctx);
  }
  for (const id of Object.keys(c.watches).sort()) if (c.watches[id]!.endpoint === ep) c = dispatchWatch(c, cfg, id, ctx);
  return c;
}

function onReady(c0: EtcdClient, cfg: EtcdClientConfig, ep: ProcId, ctx: Ctx): EtcdClient {
  let c: EtcdClient = { ...c0, conns: { ...c0.conns, [ep]: { status: "ready", backoffMs: 0 } } };
  for (const id of Object.keys(c.calls).sort()) if (c.calls[id]!.endpoint === null) c = dispatch(c, cfg, id, ctx);
  for (const id of Object.keys(c.watches).sort()) if (c.watches[id]!.endpoint === null) c = dispatchWatch(c, cfg, id, ctx);
  return c;
}

export function clientOnMessage(c: EtcdClient, cfg: EtcdClientConfig, env: Envelope, ctx: Ctx): ClientStep {
  const results: EtcdResult[] = [];
  const body = env.body;
  if (c.conns[env.from] === undefined) return { c, results };
  if (body.p === "net") {
    if (body.kind === "closed") return { c: onConnectionLost(c, cfg, env.from, ctx, results), results };
    // Refused: nothing was processed, so even writes may go elsewhere ("no address available").
    let next = connDown(c, cfg, env.from, ctx);
    const orig = body.original;
    if (orig.p === "etcd" && (orig.kind === "range" || orig.kind === "txn") && next.calls[orig.id]?.endpoint === env.from) next = dispatch(next, cfg, orig.id, ctx);
    if (orig.p === "etcd" && orig.kind === "watch" && next.watches[orig.id]?.endpoint === env.from) next = dispatchWatch(next, cfg, orig.id, ctx);
    return { c: next, results };
  }
  if (body.p !== "etcd") return { c, results };
  return { c: onRpc(c, cfg, env.from, body, ctx, results), results };
}

function onRpc(c: EtcdClient, cfg: EtcdClientConfig, from: ProcId, body: EtcdRpc, ctx: Ctx, results: EtcdResult[]): EtcdClient {
  switch (body.kind) {
    case "connected":
      return onReady(c, cfg, from, ctx);
    case "range-resp":
      if (c.calls[body.id] === undefined) return c;
      results.push({ kind: "range", id: body.id, kvs: body.kvs, rev: body.rev });
      return clientCancel(c, body.id);
    case "txn-resp":
      if (c.calls[body.id] === undefined) return c;
      results.push({ kind: "txn", id: body.id, result: body.result });
      return clientCancel(c, body.id);
    case "error": {
      const call = c.calls[body.id];
      if (call === undefined) return c;
      const repeatable = call.call.kind === "range" && body.code === "Unavailable";
      if (repeatable && call.attempts < cfg.maxRetries) return retryLater(c, cfg, body.id, ctx);
      return failCall(c, body.id, body.message, results);
    }
    case "watch-created": {
      const w = c.watches[body.id];
      return w === undefined ? c : { ...c, watches: withEntry(c.watches, body.id, { ...w, open: true }) };
    }
    case "watch-events": {
      const w = c.watches[body.id];
      const last = body.events.at(-1);
      if (w === undefined || last === undefined) return c;
      results.push({ kind: "watch-events", id: body.id, events: body.events });
      return { ...c, watches: withEntry(c.watches, body.id, { ...w, nextRev: last.kv.modRev + 1 }) };
    }
    case "watch-cancelled": {
      if (c.watches[body.id] === undefined) return c;
      results.push({ kind: "watch-error", id: body.id, message: body.reason });
      return { ...c, watches: without(c.watches, body.id) };
    }
    default:
      return c;
  }
}

export function clientOnTimer(c: EtcdClient, cfg: EtcdClientConfig, timer: EtcdClientTimer, ctx: Ctx): ClientStep {
  if (timer.t === "reconnect") {
    const conn = c.conns[timer.endpoint];
    if (conn === undefined || conn.status !== "backoff") return { c, results: [] };
    ctx.send(timer.endpoint, { p: "etcd", kind: "connect" });
    return { c: { ...c, conns: { ...c.conns, [timer.endpoint]: { ...conn, status: "connecting" } } }, results: [] };
  }
  return { c: dispatch(c, cfg, timer.id, ctx), results: [] };
}

/** True when at least one endpoint connection is ready. */
export function clientHasReady(c: EtcdClient): boolean {
  return Object.values(c.conns).some((x) => x.status === "ready");
}

// clientv3 as kube-apiserver uses it: one gRPC connection per endpoint, round-robin across ready
// connections, WaitForReady semantics (a call with no ready connection waits rather than failing),
// grpc-go's reconnect back-off, and the unary retry interceptor: reads (repeatable) are retried on
// Unavailable every ~25 ms up to 100 times; writes are never retried once sent. Watches move to
// another endpoint when their connection breaks, but a "no leader" cancellation ends them.
// This is a library embedded in its owner's state; its results are handed back to the owner.
//
// The functions edit the client and its records in place: its owner owns it (the owner's state is
// owned by the run, see core/draft.ts, or the owner took a clientCopy first).
import type { Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import { copyRecord, emptyRecord } from "../core/records";
import {
  ETCD_ERR,
  type EtcdOp,
  type EtcdRpc,
  type GrpcCode,
  type KeyValue,
  type TxnResult,
  type WatchEvent,
} from "./protocol";

export type EtcdCall =
  | { kind: "range"; key: string; prefix: boolean; serializable: boolean }
  | { kind: "txn"; op: EtcdOp; quiet: boolean; summary: string };

export type EtcdClientConfig = {
  endpoints: ProcId[];
  retryMs: Ms;
  maxRetries: number;
  reconnectBaseMs: Ms;
  reconnectMaxMs: Ms;
};

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
  | { kind: "watch-error"; id: string; message: string }
  | { kind: "watch-progress"; id: string; rev: number };

export type EtcdClientTimer =
  { lib: "etcd"; t: "reconnect"; endpoint: ProcId } | { lib: "etcd"; t: "retry"; id: string };

const NO_RESULTS: readonly EtcdResult[] = Object.freeze([]);

export function clientInit(cfg: EtcdClientConfig, ctx: Ctx): EtcdClient {
  const conns: Record<ProcId, Conn> = {};
  for (const ep of cfg.endpoints) {
    conns[ep] = { status: "connecting", backoffMs: 0 };
    ctx.send(ep, { p: "etcd", kind: "connect" });
  }
  // Null-prototype records: ever-new call and watch ids may be added in place (core/records.ts).
  return { conns, rr: 0, calls: emptyRecord(), watches: emptyRecord() };
}

/** A copy of `c` whose records may be edited in place (for an owner that thaws its state). */
export function clientCopy(c: EtcdClient): EtcdClient {
  return { conns: { ...c.conns }, rr: c.rr, calls: copyRecord(c.calls), watches: copyRecord(c.watches) };
}

type Mutable = {
  conns: Record<ProcId, Conn>;
  rr: number;
  calls: Record<string, Call>;
  watches: Record<string, ClientWatch>;
};

/** Next ready endpoint in round-robin order, or null (the call then waits for one); advances rr. */
function pickReady(c: Mutable, cfg: EtcdClientConfig): ProcId | null {
  const n = cfg.endpoints.length;
  for (let i = 0; i < n; i++) {
    const ep = cfg.endpoints[(c.rr + i) % n]!;
    if (c.conns[ep]?.status === "ready") {
      c.rr = (c.rr + i + 1) % n;
      return ep;
    }
  }
  return null;
}

function sendCall(id: string, call: EtcdCall, ep: ProcId, ctx: Ctx): void {
  const rpc: EtcdRpc =
    call.kind === "range"
      ? { p: "etcd", kind: "range", id, key: call.key, prefix: call.prefix, serializable: call.serializable }
      : { p: "etcd", kind: "txn", id, op: call.op, quiet: call.quiet, summary: call.summary };
  ctx.send(ep, rpc);
}

function dispatch(c: Mutable, cfg: EtcdClientConfig, id: string, ctx: Ctx): void {
  const call = c.calls[id];
  if (call === undefined) return;
  const ep = pickReady(c, cfg);
  if (ep !== null) sendCall(id, call.call, ep, ctx);
  c.calls[id] = { call: call.call, endpoint: ep, attempts: call.attempts };
}

function dispatchWatch(c: Mutable, cfg: EtcdClientConfig, id: string, ctx: Ctx): void {
  const w = c.watches[id];
  if (w === undefined) return;
  const ep = pickReady(c, cfg);
  if (ep !== null)
    ctx.send(ep, { p: "etcd", kind: "watch", id, prefix: w.prefix, fromRev: w.nextRev, requireLeader: true });
  c.watches[id] = { prefix: w.prefix, nextRev: w.nextRev, endpoint: ep, open: false };
}

/** Issues a call; with no ready connection it waits (WaitForReady) until the owner cancels it. */
export function clientCall(client: EtcdClient, cfg: EtcdClientConfig, id: string, call: EtcdCall, ctx: Ctx): void {
  const c = client as Mutable;
  c.calls[id] = { call, endpoint: null, attempts: 0 };
  dispatch(c, cfg, id, ctx);
}

/** The owner's context ended: forget the call (a late answer is ignored). */
export function clientCancel(c: EtcdClient, id: string): void {
  delete (c as Mutable).calls[id];
}

/** Opens a require-leader watch (kube-apiserver's storage/etcd3 watcher uses WithRequireLeader). */
export function clientWatch(
  client: EtcdClient,
  cfg: EtcdClientConfig,
  id: string,
  prefix: string,
  fromRev: number,
  ctx: Ctx,
): void {
  const c = client as Mutable;
  c.watches[id] = { prefix, nextRev: fromRev, endpoint: null, open: false };
  dispatchWatch(c, cfg, id, ctx);
}

/** clientv3 RequestProgress for one watch: its member will send a progress notification, if the watch is open. Pure. */
export function clientRequestProgress(c: EtcdClient, id: string, ctx: Ctx): void {
  const w = c.watches[id];
  if (w !== undefined && w.open && w.endpoint !== null) ctx.send(w.endpoint, { p: "etcd", kind: "watch-progress", id });
}

function connDown(c: Mutable, cfg: EtcdClientConfig, ep: ProcId, ctx: Ctx): void {
  const conn = c.conns[ep];
  if (conn === undefined || conn.status === "backoff") return;
  // grpc-go: 1 s, then x1.6 per failed attempt, ±20% jitter, capped at 120 s.
  const base =
    conn.backoffMs === 0 ? cfg.reconnectBaseMs : Math.min(Math.round(conn.backoffMs * 1.6), cfg.reconnectMaxMs);
  const jitter = Math.round(base * 0.2);
  ctx.after(base - jitter + ctx.rng.int(2 * jitter + 1), { lib: "etcd", t: "reconnect", endpoint: ep });
  c.conns[ep] = { status: "backoff", backoffMs: base };
}

function retryLater(c: Mutable, cfg: EtcdClientConfig, id: string, ctx: Ctx): void {
  const call = c.calls[id]!;
  const jitter = Math.max(1, Math.round(cfg.retryMs / 10));
  ctx.after(cfg.retryMs - jitter + ctx.rng.int(2 * jitter + 1), { lib: "etcd", t: "retry", id });
  c.calls[id] = { call: call.call, endpoint: null, attempts: call.attempts + 1 };
}

function failCall(c: Mutable, id: string, message: string, results: EtcdResult[]): void {
  results.push({ kind: "error", id, message });
  delete c.calls[id];
}

/** The connection to `ep` broke: reads retry elsewhere, sent writes fail, watches move. */
function onConnectionLost(c: Mutable, cfg: EtcdClientConfig, ep: ProcId, ctx: Ctx, results: EtcdResult[]): void {
  connDown(c, cfg, ep, ctx);
  for (const id of Object.keys(c.calls).sort()) {
    const call = c.calls[id]!;
    if (call.endpoint !== ep) continue;
    if (call.call.kind === "txn") failCall(c, id, ETCD_ERR.connectionLost, results);
    else dispatch(c, cfg, id, ctx);
  }
  for (const id of Object.keys(c.watches).sort()) if (c.watches[id]!.endpoint === ep) dispatchWatch(c, cfg, id, ctx);
}

function onReady(c: Mutable, cfg: EtcdClientConfig, ep: ProcId, ctx: Ctx): void {
  c.conns[ep] = { status: "ready", backoffMs: 0 };
  for (const id of Object.keys(c.calls).sort()) if (c.calls[id]!.endpoint === null) dispatch(c, cfg, id, ctx);
  for (const id of Object.keys(c.watches).sort()) if (c.watches[id]!.endpoint === null) dispatchWatch(c, cfg, id, ctx);
}

/** A message for the client: what it brings for the owner. */
export function clientOnMessage(
  client: EtcdClient,
  cfg: EtcdClientConfig,
  env: Envelope,
  ctx: Ctx,
): readonly EtcdResult[] {
  const c = client as Mutable;
  const body = env.body;
  if (c.conns[env.from] === undefined || (body.p !== "net" && body.p !== "etcd")) return NO_RESULTS;
  const results: EtcdResult[] = [];
  if (body.p === "net") {
    if (body.kind === "closed") {
      onConnectionLost(c, cfg, env.from, ctx, results);
      return results;
    }
    // Refused: nothing was processed, so even writes may go elsewhere ("no address available").
    connDown(c, cfg, env.from, ctx);
    const orig = body.original;
    if (orig.p === "etcd" && (orig.kind === "range" || orig.kind === "txn") && c.calls[orig.id]?.endpoint === env.from)
      dispatch(c, cfg, orig.id, ctx);
    if (orig.p === "etcd" && orig.kind === "watch" && c.watches[orig.id]?.endpoint === env.from)
      dispatchWatch(c, cfg, orig.id, ctx);
    return results;
  }
  onRpc(c, cfg, env.from, body, ctx, results);
  return results;
}

/**
 * What the caller's err.Error() says. ContextError (client/v3/client.go) turns etcd's own errors
 * back into rpctypes.EtcdError ("etcdserver: ..."); any other status stays a gRPC status error, and
 * a DeadlineExceeded is not replaced by ctx.Err() while the caller's own context is still live.
 */
function errorText(code: GrpcCode, message: string): string {
  return code === "DeadlineExceeded" ? `rpc error: code = DeadlineExceeded desc = ${message}` : message;
}

function onRpc(c: Mutable, cfg: EtcdClientConfig, from: ProcId, body: EtcdRpc, ctx: Ctx, results: EtcdResult[]): void {
  switch (body.kind) {
    case "connected":
      onReady(c, cfg, from, ctx);
      return;
    case "range-resp":
      if (c.calls[body.id] === undefined) return;
      results.push({ kind: "range", id: body.id, kvs: body.kvs, rev: body.rev });
      delete c.calls[body.id];
      return;
    case "txn-resp":
      if (c.calls[body.id] === undefined) return;
      results.push({ kind: "txn", id: body.id, result: body.result });
      delete c.calls[body.id];
      return;
    case "error": {
      const call = c.calls[body.id];
      if (call === undefined) return;
      const repeatable = call.call.kind === "range" && body.code === "Unavailable";
      if (repeatable && call.attempts < cfg.maxRetries) retryLater(c, cfg, body.id, ctx);
      else failCall(c, body.id, errorText(body.code, body.message), results);
      return;
    }
    case "watch-created": {
      const w = c.watches[body.id];
      if (w !== undefined)
        c.watches[body.id] = { prefix: w.prefix, nextRev: w.nextRev, endpoint: w.endpoint, open: true };
      return;
    }
    case "watch-events": {
      const w = c.watches[body.id];
      const last = body.events.at(-1);
      if (w === undefined || last === undefined) return;
      results.push({ kind: "watch-events", id: body.id, events: body.events });
      c.watches[body.id] = { prefix: w.prefix, nextRev: last.kv.modRev + 1, endpoint: w.endpoint, open: w.open };
      return;
    }
    case "watch-progress-notify": {
      const w = c.watches[body.id];
      if (w !== undefined && w.open && w.endpoint === from)
        results.push({ kind: "watch-progress", id: body.id, rev: body.rev });
      return;
    }
    case "watch-cancelled": {
      if (c.watches[body.id] === undefined) return;
      results.push({ kind: "watch-error", id: body.id, message: body.reason });
      delete c.watches[body.id];
      return;
    }
    default:
      return;
  }
}

/** A timer of the client's: a reconnect attempt or a read's retry. */
export function clientOnTimer(client: EtcdClient, cfg: EtcdClientConfig, timer: EtcdClientTimer, ctx: Ctx): void {
  const c = client as Mutable;
  if (timer.t === "reconnect") {
    const conn = c.conns[timer.endpoint];
    if (conn === undefined || conn.status !== "backoff") return;
    ctx.send(timer.endpoint, { p: "etcd", kind: "connect" });
    c.conns[timer.endpoint] = { status: "connecting", backoffMs: conn.backoffMs };
    return;
  }
  dispatch(c, cfg, timer.id, ctx);
}

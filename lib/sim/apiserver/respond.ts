// Finishing requests: every response goes back the way the request came (directly or through the
// load balancer), and the in-flight record and any etcd call it owns are dropped.
import type { Ctx } from "../core/component";
import { filterRecord, without } from "../core/records";
import { clientCall, clientCancel, type EtcdCall } from "../etcd/client";
import type { ApiError } from "./errors";
import type { ApiServerConfig, ApiServerState, EtcdOwner } from "./state";
import { withEntry } from "../core/records";

export function respond(s: ApiServerState, id: string, status: number, body: unknown, ctx: Ctx): ApiServerState {
  const f = s.inflight[id];
  if (f === undefined) return s;
  ctx.send(f.via, { p: "http", kind: "response", id, status, body, error: null });
  return forget(s, id);
}

export function fail(s: ApiServerState, id: string, err: ApiError, ctx: Ctx): ApiServerState {
  const f = s.inflight[id];
  if (f === undefined) return s;
  const body = { kind: "Status", status: "Failure", code: err.status, reason: err.reason, message: err.message };
  ctx.send(f.via, { p: "http", kind: "response", id, status: err.status, body, error: err.message });
  return forget(s, id);
}

/** Drops the request and cancels its outstanding etcd calls (the request context is done). */
export function forget(s: ApiServerState, id: string): ApiServerState {
  let etcd = s.etcd;
  const calls = filterRecord(s.calls, (owner, callId) => {
    if (owner.kind !== "request" || owner.id !== id) return true;
    etcd = clientCancel(etcd, callId);
    return false;
  });
  return { ...s, inflight: without(s.inflight, id), etcd, calls };
}

export function issueEtcd(s: ApiServerState, cfg: ApiServerConfig, owner: EtcdOwner, call: EtcdCall, ctx: Ctx): ApiServerState {
  const callId = ctx.nextId("etcd");
  const etcd = clientCall(s.etcd, cfg.etcd, callId, call, ctx);
  return { ...s, etcd, calls: withEntry(s.calls, callId, owner) };
}

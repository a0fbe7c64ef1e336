// Finishing requests: every response goes back the way the request came (directly or through the
// load balancer), and the in-flight record and any etcd call it owns are dropped. Like the rest of
// the API server, these functions edit a state owned by the current handler call (see apiserver.ts).
import type { Ctx } from "../core/component";
import { clientCall, clientCancel, type EtcdCall } from "../etcd/client";
import type { ApiError } from "./errors";
import type { ApiServerConfig, ApiServerState, EtcdOwner } from "./state";

export function respond(s: ApiServerState, id: string, status: number, body: unknown, ctx: Ctx): void {
  const f = s.inflight[id];
  if (f === undefined) return;
  ctx.send(
    f.via,
    f.warnings === undefined
      ? { p: "http", kind: "response", id, status, body, error: null }
      : { p: "http", kind: "response", id, status, body, error: null, warnings: f.warnings },
  );
  forget(s, id);
}

export function fail(s: ApiServerState, id: string, err: ApiError, ctx: Ctx): void {
  const f = s.inflight[id];
  if (f === undefined) return;
  const base = { kind: "Status", status: "Failure", code: err.status, reason: err.reason, message: err.message };
  const body = err.details === undefined ? base : { ...base, details: err.details };
  ctx.send(
    f.via,
    f.warnings === undefined
      ? { p: "http", kind: "response", id, status: err.status, body, error: err.message }
      : { p: "http", kind: "response", id, status: err.status, body, error: err.message, warnings: f.warnings },
  );
  forget(s, id);
}

/** Drops the request and cancels its outstanding etcd calls (the request context is done). */
function forget(s: ApiServerState, id: string): void {
  for (const callId in s.calls) {
    const owner = s.calls[callId]!;
    if (owner.kind !== "request" || owner.id !== id) continue;
    clientCancel(s.etcd, callId);
    delete s.calls[callId]; // deleting the key being visited is safe in a for-in loop
  }
  delete s.inflight[id];
}

export function issueEtcd(s: ApiServerState, cfg: ApiServerConfig, owner: EtcdOwner, call: EtcdCall, ctx: Ctx): void {
  const callId = ctx.nextId("etcd");
  clientCall(s.etcd, cfg.etcd, callId, call, ctx);
  s.calls[callId] = owner;
}

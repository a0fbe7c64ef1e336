// client-go leader election over a Lease (tools/leaderelection): candidates poll every retryPeriod
// with jitter factor 1.2 and may take over only when the record has not changed for leaseDuration
// as measured by their own observation clock; the leader renews every retryPeriod and loses the
// lease if a renew window of renewDeadline passes without one success. kube-controller-manager and
// kube-scheduler exit when that happens ("leaderelection lost") and are restarted by the kubelet.
import type { Ctx } from "../core/component";
import type { Ms } from "../core/types";
import { apiCall } from "../apiserver/http";
import type { Lease } from "../objects/types";
import { httpSend, type HttpClient, type HttpClientConfig, type HttpResult } from "./http-client";

export type ElectorConfig = { namespace: string; name: string; leaseDurationMs: Ms; renewDeadlineMs: Ms; retryPeriodMs: Ms };

export type Elector = {
  identity: string;
  leader: boolean;
  observed: Lease | null;
  observedRaw: string;
  observedTime: Ms;
  /** Leader only: when the current renew window (timeoutCtx) started and whether it succeeded. */
  windowStart: Ms;
  windowOk: boolean;
  attemptStart: Ms;
  inflight: boolean;
  reportedHolder: string | null;
};

export type ElectorTimer = { lib: "le"; t: "try" } | { lib: "le"; t: "window-end"; start: Ms };
export type ElectorEvent = { kind: "acquired" } | { kind: "lost" } | { kind: "observed"; holder: string };

const JITTER_FACTOR_PER_MILLE = 1200;

export function newElector(identity: string, ctx: Ctx): Elector {
  ctx.after(0, { lib: "le", t: "try" });
  return { identity, leader: false, observed: null, observedRaw: "", observedTime: 0, windowStart: 0, windowOk: false, attemptStart: 0, inflight: false, reportedHolder: null };
}

function requestTimeout(e: Elector, cfg: ElectorConfig, ctx: Ctx): Ms {
  return e.leader ? Math.max(1, e.windowStart + cfg.renewDeadlineMs - ctx.now) : cfg.renewDeadlineMs;
}

function send(e: Elector, cfg: ElectorConfig, hc: HttpClient, http: HttpClientConfig, verb: "get" | "update" | "create", body: unknown, ctx: Ctx): { e: Elector; hc: HttpClient } {
  const call = apiCall(verb, "leases", { namespace: cfg.namespace, name: verb === "create" ? null : cfg.name, body });
  return { e: { ...e, inflight: true }, hc: httpSend(hc, http, call, `le:${verb}`, requestTimeout(e, cfg, ctx), ctx).hc };
}

function record(e: Elector, cfg: ElectorConfig, old: Lease | null, ctx: Ctx): Lease {
  const held = old !== null && old.spec.holderIdentity === e.identity;
  return {
    kind: "Lease",
    apiVersion: "coordination.k8s.io/v1",
    metadata: old?.metadata ?? { name: cfg.name, namespace: cfg.namespace, uid: "", resourceVersion: "", creationTimestamp: ctx.now, labels: {}, ownerReferences: [], deletionTimestamp: null },
    spec: {
      holderIdentity: e.identity,
      leaseDurationSeconds: cfg.leaseDurationMs / 1000,
      acquireTime: held ? old.spec.acquireTime : ctx.now,
      renewTime: ctx.now,
      leaseTransitions: old === null ? 0 : held ? old.spec.leaseTransitions : old.spec.leaseTransitions + 1,
    },
  };
}

/** tryAcquireOrRenew, first half: the leader's fast path updates directly; everyone else reads first. */
function tryAcquireOrRenew(e: Elector, cfg: ElectorConfig, hc: HttpClient, http: HttpClientConfig, ctx: Ctx): { e: Elector; hc: HttpClient } {
  const started = { ...e, attemptStart: ctx.now };
  if (e.leader && e.observed !== null) return send(started, cfg, hc, http, "update", record(e, cfg, e.observed, ctx), ctx);
  return send(started, cfg, hc, http, "get", null, ctx);
}

function scheduleNext(e: Elector, cfg: ElectorConfig, ctx: Ctx): void {
  if (e.leader) {
    ctx.after(Math.max(0, e.attemptStart + cfg.retryPeriodMs - ctx.now), { lib: "le", t: "try" });
    return;
  }
  // wait.JitterUntil(retryPeriod, 1.2): uniformly in [retryPeriod, retryPeriod * 2.2).
  const jitter = Math.floor((cfg.retryPeriodMs * ctx.rng.int(JITTER_FACTOR_PER_MILLE)) / 1000);
  ctx.after(cfg.retryPeriodMs + jitter, { lib: "le", t: "try" });
}

export function electorOnTimer(e: Elector, cfg: ElectorConfig, hc: HttpClient, http: HttpClientConfig, timer: ElectorTimer, ctx: Ctx): { e: Elector; hc: HttpClient; events: ElectorEvent[] } {
  if (timer.t === "window-end") {
    if (!e.leader || timer.start !== e.windowStart || e.windowOk) return { e, hc, events: [] };
    return { e: { ...e, leader: false }, hc, events: [{ kind: "lost" }] };
  }
  if (e.inflight) return { e, hc, events: [] };
  let next = e;
  if (e.leader && e.windowOk) {
    // A new renew window (a fresh timeoutCtx) starts with this attempt.
    next = { ...e, windowStart: ctx.now, windowOk: false };
    ctx.after(cfg.renewDeadlineMs, { lib: "le", t: "window-end", start: ctx.now });
  }
  return { ...tryAcquireOrRenew(next, cfg, hc, http, ctx), events: [] };
}

function observe(e: Elector, lease: Lease, ctx: Ctx): Elector {
  const raw = JSON.stringify(lease.spec);
  if (raw === e.observedRaw) return { ...e, observed: lease };
  return { ...e, observed: lease, observedRaw: raw, observedTime: ctx.now };
}

function succeeded(e: Elector, cfg: ElectorConfig, lease: Lease, ctx: Ctx): { e: Elector; events: ElectorEvent[] } {
  const events: ElectorEvent[] = e.leader ? [] : [{ kind: "acquired" }];
  if (!e.leader) ctx.after(cfg.renewDeadlineMs, { lib: "le", t: "window-end", start: ctx.now });
  const next = { ...observe(e, lease, ctx), leader: true, windowOk: true, windowStart: e.leader ? e.windowStart : ctx.now, inflight: false };
  scheduleNext(next, cfg, ctx);
  return { e: next, events };
}

function failed(e: Elector, cfg: ElectorConfig, ctx: Ctx): Elector {
  const next = { ...e, inflight: false };
  if (!e.leader || ctx.now < e.windowStart + cfg.renewDeadlineMs) scheduleNext(next, cfg, ctx);
  return next;
}

export function electorOnResult(e: Elector, cfg: ElectorConfig, hc: HttpClient, http: HttpClientConfig, r: HttpResult, ctx: Ctx): { e: Elector; hc: HttpClient; events: ElectorEvent[] } {
  if (r.kind !== "response") return { e, hc, events: [] };
  const verb = r.tag.slice(3);
  if ((verb === "update" || verb === "create") && (r.status === 200 || r.status === 201)) return { ...succeeded(e, cfg, r.body as Lease, ctx), hc };
  if (verb === "get" && r.status === 404) return { ...send(e, cfg, hc, http, "create", record(e, cfg, null, ctx), ctx), events: [] };
  // A conflict on the fast path means our cached record is stale: read it again next time.
  if (verb !== "get" || r.status !== 200) return { e: failed(r.status === 409 ? { ...e, observed: null } : e, cfg, ctx), hc, events: [] };
  const lease = r.body as Lease;
  const seen = observe(e, lease, ctx);
  const holder = lease.spec.holderIdentity;
  const events: ElectorEvent[] = [];
  if (holder !== null && holder !== e.identity && seen.observedTime + cfg.leaseDurationMs > ctx.now) {
    // Held by someone else and not expired by our own clock: keep waiting.
    if (seen.reportedHolder !== holder) events.push({ kind: "observed", holder });
    return { e: failed({ ...seen, reportedHolder: holder }, cfg, ctx), hc, events };
  }
  return { ...send(seen, cfg, hc, http, "update", record(seen, cfg, lease, ctx), ctx), events };
}

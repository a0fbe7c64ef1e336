// client-go leader election over a Lease (tools/leaderelection): candidates poll every retryPeriod
// with jitter factor 1.2 and may take over only when the record has not changed for leaseDuration
// as measured by their own observation clock; the leader renews every retryPeriod and loses the
// lease if a renew window of renewDeadline passes without one success. kube-controller-manager and
// kube-scheduler exit when that happens ("leaderelection lost") and are restarted by the kubelet.
import type { Ctx } from "../core/component";
import { jitteredMs } from "../core/jitter";
import type { Ms } from "../core/types";
import { apiCall } from "../apiserver/http";
import type { Lease } from "../objects/coordination";
import { httpSendInPlace, type HttpClient, type HttpClientConfig, type HttpResult } from "./http-client";
import type { ElectorTag } from "./library-tag";

export type ElectorConfig = {
  namespace: string;
  name: string;
  leaseDurationMs: Ms;
  renewDeadlineMs: Ms;
  retryPeriodMs: Ms;
};

/** Edited in place by the elector's functions: the caller owns it (Ctx.ownsState, or a copy it made). */
export type Elector = {
  identity: string;
  leader: boolean;
  observed: Lease | null;
  /**
   * The record last seen and when it was first seen (observedRawRecord, observedTime); kept when `observed` is dropped.
   */
  observedSpec: Lease["spec"] | null;
  observedTime: Ms;
  /**
   * Leader only: when the current renew window (timeoutCtx) started, whether it succeeded, and whether its end is
   * watched by a timer: one is armed only once an attempt in the window has failed. A window whose attempt hangs
   * ends with that attempt's own timeout (the request carries the window's deadline), as the Go context does.
   */
  windowStart: Ms;
  windowOk: boolean;
  windowEndArmed: boolean;
  attemptStart: Ms;
  inflight: boolean;
  reportedHolder: string | null;
};

export type ElectorTimer = { lib: "le"; t: "try" } | { lib: "le"; t: "window-end"; start: Ms };
export type ElectorEvent = { kind: "acquired" } | { kind: "lost" } | { kind: "observed"; holder: string };

const JITTER_FACTOR_PER_MILLE = 1200;
const NO_EVENTS: readonly ElectorEvent[] = Object.freeze([]);
const ACQUIRED: readonly ElectorEvent[] = Object.freeze([{ kind: "acquired" }]);
const LOST: readonly ElectorEvent[] = Object.freeze([{ kind: "lost" }]);

export function newElector(identity: string, ctx: Ctx): Elector {
  ctx.after(0, { lib: "le", t: "try" });
  return {
    identity,
    leader: false,
    observed: null,
    observedSpec: null,
    observedTime: 0,
    windowStart: 0,
    windowOk: false,
    windowEndArmed: false,
    attemptStart: 0,
    inflight: false,
    reportedHolder: null,
  };
}

function requestTimeout(e: Elector, cfg: ElectorConfig, ctx: Ctx): Ms {
  return e.leader ? Math.max(1, e.windowStart + cfg.renewDeadlineMs - ctx.now) : cfg.renewDeadlineMs;
}

function send<T = never>(
  e: Elector,
  cfg: ElectorConfig,
  hc: HttpClient<T | ElectorTag>,
  http: HttpClientConfig,
  verb: "get" | "update" | "create",
  body: unknown,
  ctx: Ctx,
): void {
  const call = apiCall(verb, "leases", { namespace: cfg.namespace, name: verb === "create" ? null : cfg.name, body });
  e.inflight = true;
  httpSendInPlace<T | ElectorTag>(hc, http, call, { lib: "leader-election", verb }, requestTimeout(e, cfg, ctx), ctx);
}

function record(e: Elector, cfg: ElectorConfig, old: Lease | null, ctx: Ctx): Lease {
  const held = old !== null && old.spec.holderIdentity === e.identity;
  return {
    kind: "Lease",
    apiVersion: "coordination.k8s.io/v1",
    metadata: old?.metadata ?? {
      name: cfg.name,
      namespace: cfg.namespace,
      uid: "",
      resourceVersion: "",
      creationTimestamp: ctx.now,
      labels: {},
      ownerReferences: [],
      deletionTimestamp: null,
    },
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
function tryAcquireOrRenew<T = never>(
  e: Elector,
  cfg: ElectorConfig,
  hc: HttpClient<T | ElectorTag>,
  http: HttpClientConfig,
  ctx: Ctx,
): void {
  e.attemptStart = ctx.now;
  if (e.leader && e.observed !== null) send(e, cfg, hc, http, "update", record(e, cfg, e.observed, ctx), ctx);
  else send(e, cfg, hc, http, "get", null, ctx);
}

function scheduleNext(e: Elector, cfg: ElectorConfig, ctx: Ctx): void {
  if (e.leader) {
    ctx.after(Math.max(0, e.attemptStart + cfg.retryPeriodMs - ctx.now), { lib: "le", t: "try" });
    return;
  }
  // wait.JitterUntil(retryPeriod, 1.2): uniformly in [retryPeriod, retryPeriod * 2.2).
  ctx.after(jitteredMs(cfg.retryPeriodMs, JITTER_FACTOR_PER_MILLE, ctx.rng), { lib: "le", t: "try" });
}

/** An elector timer: updates `e` and `hc` in place (the caller owns both) and returns what happened. */
export function electorOnTimerInPlace<T = never>(
  e: Elector,
  cfg: ElectorConfig,
  hc: HttpClient<T | ElectorTag>,
  http: HttpClientConfig,
  timer: ElectorTimer,
  ctx: Ctx,
): readonly ElectorEvent[] {
  if (timer.t === "window-end") {
    if (!e.leader || timer.start !== e.windowStart || e.windowOk) return NO_EVENTS;
    e.leader = false;
    return LOST;
  }
  if (e.inflight) return NO_EVENTS;
  if (e.leader && e.windowOk) {
    // A new renew window (a fresh timeoutCtx) starts with this attempt.
    e.windowStart = ctx.now;
    e.windowOk = false;
    e.windowEndArmed = false;
  }
  tryAcquireOrRenew(e, cfg, hc, http, ctx);
  return NO_EVENTS;
}

/**
 * Whether two records are the same: client-go compares the raw JSON, and a Lease spec is these five
 * scalar fields (written by record() alone), so comparing them says the same without serializing.
 */
function sameSpec(a: Lease["spec"], b: Lease["spec"]): boolean {
  return (
    a.holderIdentity === b.holderIdentity &&
    a.leaseDurationSeconds === b.leaseDurationSeconds &&
    a.acquireTime === b.acquireTime &&
    a.renewTime === b.renewTime &&
    a.leaseTransitions === b.leaseTransitions
  );
}

function observe(e: Elector, lease: Lease, ctx: Ctx): void {
  e.observed = lease;
  if (e.observedSpec !== null && sameSpec(lease.spec, e.observedSpec)) return;
  e.observedSpec = lease.spec;
  e.observedTime = ctx.now;
}

function succeeded(e: Elector, cfg: ElectorConfig, lease: Lease, ctx: Ctx): readonly ElectorEvent[] {
  const wasLeader = e.leader;
  observe(e, lease, ctx);
  e.leader = true;
  e.windowOk = true;
  if (!wasLeader) {
    e.windowStart = ctx.now;
    e.windowEndArmed = false;
  }
  e.inflight = false;
  scheduleNext(e, cfg, ctx);
  return wasLeader ? NO_EVENTS : ACQUIRED;
}

/** An attempt failed: the leader loses the lease when its window has ended, else everyone tries again. */
function failed(e: Elector, cfg: ElectorConfig, ctx: Ctx): readonly ElectorEvent[] {
  e.inflight = false;
  if (e.leader) {
    const end = e.windowStart + cfg.renewDeadlineMs;
    if (ctx.now >= end) {
      e.leader = false;
      return LOST;
    }
    if (!e.windowEndArmed) ctx.after(end - ctx.now, { lib: "le", t: "window-end", start: e.windowStart });
    e.windowEndArmed = true;
  }
  scheduleNext(e, cfg, ctx);
  return NO_EVENTS;
}

/** A result of the elector's own requests: updates `e` and `hc` in place (the caller owns both). */
export function electorOnResultInPlace<T = never>(
  e: Elector,
  cfg: ElectorConfig,
  hc: HttpClient<T | ElectorTag>,
  http: HttpClientConfig,
  r: HttpResult<ElectorTag>,
  ctx: Ctx,
): readonly ElectorEvent[] {
  if (r.kind !== "response") return NO_EVENTS;
  const { verb } = r.tag;
  if ((verb === "update" || verb === "create") && (r.status === 200 || r.status === 201))
    return succeeded(e, cfg, r.body as Lease, ctx);
  if (verb === "get" && r.status === 404) {
    send(e, cfg, hc, http, "create", record(e, cfg, null, ctx), ctx);
    return NO_EVENTS;
  }
  if (verb !== "get" || r.status !== 200) {
    // A conflict on the fast path means our cached record is stale: read it again next time.
    if (r.status === 409) e.observed = null;
    return failed(e, cfg, ctx);
  }
  const lease = r.body as Lease;
  observe(e, lease, ctx);
  const holder = lease.spec.holderIdentity;
  if (holder !== null && holder !== e.identity && e.observedTime + cfg.leaseDurationMs > ctx.now) {
    // Held by someone else and not expired by our own clock: keep waiting.
    const events = e.reportedHolder !== holder ? [{ kind: "observed" as const, holder }] : NO_EVENTS;
    e.reportedHolder = holder;
    const lost = failed(e, cfg, ctx);
    return lost.length > 0 ? lost : events;
  }
  send(e, cfg, hc, http, "update", record(e, cfg, lease, ctx), ctx);
  return NO_EVENTS;
}

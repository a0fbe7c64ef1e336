// Client-side deadlines, as client-go keeps them: a request fails with "context deadline exceeded" at
// exactly its own deadline (rest/request.go: the request's context, context.WithTimeout), and a request
// that ended stops its timer (Go's context package: "Canceling this context releases resources
// associated with it"). The simulated client keeps one timer armed at its earliest deadline instead
// of one per request; these tests pin that it still fails each request on time, and that a client
// whose requests answer in time arms one timer per deadline window, not one per request. The leader
// elector (client-go tools/leaderelection/leaderelection.go, renew: PollImmediateUntil(RetryPeriod,
// tryAcquireOrRenew, timeoutCtx.Done()) with timeoutCtx = WithTimeout(RenewDeadline)) likewise loses
// the lease at the end of a renew window without a success, and watches that end with a timer only
// once an attempt in the window has failed.
import { describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/sim/core/component";
import type { Msg } from "@/lib/sim/core/messages";
import type { Envelope, Ms } from "@/lib/sim/core/types";
import { createRng, seedRng } from "@/lib/sim/core/rng";
import { apiCall } from "@/lib/sim/apiserver/http";
import {
  emptyHttpClient,
  httpOnMessageInPlace,
  httpOnTimerInPlace,
  httpSendInPlace,
  type HttpClient,
  type HttpClientTimer,
  type HttpResult,
} from "@/lib/sim/client/http-client";
import {
  electorOnResultInPlace,
  electorOnTimerInPlace,
  newElector,
  type ElectorConfig,
  type ElectorTimer,
} from "@/lib/sim/client/leader-election";
import type { ElectorTag } from "@/lib/sim/client/library-tag";
import type { Lease } from "@/lib/sim/objects/coordination";

type Armed = { at: Ms; timer: unknown };

/** A Ctx on a virtual clock that records what it is asked to send and to arm. */
function clockCtx() {
  let ids = 0;
  const sent: Msg[] = [];
  const armed: Armed[] = [];
  const everArmed: Armed[] = [];
  const ctx = {
    now: 0,
    self: "kcm",
    host: "cp-1",
    startedAt: 0,
    rng: createRng(seedRng(1)),
    send: (_to: string, body: Msg) => void sent.push(body),
    after: (delayMs: Ms, timer: unknown) => {
      armed.push({ at: ctx.now + delayMs, timer });
      everArmed.push({ at: ctx.now + delayMs, timer });
    },
    trace: () => undefined,
    nextId: (prefix: string) => `${prefix}-${++ids}`,
    exit: () => undefined,
    killLocal: () => undefined,
    startLocal: () => undefined,
    isLocalUp: () => true,
    powerHost: () => undefined,
  } satisfies Ctx;
  return { ctx, sent, armed, everArmed };
}

const api = { server: "kube-apiserver", credential: null };
const get = apiCall("get", "pods", { namespace: "default", name: "web" });

function answer(id: string, body: unknown = {}): Envelope {
  return {
    from: "kube-apiserver",
    to: "kcm",
    sentAt: 0,
    body: { p: "http", kind: "response", id, status: 200, body, error: null },
  } as Envelope;
}

/** Fires, in time order, every armed http timer due by `until`, collecting what they report. */
function fireUntil<T>(hc: HttpClient<T>, c: ReturnType<typeof clockCtx>, until: Ms, out: HttpResult<T>[]): void {
  for (;;) {
    const due = c.armed
      .filter((a) => (a.timer as { lib?: string }).lib === "http" && a.at <= until)
      .sort((a, b) => a.at - b.at)[0];
    if (due === undefined) return;
    c.armed.splice(c.armed.indexOf(due), 1);
    c.ctx.now = due.at;
    for (const r of httpOnTimerInPlace(hc, due.timer as HttpClientTimer, c.ctx)) out.push(r);
  }
}

describe("client-side request deadlines", () => {
  it("fails each request at exactly its own deadline, whichever was sent first", () => {
    const c = clockCtx();
    const hc = emptyHttpClient<string>();
    httpSendInPlace(hc, api, get, "slow", 5000, c.ctx);
    c.ctx.now = 1000;
    httpSendInPlace(hc, api, get, "fast", 3000, c.ctx);
    expect(hc.timed).toBe(2);
    const failures: HttpResult<string>[] = [];
    const at: Ms[] = [];
    for (const until of [3999, 4000, 4999, 5000]) {
      const before = failures.length;
      fireUntil(hc, c, until, failures);
      if (failures.length > before) at.push(c.ctx.now);
    }
    expect(failures.map((r) => r.tag)).toEqual(["fast", "slow"]);
    expect(at).toEqual([4000, 5000]);
    expect(failures[0]).toMatchObject({ kind: "response", status: 0, latencyMs: 3000 });
    expect(failures[0]!.kind === "response" && failures[0]!.error).toMatch(/context deadline exceeded/);
  });

  it("arms one timer per deadline window for requests that answer in time (a lease renewed every 2 s)", () => {
    const c = clockCtx();
    const hc = emptyHttpClient<string>();
    const failures: HttpResult<string>[] = [];
    for (let t = 0; t < 20_000; t += 2000) {
      fireUntil(hc, c, t, failures);
      c.ctx.now = t;
      const id = httpSendInPlace(hc, api, get, "renew", 10_000, c.ctx);
      c.ctx.now = t + 5;
      expect(httpOnMessageInPlace(hc, api, answer(id), c.ctx)).toHaveLength(1);
    }
    fireUntil(hc, c, 40_000, failures);
    expect(failures).toEqual([]);
    expect(c.sent).toHaveLength(10);
    // One per 10 s window (armed at 0 and 10 s, due at 10 s and 20 s), where a timer per request would be 10.
    expect(c.everArmed.map((a) => a.at)).toEqual([10_000, 20_000]);
    expect(hc.armed).toEqual([]);
    expect(hc.timed).toBe(0);
  });

  it("leaves alone a timer another client of the same component armed", () => {
    const c = clockCtx();
    const mine = emptyHttpClient<string>();
    const other = emptyHttpClient<string>();
    httpSendInPlace(mine, api, get, "mine", 1000, c.ctx);
    const timer = c.armed[0]!.timer as HttpClientTimer;
    c.ctx.now = 1000;
    expect(httpOnTimerInPlace(other, timer, c.ctx)).toEqual([]);
    expect(httpOnTimerInPlace(mine, timer, c.ctx)).toMatchObject([{ tag: "mine", status: 0 }]);
  });
});

const elector: ElectorConfig = {
  namespace: "kube-system",
  name: "kube-controller-manager",
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2000,
};

function lease(renewTime: Ms): Lease {
  return {
    kind: "Lease",
    apiVersion: "coordination.k8s.io/v1",
    metadata: {
      name: elector.name,
      namespace: elector.namespace,
      uid: "u",
      resourceVersion: "1",
      creationTimestamp: 0,
      labels: {},
      ownerReferences: [],
      deletionTimestamp: null,
    },
    spec: {
      holderIdentity: "me",
      leaseDurationSeconds: 15,
      acquireTime: 0,
      renewTime,
      leaseTransitions: 0,
    },
  };
}

/** An elector that holds the lease at t = 0 (its create succeeded), with its clock context and client. */
function leader() {
  const c = clockCtx();
  const hc = emptyHttpClient<ElectorTag>();
  const e = newElector("me", c.ctx);
  const ok = (verb: "create" | "update", status: number): HttpResult<ElectorTag> => ({
    kind: "response",
    id: "x",
    tag: { lib: "leader-election", verb },
    status,
    body: status < 300 ? lease(c.ctx.now) : null,
    error: status < 300 ? null : "failed",
    latencyMs: 1,
    call: get,
  });
  expect(electorOnResultInPlace(e, elector, hc, api, ok("create", 201), c.ctx)).toEqual([{ kind: "acquired" }]);
  c.armed.length = 0;
  const tryAt = (t: Ms) => {
    c.ctx.now = t;
    return electorOnTimerInPlace(e, elector, hc, api, { lib: "le", t: "try" }, c.ctx);
  };
  return { c, hc, e, ok, tryAt };
}

const windowEnds = (armed: Armed[]) => armed.filter((a) => (a.timer as ElectorTimer).t === "window-end");

describe("the leader's renew window (client-go leaderelection renew)", () => {
  it("arms no window timer while every renewal succeeds", () => {
    const { c, e, hc, ok, tryAt } = leader();
    for (let t = 2000; t <= 30_000; t += 2000) {
      tryAt(t);
      c.ctx.now = t + 5;
      expect(electorOnResultInPlace(e, elector, hc, api, ok("update", 200), c.ctx)).toEqual([]);
    }
    expect(windowEnds(c.armed)).toEqual([]);
    expect(e.leader).toBe(true);
  });

  it("watches the window's end once a renewal fails, and loses the lease there without a success", () => {
    const { c, e, hc, ok, tryAt } = leader();
    tryAt(2000); // the window runs from 2 s to 12 s
    c.ctx.now = 2005;
    expect(electorOnResultInPlace(e, elector, hc, api, ok("update", 500), c.ctx)).toEqual([]);
    expect(windowEnds(c.armed)).toEqual([{ at: 12_000, timer: { lib: "le", t: "window-end", start: 2000 } }]);
    c.ctx.now = 4005;
    expect(electorOnResultInPlace(e, elector, hc, api, ok("update", 500), c.ctx)).toEqual([]);
    expect(windowEnds(c.armed)).toHaveLength(1);
    c.ctx.now = 12_000;
    const end = windowEnds(c.armed)[0]!.timer as ElectorTimer;
    expect(electorOnTimerInPlace(e, elector, hc, api, end, c.ctx)).toEqual([{ kind: "lost" }]);
    expect(e.leader).toBe(false);
  });

  it("loses the lease when a renewal hangs: its request times out at the window's end", () => {
    const { c, e, hc, tryAt } = leader();
    tryAt(2000);
    const failures: HttpResult<ElectorTag>[] = [];
    fireUntil(hc, c, 12_000, failures);
    expect(failures).toHaveLength(1);
    expect(c.ctx.now).toBe(12_000);
    expect(electorOnResultInPlace(e, elector, hc, api, failures[0]!, c.ctx)).toEqual([{ kind: "lost" }]);
    expect(windowEnds(c.armed)).toEqual([]);
  });
});

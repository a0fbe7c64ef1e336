// Consistent lists from the watch cache (ConsistentListFromCache): the delegator reads etcd's current
// revision, then the cacher waits until the cache has seen it (watch_cache.go waitUntilFreshAndBlock,
// at most blockTimeout = 3 s) while its progress requester asks etcd for a progress notification
// every 100 ms (cacher/progress/watch_progress.go); past the bound the list falls back to etcd
// (delegator.go GetList: IsTooLargeResourceVersion -> storage.GetList).
import { describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/sim/core/component";
import type { Msg } from "@/lib/sim/core/messages";
import { emptyCacher } from "@/lib/sim/apiserver/cacher";
import { apiCall } from "@/lib/sim/apiserver/http";
import { onCacheProgress, onFreshTimeout, onReadResult, requestProgress } from "@/lib/sim/apiserver/reads";
import type { ApiServerConfig, ApiServerState, InFlight } from "@/lib/sim/apiserver/state";
import type { EtcdClient } from "@/lib/sim/etcd/client";

type Sent = { to: string; body: Msg };
type Timer = { ms: number; timer: unknown };

function recordingCtx(sent: Sent[], timers: Timer[]): Ctx {
  let ids = 0;
  return {
    now: 0,
    self: "kube-apiserver-1",
    send: (to: string, body: Msg) => void sent.push({ to, body }),
    after: (ms: number, timer: unknown) => void timers.push({ ms, timer }),
    trace: () => undefined,
    nextId: (prefix: string) => `${prefix}-${++ids}`,
  } as unknown as Ctx;
}

const cfg = {
  cacheFreshnessMs: 3000,
  etcd: { endpoints: ["etcd-1"], retryMs: 25, maxRetries: 100, reconnectBaseMs: 1000, reconnectMaxMs: 120_000 },
} as unknown as ApiServerConfig;

/** A ready pods cache at revision 5 whose etcd watch is open, and one `kubectl get pods` in flight. */
function state(): { s: ApiServerState; f: InFlight } {
  const etcd: EtcdClient = {
    conns: { "etcd-1": { status: "ready", backoffMs: 0 } },
    rr: 0,
    calls: {},
    watches: { w: { prefix: "/registry/pods/", nextRev: 6, endpoint: "etcd-1", open: true } },
  } as unknown as EtcdClient;
  const f = {
    id: "req-1",
    via: "kubectl",
    client: "kubectl",
    call: apiCall("list", "pods", { namespace: "default", limit: 500 }),
    user: "kubernetes-admin",
    node: null,
    startedAt: 0,
    current: null,
    attempts: 0,
  } as InFlight;
  const s = {
    etcd,
    caches: { pods: { ...emptyCacher(), ready: true, everReady: true, rv: 5, historyFrom: 5, watchId: "w" } },
    watchers: {},
    inflight: { "req-1": f },
    calls: {},
    deadlineAt: null,
  } as unknown as ApiServerState;
  return { s, f };
}

const kinds = (sent: Sent[]) => sent.map((m) => `${m.to} ${(m.body as { kind: string }).kind}`);

describe("a consistent list (ConsistentListFromCache)", () => {
  it(
    "waits for a cache behind etcd's revision, asks etcd for progress, " +
      "and answers once the notification shows the cache is fresh",
    () => {
      const sent: Sent[] = [];
      const timers: Timer[] = [];
      const ctx = recordingCtx(sent, timers);
      const { s, f } = state();
      onReadResult(s, cfg, f, "current-rv", [], 9, ctx);
      expect(kinds(sent)).toEqual(["etcd-1 watch-progress"]);
      expect(timers).toEqual([
        { ms: 3000, timer: { t: "fresh-timeout", resource: "pods", id: "req-1" } },
        { ms: 100, timer: { t: "progress", resource: "pods" } },
      ]);
      onCacheProgress(s, "pods", 9, ctx);
      expect(kinds(sent)).toEqual(["etcd-1 watch-progress", "kubectl response"]);
      expect(s.caches.pods.fresh).toEqual({});
    },
  );

  it("answers at once when the cache has already seen etcd's revision", () => {
    const sent: Sent[] = [];
    const { s, f } = state();
    onReadResult(s, cfg, f, "current-rv", [], 5, recordingCtx(sent, []));
    expect(kinds(sent)).toEqual(["kubectl response"]);
  });

  it("keeps asking every 100 ms, and after 3 s lists from etcd instead (delegator.go fallback)", () => {
    const sent: Sent[] = [];
    const timers: Timer[] = [];
    const ctx = recordingCtx(sent, timers);
    const { s, f } = state();
    onReadResult(s, cfg, f, "current-rv", [], 9, ctx);
    requestProgress(s, "pods", ctx);
    onFreshTimeout(s, cfg, "pods", "req-1", ctx);
    expect(kinds(sent)).toEqual(["etcd-1 watch-progress", "etcd-1 watch-progress", "etcd-1 range"]);
    expect(s.caches.pods.fresh).toEqual({});
  });
});

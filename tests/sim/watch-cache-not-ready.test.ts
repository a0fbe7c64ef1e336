// Reads while the watch cache is not ready (ResilientWatchCacheInitialization, KEP-4568), as
// staging/src/k8s.io/apiserver/pkg/storage/cacher/delegator.go decides: CacheDelegator.Get serves
// any GET from etcd while the cacher is not Ready; GetList delegates a LIST to etcd when
// shouldDelegateListOnNotReadyCache (a limit, no label or field selector), and Cacher.GetList
// answers every other LIST with 429. Quorum is lost here, so etcd answers nothing: a request sent to
// etcd waits for the 60 s request timeout (504), while one that needs the cache gets 429 at once.
// Requests are injected as if kubectl sent them straight to the API server.
import { describe, expect, it } from "vitest";
import { scheduleAt } from "@/lib/sim/core/run";
import type { SimEvent } from "@/lib/sim/core/types";
import { apiCall, type ApiCall } from "@/lib/sim/apiserver/http";
import { CREDENTIALS } from "@/lib/sim/cluster/policy";
import { k8sCluster, type Harness } from "./harness";

type Answer = { t: number; id: string; status: number };

function cacheNotReady(): { h: Harness; answers: Answer[]; t0: number } {
  const h = k8sCluster({ controlPlanes: 1, etcdMembers: 3, etcdTopology: "external", workers: 1 }, 4);
  h.runUntil((x) => x.events("apiserver.cache-ready").length > 0, 20_000).runFor(2000);
  h.stop("@etcd-leader").stop("@etcd-follower");
  h.runUntil((x) => x.events("apiserver.cache-reinitializing").some((e) => e.resource === "pods"), 20_000).runFor(500);
  const answers: Answer[] = [];
  h.listeners.push((w, ev: SimEvent) => {
    if (ev.kind !== "deliver" || ev.to !== "kubectl") return;
    const b = ev.body;
    if (b.p === "http" && b.kind === "response" && b.id.startsWith("probe-"))
      answers.push({ t: w.now, id: b.id, status: b.status });
  });
  return { h, answers, t0: h.now };
}

function send(h: Harness, id: string, call: ApiCall): void {
  scheduleAt(h.sim, h.now, {
    kind: "deliver",
    from: "kubectl",
    to: "kube-apiserver-1",
    sentAt: h.now,
    body: { p: "http", kind: "request", id, client: "kubectl", credential: CREDENTIALS.admin, call },
  });
}

const ns = { namespace: "default" };

describe("reads while the watch cache re-initializes (delegator.go)", () => {
  it("sends a GET with resourceVersion=0 to etcd instead of answering 429 (CacheDelegator.Get)", () => {
    const { h, answers, t0 } = cacheNotReady();
    send(h, "probe-get", apiCall("get", "pods", { ...ns, name: "web", rv: "0" }));
    h.runFor(61_000);
    expect(answers).toEqual([{ t: expect.any(Number), id: "probe-get", status: 504 }]);
    expect(answers[0]!.t - t0).toBeGreaterThanOrEqual(60_000);
  });

  it("sends a limited LIST without selectors to etcd (shouldDelegateListOnNotReadyCache)", () => {
    const { h, answers, t0 } = cacheNotReady();
    send(h, "probe-list", apiCall("list", "pods", { ...ns, rv: "0", limit: 500 }));
    h.runFor(61_000);
    expect(answers.map((a) => [a.id, a.status])).toEqual([["probe-list", 504]]);
    expect(answers[0]!.t - t0).toBeGreaterThanOrEqual(60_000);
  });

  it(
    "answers 429 at once to a LIST with a selector or without a " +
      "limit (Cacher.GetList: storage is (re)initializing)",
    () => {
      const { h, answers, t0 } = cacheNotReady();
      send(
        h,
        "probe-selector",
        apiCall("list", "pods", { ...ns, rv: "0", limit: 500, fieldSelector: { "spec.nodeName": "node-1" } }),
      );
      send(h, "probe-unlimited", apiCall("list", "pods", { ...ns, rv: "0" }));
      h.runFor(100);
      expect(answers.map((a) => [a.id, a.status]).sort()).toEqual([
        ["probe-selector", 429],
        ["probe-unlimited", 429],
      ]);
      for (const a of answers) expect(a.t - t0).toBeLessThan(100);
    },
  );
});

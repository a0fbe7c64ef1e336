// Node heartbeats with upstream's jitter, drawn from the simulation's seeded PRNG:
// - the Lease: component-helpers/apimachinery/lease/controller.go Run,
//   wait.JitterUntil(sync, renewInterval = 0.25 x 40 s, 0.04, sliding): every 10 s to 10.4 s;
// - unchanged node status: pkg/kubelet/kubelet_node_status.go tryUpdateNodeStatus posts it every
//   nodeStatusReportFrequency (5 min), the first time after a start shifted by delayAfterNodeStatusChange
//   (pkg/kubelet/kubelet.go: uniform in [-50 %, +50 %] of it).
import { describe, expect, it } from "vitest";
import type { ApiCall } from "@/lib/sim/apiserver/http";
import type { Envelope, SimEvent } from "@/lib/sim/core/types";
import { k8sCluster } from "../harness";

type Sent = { t: number; from: string; call: ApiCall };

function apiRequest(ev: SimEvent): { from: string; call: ApiCall } | null {
  if (ev.kind !== "deliver") return null;
  const body = (ev as Envelope).body as { p?: string; kind?: string; call?: ApiCall };
  if (body.p !== "http" || body.kind !== "request" || body.call === undefined) return null;
  return { from: ev.from, call: body.call };
}

function quietCluster(seed: number, ms: number): Sent[] {
  const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 2, webTraffic: false }, seed);
  const sent: Sent[] = [];
  h.listeners.push((_, ev) => {
    const r = apiRequest(ev);
    if (r !== null && r.from.startsWith("kubelet/")) sent.push({ t: h.now, ...r });
  });
  h.runFor(ms);
  return sent;
}

function gaps(ts: readonly number[]): number[] {
  return ts.slice(1).map((t, i) => t - ts[i]!);
}

const RUN_MS = 1_200_000;
const sent = quietCluster(3, RUN_MS);
const leaseRenewals = (kubelet: string) =>
  sent.filter((s) => s.from === kubelet && s.call.resource === "leases" && s.call.verb === "update").map((s) => s.t);
const statusPatches = (kubelet: string) =>
  sent.filter((s) => s.from === kubelet && s.call.resource === "nodes" && s.call.verb === "patch").map((s) => s.t);

describe("node Lease renewal (lease/controller.go Run: wait.JitterUntil with factor 0.04)", () => {
  it("renews every 10 s to 10.4 s plus the request's round trip, never on a fixed 10 s beat", () => {
    const g = gaps(leaseRenewals("kubelet/node-1"));
    expect(g.length).toBeGreaterThan(100);
    for (const x of g) expect(x).toBeGreaterThanOrEqual(10_000);
    for (const x of g) expect(x).toBeLessThan(10_400 + 100);
    expect(new Set(g).size).toBeGreaterThan(10);
  });

  it("drifts the nodes apart: two kubelets started together do not renew in lockstep", () => {
    const a = leaseRenewals("kubelet/node-1");
    const b = leaseRenewals("kubelet/node-2");
    expect(a.slice(0, 50)).not.toEqual(b.slice(0, 50).map((t) => t - (b[0]! - a[0]!)));
  });

  it("draws the jitter from the seeded PRNG: the same seed gives the same renewals", () => {
    const again = quietCluster(3, 120_000)
      .filter((s) => s.from === "kubelet/node-1" && s.call.resource === "leases" && s.call.verb === "update")
      .map((s) => s.t);
    expect(again).toEqual(leaseRenewals("kubelet/node-1").filter((t) => t <= 120_000));
  });
});

describe(
  "unchanged node status (kubelet_node_status.go: every " +
    "nodeStatusReportFrequency, shifted once by delayAfterNodeStatusChange)",
  () => {
    it(
      "reports an unchanged status first 2.5 to 7.5 min after the " +
        "kubelet starts, then every 5 min (on the 10 s status sync)",
      () => {
        for (const kubelet of ["kubelet/node-1", "kubelet/node-2"]) {
          const patches = statusPatches(kubelet).filter((t) => t > 60_000);
          expect(patches.length).toBeGreaterThanOrEqual(2);
          expect(patches[0]!).toBeGreaterThanOrEqual(150_000);
          expect(patches[0]!).toBeLessThanOrEqual(450_000 + 10_400);
          for (const g of gaps(patches)) {
            expect(g).toBeGreaterThanOrEqual(300_000);
            expect(g).toBeLessThanOrEqual(300_000 + 10_400);
          }
        }
        const firsts = ["kubelet/cp-1", "kubelet/node-1", "kubelet/node-2"].map(
          (k) => statusPatches(k).filter((t) => t > 60_000)[0]!,
        );
        expect(firsts.some((t) => Math.abs(t - 300_000) > 20_000)).toBe(true);
      },
    );
  },
);

// Node taints from the node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go):
// doNoScheduleTaintingPass runs on every node update, so a NoSchedule taint follows the Ready
// condition at once; processTaintBaseEviction adds the NoExecute taint (rate-limited per zone) on the
// node monitor's period, not-ready for Ready=False and unreachable for Ready=Unknown.
import { describe, expect, it } from "vitest";
import { DEFAULT_TUNING } from "@/lib/sim/cluster/defaults";
import type { TraceEvent } from "@/lib/sim/core/run";
import { k8sCluster } from "../harness";

const tuning = { ...DEFAULT_TUNING, defaultTolerationMs: 30_000 };

function taintEvents(events: readonly TraceEvent[], node: string, taint: string): TraceEvent[] {
  return events.filter(
    (e) => e.type === "node.tainted" && e.node === node && Array.isArray(e.taints) && e.taints.includes(taint),
  );
}

describe("unreachable node (Ready=Unknown): doNoScheduleTaintingPass on the node update", () => {
  const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 2, webTraffic: false, tuning }, 11);
  h.runFor(10_000);
  h.act({ type: "power-off", host: "node-1" });
  h.runFor(90_000);
  const unknown = h.events("node.ready-changed").find((e) => e.node === "node-1" && e.status === "Unknown");

  it(
    "adds node.kubernetes.io/unreachable:NoSchedule as soon as " +
      "Ready turns Unknown, not on the next 5 s monitor pass",
    () => {
      expect(unknown).toBeDefined();
      const noSchedule = taintEvents(h.events(), "node-1", "node.kubernetes.io/unreachable:NoSchedule")[0];
      expect(noSchedule).toBeDefined();
      expect(noSchedule!.t - unknown!.t).toBeLessThan(DEFAULT_TUNING.nodeMonitorPeriodMs);
    },
  );

  it("adds node.kubernetes.io/unreachable:NoExecute through the rate limiter on the monitor pass", () => {
    expect(taintEvents(h.events(), "node-1", "node.kubernetes.io/unreachable:NoExecute").length).toBeGreaterThan(0);
  });
});

describe("container runtime down (Ready=False): the not-ready taints", () => {
  const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 2, webTraffic: false, tuning }, 12);
  h.runFor(10_000);
  h.kubectl("apply", { name: "web", replicas: 4 });
  h.runFor(20_000);
  const stoppedAt = h.now;
  h.stop("containerd/node-1");
  h.runFor(120_000);
  const notReady = h.events("node.ready-changed").find((e) => e.node === "node-1" && e.status === "False");

  it(
    "the kubelet reports Ready=False 25-45 s after containerd stops (kubelet.go " +
      "updateRuntimeUp every 5 s, maxWaitForContainerRuntime 30 s; runtime.go runtimeErrors)",
    () => {
      expect(notReady).toBeDefined();
      expect(notReady!.t - stoppedAt).toBeGreaterThanOrEqual(25_000);
      expect(notReady!.t - stoppedAt).toBeLessThanOrEqual(45_000);
      expect(h.events("node.ready-changed").some((e) => e.node === "node-1" && e.status === "Unknown")).toBe(false);
    },
  );

  it("taints the node node.kubernetes.io/not-ready:NoSchedule at once and :NoExecute on the monitor pass", () => {
    const noSchedule = taintEvents(h.events(), "node-1", "node.kubernetes.io/not-ready:NoSchedule")[0];
    const noExecute = taintEvents(h.events(), "node-1", "node.kubernetes.io/not-ready:NoExecute")[0];
    expect(noSchedule!.t - notReady!.t).toBeLessThan(DEFAULT_TUNING.nodeMonitorPeriodMs);
    expect(noExecute).toBeDefined();
    expect(noExecute!.t).toBeGreaterThanOrEqual(noSchedule!.t);
    expect(taintEvents(h.events(), "node-1", "node.kubernetes.io/unreachable:NoSchedule")).toEqual([]);
  });

  it(
    "marks the node's pods not ready once it has tainted the node " +
      "NoExecute (doNoExecuteTaintingPass, MarkPodsNotReady)",
    () => {
      const onNode = h
        .events("pod.running")
        .filter((e) => e.node === "node-1" && e.t < stoppedAt)
        .map((e) => String(e.pod));
      const noExecute = taintEvents(h.events(), "node-1", "node.kubernetes.io/not-ready:NoExecute")[0]!;
      const marked = h.events("pod.not-ready").filter((e) => e.node === "node-1");
      expect(marked.map((e) => String(e.pod)).sort()).toEqual([...onNode].sort());
      for (const e of marked) expect(e.t).toBeGreaterThanOrEqual(noExecute.t);
    },
  );

  it("evicts the node's pods once their not-ready toleration runs out", () => {
    const onNode = h
      .events("pod.running")
      .filter((e) => e.node === "node-1" && e.t < stoppedAt)
      .map((e) => String(e.pod));
    expect(onNode.length).toBeGreaterThan(0);
    const evicted = h.events("pod.evicted").map((e) => String(e.pod));
    for (const p of onNode) expect(evicted).toContain(p);
  });

  it("removes the not-ready taints when containerd is back and the kubelet reports Ready again", () => {
    h.start("containerd/node-1");
    h.runFor(30_000);
    expect(h.events("node.ready-changed").some((e) => e.node === "node-1" && e.status === "True")).toBe(true);
    expect(h.events("node.untainted").filter((e) => e.node === "node-1").length).toBeGreaterThan(0);
    const node = h.world.procs["kubelet/node-1"];
    expect(node?.up).toBe(true);
  });
});

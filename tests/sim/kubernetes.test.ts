// Kubernetes behaviour in the fluent harness (invariants checked after every step): admission, the
// watch cache under quorum loss, leader election failover, and workloads that outlive the control plane.
import { describe, expect, it } from "vitest";
import type { ApiServerState } from "@/lib/sim/apiserver/state";
import type { ContainerdState } from "@/lib/sim/cluster-components/containerd";
import { rangePrefix } from "@/lib/sim/etcd/mvcc";
import type { Pod } from "@/lib/sim/objects/core";
import { servedResources } from "@/lib/sim/objects/resources";
import { k8sCluster } from "./harness";

/** Waits for the controllers and every node, then deploys `replicas` pods of web and waits for them. */
function withApp(h: ReturnType<typeof k8sCluster>, replicas = 2) {
  const nodes = Object.values(h.world.procs).filter((p) => p.kind === "kubelet").length;
  return h
    .runUntil(
      (x) => x.events("leader-election.acquired").length >= 2 && x.events("node.registered").length >= nodes,
      20_000,
    )
    .kubectl("apply", { name: "web", replicas })
    .runUntil((x) => x.events("pod.running").length >= replicas, 30_000);
}

function responses(h: ReturnType<typeof k8sCluster>, from: number) {
  return h.events("api.response").filter((e) => e.t >= from);
}

describe("kube-apiserver", () => {
  it("adds the 300 s not-ready and unreachable NoExecute tolerations to every pod (DefaultTolerationSeconds)", () => {
    const h = withApp(k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 2 }, 2));
    const pods = rangePrefix(h.etcd("etcd-1").store, "/registry/pods/").map((kv) => kv.value as Pod);
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.spec.tolerations).toEqual([
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ]);
      expect(p.spec.serviceAccountName).toBe("default");
    }
  });

  it("denies by default: jane may read pods in default but not create deployments", () => {
    const h = withApp(k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 1 }, 3), 1);
    const at = h.now;
    h.kubectl("get", { resource: "pods", as: "jane" }).kubectl("create", { name: "x", as: "jane" }).runFor(1000);
    expect(
      responses(h, at)
        .map((e) => e.status)
        .sort(),
    ).toEqual([200, 403]);
  });

  it("re-initializes the watch cache about 3 s after etcd loses its leader, and recovers with etcd", () => {
    const h = withApp(k8sCluster({ controlPlanes: 1, etcdMembers: 3, etcdTopology: "external", workers: 1 }, 4), 1);
    h.stop("@etcd-leader").stop("@etcd-follower").runFor(8000);
    const api = () => h.world.procs["kube-apiserver-1"]!.state as ApiServerState;
    expect(api().caches.pods.ready).toBe(false);
    // One per cache it keeps: every resource but those of the optional API groups, which this cluster does not serve.
    expect(h.events("apiserver.cache-reinitializing").length).toBe(servedResources({}).length);
    expect(Object.keys(api().caches).sort()).toEqual([...servedResources({})]);
    h.start("etcd-1")
      .start("etcd-2")
      .start("etcd-3")
      .runUntil(() => api().caches.pods.ready, 60_000);
  });

  it("makes a write wait for etcd and answers 504 after 60 s when no member is reachable", () => {
    const h = withApp(k8sCluster({ controlPlanes: 1, etcdMembers: 3, etcdTopology: "external", workers: 1 }, 5), 1);
    h.stop("etcd-1").stop("etcd-2").stop("etcd-3");
    const at = h.now;
    h.kubectl("create", { name: "later" }).runFor(61_000);
    const r = responses(h, at).find((e) => e.verb === "create")!;
    expect(r).toMatchObject({ status: 504 });
    expect(r.latencyMs).toBeGreaterThanOrEqual(60_000);
  });
});

describe("leader election", () => {
  it("lets a standby controller manager take over 11–24 s after the leader is killed", () => {
    const h = withApp(k8sCluster({}, 6));
    const leader = h
      .events("leader-election.acquired")
      .find((e) => e.component.startsWith("kube-controller-manager"))!.component;
    const at = h.now;
    h.stop(leader).runUntil(
      (x) =>
        x.events("leader-election.acquired").some((e) => e.t > at && e.component.startsWith("kube-controller-manager")),
      40_000,
    );
    const takeover = h
      .events("leader-election.acquired")
      .find((e) => e.t > at && e.component.startsWith("kube-controller-manager"))!;
    expect(takeover.component).not.toBe(leader);
    expect(takeover.t - at).toBeGreaterThanOrEqual(11_000);
    expect(takeover.t - at).toBeLessThanOrEqual(24_000);
  });

  it("does not mark healthy nodes unhealthy when a new controller manager starts leading", () => {
    const h = withApp(k8sCluster({}, 7));
    const leader = h
      .events("leader-election.acquired")
      .find((e) => e.component.startsWith("kube-controller-manager"))!.component;
    h.crash(leader).runFor(120_000);
    expect(h.events("node.ready-changed")).toEqual([]);
    expect(h.events("pod.evicted")).toEqual([]);
  });
});

describe("workloads", () => {
  it("keeps pods running while the API server is gone, and the kubelet reconnects afterwards", () => {
    const h = withApp(k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 2 }, 8));
    h.stop("kube-apiserver-1").runFor(120_000);
    for (const node of ["node-1", "node-2"]) {
      const rt = h.world.procs[`containerd/${node}`]!.state as ContainerdState;
      expect(Object.values(rt.pods).every((p) => p.state === "running")).toBe(true);
    }
    expect(
      h
        .events("app.traffic")
        .filter((e) => e.t > 30_000)
        .every((e) => e.failed === 0),
    ).toBe(true);
    const at = h.now;
    h.start("kube-apiserver-1").runFor(30_000);
    expect(h.events("kubelet.lease-renewed").filter((e) => e.t > at).length).toBeGreaterThanOrEqual(2);
  });

  it("replaces the pods of a dead node only after the toleration runs out", () => {
    const h = withApp(k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 3 }, 9), 3);
    const at = h.now;
    h.act({ type: "power-off", host: "@busiest-worker" }).runFor(70_000);
    expect(h.events("pod.evicted")).toEqual([]);
    // The NoExecute taint starts the tolerations' clock (the NoSchedule one comes with Ready=Unknown, a monitor pass
    // earlier).
    const taint = h
      .events("node.tainted")
      .find((e) => e.t > at && Array.isArray(e.taints) && e.taints.some((t) => t.endsWith(":NoExecute")))!;
    h.runFor(310_000);
    const evicted = h.events("pod.evicted");
    expect(evicted.length).toBeGreaterThan(0);
    for (const e of evicted) expect(e.t - taint.t).toBe(300_000);
  });
});

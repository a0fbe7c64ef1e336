// The replay View's workload fields, folded from the traces of the new scenarios.
import { describe, expect, it } from "vitest";
import { runScenario, viewAt, viewAtTime } from "@/lib/sim";
import { STEPS } from "@/lib/sim/scenarios/deployment-vs-statefulset";

describe("replay view of workloads", () => {
  it(
    "shows ReplicaSets with revisions, PVCs, Services with " + "DNS records and pod IPs (deployment-vs-statefulset)",
    () => {
      const trace = runScenario("deployment-vs-statefulset", { scaleUpTo: 5 }, 1);
      const end = viewAt(trace, trace.events.length - 1);
      expect(end.pvcs).toEqual(["www-db-0", "www-db-1", "www-db-2", "www-db-3", "www-db-4"]);
      const sets = Object.values(end.replicasets);
      expect(sets.map((r) => r.revision).sort()).toEqual([1, 2]);
      expect(sets.find((r) => r.revision === 2)?.replicas).toBe(2);
      expect(end.services.db?.records.map((r) => r.split("=")[0])).toEqual([
        "db-0.db.default.svc.cluster.local",
        "db-1.db.default.svc.cluster.local",
      ]);
      expect(end.pods["db-0"]?.ip).toMatch(/^10\.244\.\d+\.\d+$/);
      const scaledUp = viewAtTime(trace, STEPS.scaleDown - 1);
      expect(
        Object.keys(scaledUp.pods)
          .filter((p) => p.startsWith("db-"))
          .sort(),
      ).toEqual(["db-0", "db-1", "db-2", "db-3", "db-4"]);
    },
  );

  it("shows CrashLoopBackOff and restarts while a bad release stalls (rolling-update)", () => {
    const trace = runScenario("rolling-update", {}, 1);
    const backOff = trace.events.find((e) => e.type === "pod.back-off")!;
    const v = viewAt(trace, backOff.seq);
    const pod = v.pods[String(backOff.pod)]!;
    expect(pod.reason).toBe("CrashLoopBackOff");
    expect(pod.restarts).toBeGreaterThanOrEqual(2);
    expect(pod.ready).toBe(false);
  });

  it("shows kube-proxy's rules per node and the refused userspace proxy (kube-proxy-modes)", () => {
    const trace = runScenario("kube-proxy-modes", {}, 1);
    const end = viewAt(trace, trace.events.length - 1);
    expect(end.proxies["node-4"]).toMatchObject({ mode: "userspace", refused: true });
    expect(end.proxies["node-1"]).toMatchObject({ mode: "iptables", endpoints: 5 });
    expect(end.proxies["node-2"]).toMatchObject({ mode: "ipvs", rules: 14, hashEntries: 7 });
    expect(end.proxies["node-1"]!.path[0]).toContain("KUBE-SERVICES");
  });

  it(
    "shows the handler-chain stage of the request-flow trace and a " +
      "pending pod's FitError (kubectl-create-deployment, scheduling)",
    () => {
      const flow = runScenario("kubectl-create-deployment", {}, 1);
      const stage = flow.events.find((e) => e.type === "api.stage" && e.stage === "priority-and-fairness")!;
      expect(viewAt(flow, stage.seq).request).toEqual({
        request: "POST /apis/apps/v1/namespaces/default/deployments",
        stage: "priority-and-fairness",
        user: "kubernetes-admin",
      });
      const sched = runScenario("scheduling", { case: 1 }, 1);
      const pending = sched.events.find((e) => e.type === "pod.unschedulable")!;
      expect(viewAt(sched, pending.seq).pods.big?.reason).toContain("Insufficient cpu");
      expect(viewAt(sched, sched.events.length - 1).pods.big?.reason).toBeNull();
    },
  );
});

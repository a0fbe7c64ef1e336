// A kubeadm upgrade: kubeadm's version policy (cmd/kubeadm/app/phases/upgrade/policy.go,
// EnforceVersionPolicies), the static pods it replaces one at a time (phases/upgrade/staticpods.go,
// StaticPodControlPlane and upgradeComponent), the kubelet restarting a static pod whose manifest
// changed (pkg/kubelet/config/file.go), and the kubeadm-upgrade scenario's claims at every parameter.
import { describe, expect, it } from "vitest";
import { kubeadmUpgradeErrors } from "@/lib/sim/cluster/version-skew";
import { runScenario } from "@/lib/sim";
import type { RawParams } from "@/lib/sim";

describe("kubeadm's version policy (policy.go, EnforceVersionPolicies)", () => {
  it("upgrades one minor at a time: v1.34 to v1.35 passes, v1.33 to v1.35 is too high", () => {
    expect(kubeadmUpgradeErrors("v1.34.3", "v1.35.0", "v1.35.0")).toEqual([]);
    expect(kubeadmUpgradeErrors("v1.35.0", "v1.35.0", "v1.35.0")).toEqual([]);
    expect(kubeadmUpgradeErrors("v1.33.7", "v1.35.0", "v1.35.0")).toEqual([
      'Specified version to upgrade to "v1.35.0" is too high; kubeadm can upgrade only 1 minor version at a time',
    ]);
  });

  it("never upgrades past its own minor (MaximumAllowedMinorVersionUpgradeSkew and the kubeadm version check)", () => {
    expect(kubeadmUpgradeErrors("v1.35.0", "v1.36.0", "v1.35.0")).toEqual([
      'Specified version to upgrade to "v1.36.0" is at least one minor release higher ' +
        "than the kubeadm minor release (36 > 35). Such an upgrade is not supported",
    ]);
  });
});

describe("kubeadm-upgrade scenario", () => {
  const run = (params: RawParams, seed = 1) => runScenario("kubeadm-upgrade", params, seed);

  it(
    "replaces etcd, kube-apiserver, kube-controller-manager, kube-scheduler on each " +
      "node, each after the previous one runs again (staticpods.go, upgradeComponent)",
    () => {
      const trace = run({});
      const moved = trace.events.filter((e) => e.type === "kubeadm.manifest-moved");
      expect(moved.map((e) => `${String(e.node)}:${String(e.manifest)}`)).toEqual(
        ["cp-1", "cp-2", "cp-3"].flatMap((n) =>
          ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"].map((c) => `${n}:${c}`),
        ),
      );
      for (const m of moved.slice(1)) {
        const before = trace.events.filter((e) => e.seq < m.seq);
        const started = before.filter((e) => e.type === "kubelet.static-pod-started").length;
        expect(started, `${String(m.proc)} moved before the previous component ran again`).toBe(moved.indexOf(m));
      }
      expect(trace.events.filter((e) => e.type === "kubeadm.success").map((e) => e.message)).toEqual([
        '[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "v1.35.0". [upgrade] ' +
          "Now please proceed with upgrading the rest of the nodes by following the right order.",
        "[upgrade] The control plane instance for this node was successfully " +
          'upgraded to "v1.35.0". Now upgrade the kubelet package and restart it.',
        "[upgrade] The control plane instance for this node was successfully " +
          'upgraded to "v1.35.0". Now upgrade the kubelet package and restart it.',
      ]);
    },
  );

  it("kubeadm moves on from kube-apiserver only when its /readyz answers, not when the container starts", () => {
    const trace = run({ controlPlanes: 1 });
    const started = trace.events.find((e) => e.type === "kubelet.static-pod-started" && e.proc === "kube-apiserver-1")!;
    const upgraded = trace.events.find(
      (e) => e.type === "kubeadm.component-upgraded" && e.proc === "kube-apiserver-1",
    )!;
    const nextMoved = trace.events.find(
      (e) => e.type === "kubeadm.manifest-moved" && e.manifest === "kube-controller-manager",
    )!;
    // The API server serves only after its startup (2 s in the model): kubeadm waited for it.
    expect(upgraded.t - started.t).toBeGreaterThanOrEqual(2000);
    expect(nextMoved.seq).toBeGreaterThan(upgraded.seq);
  });

  it(
    "a v1.33 cluster: kubeadm upgrade apply v1.35.0 is refused with " +
      "kubeadm's fatal-error message and nothing is restarted",
    () => {
      const trace = run({ fromMinor: 33 });
      const refused = trace.events.find((e) => e.type === "kubeadm.refused")!;
      expect(refused.message).toBe(
        "[upgrade/version] FATAL: the --version argument is invalid due to these fatal errors: - " +
          'Specified version to upgrade to "v1.35.0" is too high; kubeadm can upgrade only 1 minor ' +
          "version at a time. Please fix the misalignments highlighted above and try upgrading again",
      );
      expect(trace.events.filter((e) => e.type === "kubelet.manifest-changed" || e.type === "process.crashed")).toEqual(
        [],
      );
      expect(trace.claims.map((c) => [c.id, c.passed])).toEqual([["skip-minor-refused", true]]);
    },
  );

  it("with three control planes never two API servers restart at once; with one the API is briefly down", () => {
    expect(run({}).claims.map((c) => c.id)).toEqual([
      "static-pods-one-by-one",
      "nodes-one-by-one",
      "api-stays-up",
      "skew-holds",
      "kubelets-last",
    ]);
    expect(run({ controlPlanes: 1 }).claims.map((c) => c.id)).toEqual([
      "static-pods-one-by-one",
      "nodes-one-by-one",
      "api-outage",
      "skew-holds",
      "kubelets-last",
    ]);
  });

  it(
    "a kubelet upgraded before the control plane is newer than the API servers, " +
      "and nothing refuses it (policy.go checks only for kubelets too old)",
    () => {
      const trace = run({ kubeletFirst: true });
      const reported = trace.events.find((e) => e.type === "node.version-reported" && e.version === "v1.35.0")!;
      const firstApiServer = trace.events.find(
        (e) => e.type === "kubelet.static-pod-started" && e.proc === "kube-apiserver-1",
      )!;
      expect(reported.node).toBe("node-1");
      expect(reported.t).toBeLessThan(firstApiServer.t);
      expect(trace.events.filter((e) => e.type === "kubeadm.refused")).toEqual([]);
      expect(trace.claims.map((c) => [c.id, c.passed])).toEqual([
        ["static-pods-one-by-one", true],
        ["nodes-one-by-one", true],
        ["api-stays-up", true],
        ["kubelet-ahead", true],
      ]);
    },
  );

  const corners: RawParams[] = [
    {},
    { controlPlanes: 1 },
    { fromMinor: 33 },
    { controlPlanes: 1, fromMinor: 33 },
    { kubeletFirst: true },
    { kubeletFirst: true, controlPlanes: 1 },
    { kubeletFirst: true, fromMinor: 33 },
  ];
  it.each(corners)("every claim holds at %o on seeds 1–4", (params) => {
    for (let seed = 1; seed <= 4; seed++) {
      const trace = run(params, seed);
      expect(trace.outcome.status).toBe("completed");
      expect(trace.claims.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
    }
  });
});

// The drain of a node through the Eviction API: the disruption controller's arithmetic
// (pkg/controller/disruption/disruption.go), the eviction subresource's answers
// (pkg/registry/core/pod/storage/eviction.go), kubectl drain's retries (staging/src/k8s.io/kubectl/pkg/drain/drain.go),
// the version-skew policy, and the node-drain scenario's claims at the bounds of every parameter.
import { describe, expect, it } from "vitest";
import { budgetExhausted, budgetsFor } from "@/lib/sim/apiserver/eviction";
import { kubeletSkew } from "@/lib/sim/cluster/version-skew";
import {
  budgetStatus,
  DELETION_TIMEOUT_MS,
  expectedScale,
  type Workloads,
} from "@/lib/sim/cluster-components/controller-manager/disruption";
import { busiestNode, drainCommandLine } from "@/lib/sim/cluster-components/kubectl-drain";
import type { Deployment, ReplicaSet } from "@/lib/sim/objects/apps";
import type { Pod } from "@/lib/sim/objects/core";
import type { IntOrPercent } from "@/lib/sim/objects/meta";
import type { PodDisruptionBudget } from "@/lib/sim/objects/policy";
import { budgetOf } from "@/lib/sim/scenarios/manifests";
import { runScenario } from "@/lib/sim";
import type { RawParams } from "@/lib/sim";
import { k8sCluster } from "../harness";

const dep: Deployment = {
  kind: "Deployment",
  apiVersion: "apps/v1",
  metadata: meta("web", "dep-uid"),
  spec: {
    replicas: 5,
    selector: { app: "web" },
    template: {
      labels: { app: "web" },
      spec: {
        containers: [],
        tolerations: [],
        serviceAccountName: "",
        schedulerName: "default-scheduler",
        restartPolicy: "Always",
        terminationGracePeriodSeconds: 30,
      },
    },
  },
  status: { replicas: 5, readyReplicas: 5 },
};
const rs: ReplicaSet = {
  kind: "ReplicaSet",
  apiVersion: "apps/v1",
  metadata: {
    ...meta("web-abc", "rs-uid"),
    ownerReferences: [{ kind: "Deployment", name: "web", uid: "dep-uid", controller: true }],
  },
  spec: { replicas: 5, selector: { app: "web" }, template: dep.spec.template },
  status: { replicas: 5, readyReplicas: 5 },
};
const workloads: Workloads = { replicasets: [rs], deployments: [dep], statefulsets: [] };

function meta(name: string, uid: string) {
  return {
    name,
    namespace: "default",
    uid,
    resourceVersion: "1",
    creationTimestamp: 0,
    labels: { app: "web" },
    ownerReferences: [],
    deletionTimestamp: null,
  };
}

function pod(name: string, o: { ready?: boolean; terminating?: boolean; owned?: boolean } = {}): Pod {
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      ...meta(name, `uid-${name}`),
      deletionTimestamp: o.terminating === true ? 1 : null,
      ownerReferences:
        o.owned === false ? [] : [{ kind: "ReplicaSet", name: "web-abc", uid: "rs-uid", controller: true }],
    },
    spec: {
      nodeName: "node-1",
      containers: [],
      tolerations: [],
      serviceAccountName: "default",
      schedulerName: "default-scheduler",
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
    },
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True", reason: "", lastTransitionTime: 0 }],
      podIP: "10.0.0.1",
    },
  };
}

const five = ["a", "b", "c", "d", "e"].map((n) => pod(`web-${n}`));
const budget = (
  limit: { minAvailable: IntOrPercent } | { maxUnavailable: IntOrPercent },
  disrupted: Record<string, number> = {},
): PodDisruptionBudget => {
  const b = budgetOf("web-pdb", { app: "web" }, limit);
  return { ...b, status: { ...b.status, disruptedPods: disrupted } };
};

describe("disruption controller status (pkg/controller/disruption/disruption.go)", () => {
  it(
    "minAvailable as a number: desiredHealthy = minAvailable, " +
      "expectedPods = the matching pods, allowed = healthy − desired",
    () => {
      // getExpectedPodCount: MinAvailable.Type == intstr.Int → desiredHealthy = IntVal, expectedCount = len(pods)
      expect(budgetStatus(budget({ minAvailable: 3 }), five, workloads, 0)).toMatchObject({
        desiredHealthy: 3,
        expectedPods: 5,
        currentHealthy: 5,
        disruptionsAllowed: 2,
      });
    },
  );
  it(
    "maxUnavailable: expectedPods is the Deployment's scale (getExpectedScale " +
      "via getPodDeployment), desiredHealthy = expected − maxUnavailable",
    () => {
      expect(budgetStatus(budget({ maxUnavailable: 1 }), five.slice(0, 3), workloads, 0)).toMatchObject({
        expectedPods: 5,
        desiredHealthy: 4,
        currentHealthy: 3,
        disruptionsAllowed: 0,
      });
    },
  );
  it(
    "percentages round up (GetScaledValueFromIntOrPercent(..., true)): " +
      "minAvailable 50% of 5 → 3; maxUnavailable 30% of 5 → 2 down, 3 desired",
    () => {
      expect(budgetStatus(budget({ minAvailable: "50%" }), five, workloads, 0).desiredHealthy).toBe(3);
      expect(budgetStatus(budget({ maxUnavailable: "30%" }), five, workloads, 0).desiredHealthy).toBe(3);
    },
  );
  it(
    "countHealthyPods skips terminating pods, pods not Ready, and " +
      "pods in disruptedPods younger than DeletionTimeout (2 min)",
    () => {
      const pods = [
        pod("web-a"),
        pod("web-b", { terminating: true }),
        pod("web-c", { ready: false }),
        pod("web-d"),
        pod("web-e"),
      ];
      const st = budgetStatus(budget({ minAvailable: 1 }, { "web-d": 1000 }), pods, workloads, 5000);
      expect(st.currentHealthy).toBe(2); // web-a and web-e
      expect(st.disruptedPods).toEqual({ "web-d": 1000 });
    },
  );
  it("buildDisruptedPodMap drops entries whose pod is gone, terminating, or older than DeletionTimeout", () => {
    const pods = [pod("web-a"), pod("web-b", { terminating: true }), pod("web-c")];
    const st = budgetStatus(
      budget({ minAvailable: 1 }, { "web-a": 0, "web-b": 0, "web-gone": 0, "web-c": 10 }),
      pods,
      workloads,
      DELETION_TIMEOUT_MS + 5,
    );
    expect(st.disruptedPods).toEqual({ "web-c": 10 });
    expect(st.currentHealthy).toBe(1); // web-a counts again once its entry expired; web-c is still expected to go
  });
  it("updatePdbStatus: disruptionsAllowed is 0 when negative or when no pod is expected", () => {
    expect(budgetStatus(budget({ minAvailable: 9 }), five, workloads, 0).disruptionsAllowed).toBe(0);
    expect(budgetStatus(budget({ minAvailable: 0 }), [], workloads, 0)).toMatchObject({
      expectedPods: 0,
      disruptionsAllowed: 0,
    });
  });
  it("getExpectedScale counts each controller once and skips pods without one (unmanagedPods)", () => {
    expect(expectedScale([...five, pod("web-x", { owned: false })], workloads)).toBe(5);
  });
});

describe("eviction subresource (pkg/registry/core/pod/storage/eviction.go)", () => {
  it(
    "answers 429 TooManyRequests with the budget's cause when " +
      "disruptionsAllowed is 0 (checkAndDecrement, disruptionDeniedMessage)",
    () => {
      const b = {
        ...budget({ minAvailable: 3 }),
        status: { ...budget({ minAvailable: 3 }).status, desiredHealthy: 3, currentHealthy: 3 },
      };
      expect(budgetExhausted(b)).toEqual({
        status: 429,
        reason: "TooManyRequests",
        message: "Cannot evict pod as it would violate the pod's disruption budget.",
        details: {
          causes: [
            {
              reason: "DisruptionBudget",
              message: "The disruption budget web-pdb needs 3 healthy pods and has 3 currently",
            },
          ],
        },
      });
    },
  );
  it("getPodDisruptionBudgets: budgets in the pod's namespace whose selector matches its labels", () => {
    const other = { ...budget({ minAvailable: 1 }), spec: { selector: { app: "db" }, minAvailable: 1 } };
    expect(budgetsFor(five[0]!, [budget({ minAvailable: 1 }), other]).map((b) => b.spec.selector)).toEqual([
      { app: "web" },
    ]);
  });
});

describe("eviction subresource in a running cluster", () => {
  function cluster(budgets: PodDisruptionBudget[], policyApi = true) {
    const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 2, webTraffic: false, policyApi }, 3);
    h.runUntil(
      (x) => x.events("leader-election.acquired").length >= 2 && x.events("node.registered").length >= 3,
      20_000,
    );
    h.kubectl("apply", { name: "web", replicas: 4 }).runUntil((x) => x.events("pod.running").length >= 4, 30_000);
    for (const b of budgets)
      h.kubectl("create-object", {
        manifest: JSON.stringify(b),
        file: `${b.metadata.name}.yaml`,
        summary: b.metadata.name,
      });
    return h.runFor(3000).kubectl("drain", { node: "@busiest-worker", ignoreDaemonsets: true }).runFor(8000);
  }

  it(
    "refuses a pod that two budgets select with 500 (eviction.go: " +
      "more than one PodDisruptionBudget), and drain gives up",
    () => {
      const h = cluster([
        budgetOf("web-a", { app: "web" }, { minAvailable: 1 }),
        budgetOf("web-b", { app: "web" }, { maxUnavailable: 1 }),
      ]);
      expect(h.events("drain.failed")[0]?.message).toContain(
        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
      );
      expect(h.events("eviction.granted")).toEqual([]);
    },
  );

  it("grants every eviction at once when no budget selects the pods", () => {
    const h = cluster([budgetOf("other", { app: "db" }, { minAvailable: 1 })]);
    expect(h.events("eviction.refused")).toEqual([]);
    expect(h.events("eviction.granted").every((e) => e.pdb === null)).toBe(true);
    expect(h.events("drain.drained")).toHaveLength(1);
  });
});

describe("kubectl drain (staging/src/k8s.io/kubectl/pkg/drain)", () => {
  it("prints the command with --ignore-daemonsets and an optional --timeout", () => {
    expect(drainCommandLine({ ignoreDaemonsets: true }, "node-2")).toBe("kubectl drain node-2 --ignore-daemonsets");
    expect(drainCommandLine({ ignoreDaemonsets: true, timeoutSeconds: 60 }, "node-2")).toBe(
      "kubectl drain node-2 --ignore-daemonsets --timeout=60s",
    );
  });
  it("the operator drains the worker running the most pods (ties: the lowest name)", () => {
    const on = (name: string, node: string) => ({ ...pod(name), spec: { ...pod(name).spec, nodeName: node } });
    expect(busiestNode([on("a", "node-2"), on("b", "node-1"), on("c", "node-2"), on("d", "node-1")])).toBe("node-1");
    expect(busiestNode([on("a", "node-3"), on("b", "node-3"), on("c", "node-1")])).toBe("node-3");
  });
});

describe("version-skew policy (kubernetes.io/releases/version-skew-policy)", () => {
  it("a kubelet may be up to three minors older than kube-apiserver, never newer", () => {
    expect(kubeletSkew("v1.35.0", "v1.32.4")).toBe("supported");
    expect(kubeletSkew("v1.35.0", "v1.35.0")).toBe("supported");
    expect(kubeletSkew("v1.35.0", "v1.31.9")).toBe("too-old");
    expect(kubeletSkew("v1.35.0", "v1.36.0")).toBe("newer");
  });
});

describe("node-drain scenario", () => {
  const events = (params: RawParams, seed = 1) => runScenario("node-drain", params, seed);

  it(
    "cordons before evicting, answers 429 while the budget is spent, and " +
      "kubectl retries 5 s later (drain.go: will retry after 5s)",
    () => {
      const trace = events({});
      const types = trace.events.map((e) => e.type);
      expect(types.indexOf("drain.cordoned")).toBeLessThan(types.indexOf("drain.evicting"));
      const refused = trace.events.find((e) => e.type === "drain.eviction-refused")!;
      expect(refused.message).toMatch(
        new RegExp(
          /^error when evicting pods\/"web-[a-z0-9-]+" -n "default" \(will retry after 5s\): /.source +
            /Cannot evict pod as it would violate the pod's disruption budget\.$/.source,
        ),
      );
      const retry = trace.events.find((e) => e.type === "drain.evicting" && e.pod === refused.pod && e.t > refused.t)!;
      expect(retry.t - refused.t).toBe(5000);
      expect(trace.claims.every((c) => c.passed)).toBe(true);
    },
  );

  it("without a budget every pod on the node is evicted at once", () => {
    const trace = events({ budget: 0, replicas: 6, workers: 2 });
    expect(trace.events.filter((e) => e.type === "eviction.refused")).toEqual([]);
    expect(trace.claims.map((c) => [c.id, c.passed])).toEqual([
      ["cordon-first", true],
      ["no-budget", true],
      ["kubelet-version", true],
      ["uncordoned", true],
    ]);
  });

  it("minAvailable equal to the replicas blocks the drain until its --timeout", () => {
    const trace = events({ replicas: 3, minAvailable: 3 });
    const failed = trace.events.find((e) => e.type === "drain.failed")!;
    expect(failed.message).toMatch(/global timeout reached: 60s, continuing command\.\.\.$/);
    expect(trace.events.some((e) => e.type === "eviction.granted")).toBe(false);
    expect(trace.claims.every((c) => c.passed)).toBe(true);
  });

  it("a kubelet newer than the API server registers all the same: flagged, not refused", () => {
    const trace = events({ kubeletMinor: 36 });
    expect(trace.events.find((e) => e.type === "node.version-reported")?.version).toBe("v1.36.0");
    expect(trace.claims.find((c) => c.id === "kubelet-version")?.text).toMatch(/newer than kube-apiserver v1\.35\.0/);
  });

  // Every claim at the minimum and maximum of every parameter, and the hard corners, on several seeds.
  const corners: RawParams[] = [
    { workers: 2 },
    { workers: 6 },
    { replicas: 2, minAvailable: 1 },
    { replicas: 10 },
    { budget: 0 },
    { budget: 2 },
    { minAvailable: 1 },
    { replicas: 10, minAvailable: 10 },
    { budget: 2, maxUnavailable: 1, replicas: 10, workers: 2 },
    { budget: 2, maxUnavailable: 10, replicas: 10 },
    { workers: 2, replicas: 10, minAvailable: 9 },
    { workers: 6, replicas: 2, minAvailable: 1 },
    { kubeletMinor: 33 },
    { kubeletMinor: 36 },
  ];
  it.each(corners)("every claim holds at %o on seeds 1–4", (params) => {
    for (let seed = 1; seed <= 4; seed++) {
      const trace = events(params, seed);
      expect(trace.outcome.status).toBe("completed");
      expect(trace.claims.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
    }
  });
});

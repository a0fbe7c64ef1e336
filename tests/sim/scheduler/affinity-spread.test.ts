// PodTopologySpread and InterPodAffinity, worked by hand from scoring.go / filtering.go.
import { describe, expect, it } from "vitest";
import type { Pod } from "@/lib/sim/objects/core";
import type { Workload } from "@/lib/sim/scheduler-framework/workload";
import { scheduleOne } from "@/lib/sim/scheduler-framework/framework/schedule-one";
import { newPodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import { buildSnapshot } from "@/lib/sim/scheduler-framework/snapshot";
import { defaultProfile, first, info, makeNode, makePod, on, snapshotOf } from "@/tests/sim/scheduler/fixtures";

const zoned = (name: string, zone: string) =>
  makeNode(
    name,
    { cpu: "8", memory: "16Gi" },
    { labels: { "kubernetes.io/hostname": name, "topology.kubernetes.io/zone": zone } },
  );
const web = (name: string, spec: Partial<Pod["spec"]> = {}): Pod =>
  makePod(name, [{ cpu: "100m" }], {
    labels: { app: "web" },
    ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "", controller: true }],
    ...spec,
  });
const replicaSet: Workload = {
  kind: "ReplicaSet",
  namespace: "default",
  name: "web",
  selector: { matchLabels: { app: "web" }, matchExpressions: [] },
};

function scores(result: ReturnType<typeof scheduleOne>, plugin: string) {
  return Object.fromEntries(
    result.nodes.flatMap((n) =>
      n.scores.filter((s) => s.plugin === plugin).map((s) => [n.name, [s.raw, s.normalized]]),
    ),
  );
}

describe("PodTopologySpread system default constraints (scoring.go)", () => {
  it("weights hostname by log(#nodes+2) and zone by log(#zones+2), then normalises inversely", () => {
    const nodes = [zoned("a", "z1"), zoned("b", "z1"), zoned("c", "z2")];
    const pods = [on("a", web("w1")), on("b", web("w2"))];
    const snapshot = buildSnapshot(nodes, pods.map(newPodInfo), [replicaSet]).snapshot;
    const result = scheduleOne(defaultProfile(), info(web("w3")), snapshot, { pickIndex: first });
    // a: 1·log 5 + 2 + 2·log 4 + 4 = 10.38 → 10; c: 0 + 2 + 0 + 4 = 6. Normalised 100·(10+6−s)/10.
    expect(scores(result, "PodTopologySpread")).toEqual({ a: [10, 60], b: [10, 60], c: [6, 100] });
    expect(result.selectedNode).toBe("c");
  });

  it("does nothing for a pod no Service or controller selects (empty default selector)", () => {
    const result = scheduleOne(
      defaultProfile(),
      info(makePod("lonely")),
      snapshotOf([zoned("a", "z1"), zoned("b", "z2")]),
      { pickIndex: first },
    );
    expect(result.preScoreSkipped).toContain("PodTopologySpread");
  });
});

describe("PodTopologySpread DoNotSchedule filter (filtering.go)", () => {
  it("rejects the node whose zone would exceed maxSkew, and nodes missing the key as unresolvable", () => {
    const constraint = {
      maxSkew: 1,
      topologyKey: "topology.kubernetes.io/zone",
      whenUnsatisfiable: "DoNotSchedule" as const,
      labelSelector: { matchLabels: { app: "web" }, matchExpressions: [] },
      minDomains: null,
      nodeAffinityPolicy: null,
      nodeTaintsPolicy: null,
      matchLabelKeys: [],
    };
    const pod = web("w3", { topologySpreadConstraints: [constraint] });
    const nodes = [zoned("a", "z1"), zoned("b", "z2"), makeNode("nozone", { cpu: "8" })];
    const result = scheduleOne(defaultProfile(), info(pod), snapshotOf(nodes, [on("a", web("w1"))]), {
      pickIndex: first,
    });
    const last = Object.fromEntries(result.nodes.map((n) => [n.name, n.filters.at(-1)?.reasons[0] ?? null]));
    // z1 has 1, z2 has 0: placing in z1 gives skew 1 + 1 − 0 = 2 > 1.
    expect(last.a).toBe("node(s) didn't match pod topology spread constraints");
    expect(last.nozone).toBe("node(s) didn't match pod topology spread constraints (missing required label)");
    expect(result.selectedNode).toBe("b");
  });
});

describe("InterPodAffinity (filtering.go, scoring.go)", () => {
  const term = (app: string) => ({
    labelSelector: { matchLabels: { app }, matchExpressions: [] },
    namespaces: [],
    namespaceSelector: null,
    topologyKey: "kubernetes.io/hostname",
  });

  it("required anti-affinity keeps replicas apart with upstream wording", () => {
    const pod = web("w2", {
      affinity: { nodeAffinity: null, podAffinity: null, podAntiAffinity: { required: [term("web")], preferred: [] } },
    });
    const result = scheduleOne(
      defaultProfile(),
      info(pod),
      snapshotOf([zoned("a", "z"), zoned("b", "z")], [on("a", web("w1"))]),
      { pickIndex: first },
    );
    expect(result.nodes[0]?.filters.at(-1)).toEqual({
      plugin: "InterPodAffinity",
      code: "Unschedulable",
      reasons: ["node(s) didn't match pod anti-affinity rules"],
    });
    expect(result.selectedNode).toBe("b");
  });

  it("an existing pod's required anti-affinity rejects with the existing-pods reason", () => {
    const guard = makePod("guard", [], {
      labels: { app: "db" },
      affinity: { nodeAffinity: null, podAffinity: null, podAntiAffinity: { required: [term("web")], preferred: [] } },
    });
    const result = scheduleOne(
      defaultProfile(),
      info(web("w1")),
      snapshotOf([zoned("a", "z"), zoned("b", "z")], [on("a", guard)]),
      { pickIndex: first },
    );
    expect(result.nodes[0]?.filters.at(-1)?.reasons).toEqual([
      "node(s) didn't satisfy existing pods anti-affinity rules",
    ]);
  });

  it("required affinity with no matching pod anywhere lets a self-matching pod go first", () => {
    const pod = web("w1", {
      affinity: { nodeAffinity: null, podAntiAffinity: null, podAffinity: { required: [term("web")], preferred: [] } },
    });
    expect(
      scheduleOne(defaultProfile(), info(pod), snapshotOf([zoned("a", "z")]), { pickIndex: first }).selectedNode,
    ).toBe("a");
    const other = { ...pod, metadata: { ...pod.metadata, labels: { app: "api" } } };
    const rejected = scheduleOne(defaultProfile(), info(other), snapshotOf([zoned("a", "z")]), { pickIndex: first });
    expect(rejected.nodes[0]?.filters.at(-1)).toEqual({
      plugin: "InterPodAffinity",
      code: "UnschedulableAndUnresolvable",
      reasons: ["node(s) didn't match pod affinity rules"],
    });
  });

  it(
    "preferred affinity scores 100·(s − min)/(max − min); an existing " +
      "pod's required affinity counts at hardPodAffinityWeight",
    () => {
      const pod = makePod("api", [], {
        labels: { app: "api" },
        affinity: {
          nodeAffinity: null,
          podAntiAffinity: null,
          podAffinity: { required: [], preferred: [{ weight: 5, term: term("db") }] },
        },
      });
      const db = makePod("db", [], { labels: { app: "db" } });
      const sticky = makePod("cache", [], {
        labels: { app: "cache" },
        affinity: {
          nodeAffinity: null,
          podAntiAffinity: null,
          podAffinity: { required: [term("api")], preferred: [] },
        },
      });
      const nodes = [zoned("a", "z"), zoned("b", "z"), zoned("c", "z")];
      const result = scheduleOne(defaultProfile(), info(pod), snapshotOf(nodes, [on("a", db), on("b", sticky)]), {
        pickIndex: first,
      });
      // a: +5 (prefers db); b: +1 (cache requires api, hardPodAffinityWeight 1); c: 0.
      expect(scores(result, "InterPodAffinity")).toEqual({ a: [5, 100], b: [1, 20], c: [0, 0] });
    },
  );
});

// Plugin behaviour through scheduleOne, with numbers worked by hand from the upstream formulas
// (each test names the upstream file whose arithmetic it checks).
import { describe, expect, it } from "vitest";
import { numFeasibleNodesToFind } from "@/lib/sim/scheduler-framework/framework/num-feasible-nodes";
import { scheduleOne } from "@/lib/sim/scheduler-framework/framework/schedule-one";
import { imageLocalityPriority, MIN_THRESHOLD } from "@/lib/sim/scheduler-framework/plugins/image-locality";
import { defaultNormalizeScore } from "@/lib/sim/scheduler-framework/normalize-score";
import { toleratesTaint } from "@/lib/sim/scheduler-framework/tolerations";
import { defaultProfile, first, info, makeNode, makePod, on, snapshotOf } from "@/tests/sim/scheduler/fixtures";

function scoresOf(result: ReturnType<typeof scheduleOne>, plugin: string): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const node of result.nodes) {
    const score = node.scores.find((s) => s.plugin === plugin);
    if (score) out[node.name] = [score.raw, score.normalized];
  }
  return out;
}

describe("helper.DefaultNormalizeScore (normalize_score_test.go)", () => {
  it.each([
    [[1, 2, 3, 4, 5], false, [20, 40, 60, 80, 100]],
    [[1, 2, 3, 4, 5], true, [80, 60, 40, 20, 0]],
    [[0, 0, 0], false, [0, 0, 0]],
    [[0, 0, 0], true, [100, 100, 100]],
    [[10, 10, 10], true, [0, 0, 0]],
    [[2, 3, 7], false, [28, 42, 100]],
  ])("%j reverse=%s → %j", (scores, reverse, expected) => {
    const copy = [...scores];
    defaultNormalizeScore(100, reverse, copy);
    expect(copy).toEqual(expected);
  });
});

describe("numFeasibleNodesToFind (schedule_one_test.go TestNumFeasibleNodesToFind)", () => {
  it.each([
    [0, 10, 10],
    [40, 10, 10],
    [0, 1000, 420],
    [40, 1000, 400],
    [0, 6000, 300],
    [40, 6000, 2400],
    [0, 5000, 500],
    [0, 150, 100],
  ])("percentage %d of %d nodes → %d", (pct, nodes, expected) => {
    expect(numFeasibleNodesToFind(pct, nodes)).toBe(expected);
  });
});

describe("TaintToleration (taint_toleration.go)", () => {
  it("filters on the first untolerated NoSchedule taint with upstream wording", () => {
    const tainted = makeNode(
      "cp",
      { cpu: "4" },
      { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule", timeAdded: null }] },
    );
    const result = scheduleOne(defaultProfile(), info(makePod("p")), snapshotOf([tainted]), { pickIndex: first });
    expect(result.nodes[0]?.filters.at(-1)).toEqual({
      plugin: "TaintToleration",
      code: "UnschedulableAndUnresolvable",
      reasons: ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"],
    });
  });

  it("scores untolerated PreferNoSchedule taints in reverse: 0 taints → 100, 1 of max 2 → 50, 2 → 0", () => {
    const prefer = (key: string) => ({ key, value: "x", effect: "PreferNoSchedule" as const, timeAdded: null });
    const nodes = [
      makeNode("a", { cpu: "4" }),
      makeNode("b", { cpu: "4" }, { taints: [prefer("k1")] }),
      makeNode("c", { cpu: "4" }, { taints: [prefer("k1"), prefer("k2")] }),
    ];
    const result = scheduleOne(defaultProfile(), info(makePod("p")), snapshotOf(nodes), { pickIndex: first });
    expect(scoresOf(result, "TaintToleration")).toEqual({ a: [0, 100], b: [1, 50], c: [2, 0] });
  });
});

describe("NodeAffinity (node_affinity.go)", () => {
  it("sums matching preferred weights and normalises to the maximum", () => {
    const pod = makePod("p", [], {
      affinity: {
        podAffinity: null,
        podAntiAffinity: null,
        nodeAffinity: {
          required: null,
          preferred: [
            {
              weight: 20,
              preference: { matchExpressions: [{ key: "disk", operator: "In", values: ["ssd"] }], matchFields: [] },
            },
            {
              weight: 60,
              preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }], matchFields: [] },
            },
          ],
        },
      },
    });
    const nodes = [
      makeNode("n1", { cpu: "4" }, { labels: { disk: "ssd" } }),
      makeNode("n2", { cpu: "4" }, { labels: { disk: "ssd", zone: "a" } }),
      makeNode("n3", { cpu: "4" }),
    ];
    const result = scheduleOne(defaultProfile(), info(pod), snapshotOf(nodes), { pickIndex: first });
    expect(scoresOf(result, "NodeAffinity")).toEqual({ n1: [20, 25], n2: [80, 100], n3: [0, 0] });
    expect(result.selectedNode).toBe("n2");
  });

  it("rejects nodes failing nodeSelector as UnschedulableAndUnresolvable", () => {
    const pod = makePod("p", [], { nodeSelector: { gpu: "true" } });
    const result = scheduleOne(defaultProfile(), info(pod), snapshotOf([makeNode("n1", { cpu: "4" })]), {
      pickIndex: first,
    });
    expect(result.message).toBe(
      "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. " +
        "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    );
  });
});

describe("NodeResourcesFit filter (fit.go fitsRequest)", () => {
  it("reports every insufficient resource and marks a request larger than the node unresolvable", () => {
    const nodes = [makeNode("small", { cpu: "1", memory: "1Gi" }), makeNode("busy", { cpu: "4", memory: "8Gi" })];
    const pods = [on("busy", makePod("hog", [{ cpu: "3500m", memory: "7Gi" }]))];
    const result = scheduleOne(
      defaultProfile(),
      info(makePod("p", [{ cpu: "2", memory: "2Gi" }])),
      snapshotOf(nodes, pods),
      { pickIndex: first },
    );
    const byName = Object.fromEntries(result.nodes.map((n) => [n.name, n.filters.at(-1)]));
    expect(byName.small).toEqual({
      plugin: "NodeResourcesFit",
      code: "UnschedulableAndUnresolvable",
      reasons: ["Insufficient cpu", "Insufficient memory"],
    });
    expect(byName.busy).toEqual({
      plugin: "NodeResourcesFit",
      code: "Unschedulable",
      reasons: ["Insufficient cpu", "Insufficient memory"],
    });
    expect(result.message).toBe(
      "0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are " +
        "available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
    );
  });

  it("says Too many pods when allocatable pods is reached", () => {
    const node = makeNode("n", { cpu: "4", pods: "1" });
    const result = scheduleOne(defaultProfile(), info(makePod("p")), snapshotOf([node], [on("n", makePod("q"))]), {
      pickIndex: first,
    });
    expect(result.nodes[0]?.filters.at(-1)?.reasons).toEqual(["Too many pods"]);
  });

  it("uses the 100m/200Mi defaults only for scoring: a request-less pod fits a full node's cpu", () => {
    const node = makeNode("n", { cpu: "1", memory: "1Gi" });
    const full = on("n", makePod("q", [{ cpu: "1" }]));
    const result = scheduleOne(defaultProfile(), info(makePod("p")), snapshotOf([node], [full]), { pickIndex: first });
    expect(result.selectedNode).toBe("n");
  });
});

describe("aggregated FitError message (framework/types.go)", () => {
  it("sorts the reason histogram as strings, like the real event", () => {
    const cp = (name: string) =>
      makeNode(
        name,
        { cpu: "8" },
        { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule", timeAdded: null }] },
      );
    const nodes = [cp("cp1"), cp("cp2"), makeNode("w1", { cpu: "1" })];
    const result = scheduleOne(defaultProfile(), info(makePod("p", [{ cpu: "2" }])), snapshotOf(nodes), {
      pickIndex: first,
    });
    expect(result.message).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint " +
        "{node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 3 Preemption is not " +
        "helpful for scheduling.",
    );
  });
});

describe("ImageLocality (image_locality.go)", () => {
  it("clamps to 23 MiB and scales by the share of nodes holding the image", () => {
    expect(imageLocalityPriority(0, 1)).toBe(0);
    expect(imageLocalityPriority(MIN_THRESHOLD, 1)).toBe(0);
    expect(imageLocalityPriority(1000 * 1024 * 1024, 1)).toBe(100);
    // 500 MiB on one container: 100 × (500 − 23) / (1000 − 23) = 48.8 → 48.
    expect(imageLocalityPriority(500 * 1024 * 1024, 1)).toBe(48);
    // Two containers double the ceiling: 100 × (500 − 23) / (2000 − 23) = 24.1 → 24.
    expect(imageLocalityPriority(500 * 1024 * 1024, 2)).toBe(24);
  });

  it("scores the node holding a 300 MB image on 1 of 2 nodes at int64(300e6 × 1/2)", () => {
    const image = { names: ["registry/app:1"], sizeBytes: 300_000_000 };
    const nodes = [makeNode("with", { cpu: "4" }, { images: [image] }), makeNode("without", { cpu: "4" })];
    const pod = makePod("p");
    pod.spec.containers[0] = { ...pod.spec.containers[0]!, image: "registry/app:1" };
    const result = scheduleOne(defaultProfile(), info(pod), snapshotOf(nodes), { pickIndex: first });
    // sum = 150,000,000 B → 100 × (150e6 − 23 MiB) / (1000 MiB − 23 MiB) = 12.3 → 12.
    expect(scoresOf(result, "ImageLocality")).toEqual({ with: [12, 12], without: [0, 0] });
  });
});

describe("PreFilter node-name narrowing (node_affinity.go PreFilter, schedule_one.go SetAbsentNodesStatus)", () => {
  it("evaluates only nodes named by matchFields metadata.name and reports the others as left out", () => {
    const term = {
      matchExpressions: [],
      matchFields: [{ key: "metadata.name", operator: "In" as const, values: ["b"] }],
    };
    const pod = makePod("ds", [], {
      affinity: { podAffinity: null, podAntiAffinity: null, nodeAffinity: { required: [term], preferred: [] } },
    });
    const result = scheduleOne(
      defaultProfile(),
      info(pod),
      snapshotOf([makeNode("a", { cpu: "1" }), makeNode("b", { cpu: "1" })]),
      { pickIndex: first },
    );
    expect(result.selectedNode).toBe("b");
    expect(result.evaluatedNodes).toBe(1);
    expect(result.nodes.find((n) => n.name === "a")?.filters).toEqual([
      {
        plugin: "NodeAffinity",
        code: "UnschedulableAndUnresolvable",
        reasons: ["node(s) didn't satisfy plugin(s) [NodeAffinity]"],
      },
    ]);
  });
});

describe("Toleration.ToleratesTaint (k8s.io/api/core/v1/toleration.go), in the scheduler and taint eviction", () => {
  const taint = { key: "dedicated", value: "gpu", effect: "NoExecute" as const, timeAdded: null };
  const toleration = (operator: "Equal" | "Exists", key: string | null, value?: string) => ({
    key,
    operator,
    value,
    effect: null,
    tolerationSeconds: null,
  });
  it("Equal needs the same key and value; Exists ignores the value; an empty key with Exists matches every key", () => {
    expect(toleratesTaint(toleration("Equal", "dedicated", "gpu"), taint)).toBe(true);
    expect(toleratesTaint(toleration("Equal", "dedicated", "cpu"), taint)).toBe(false);
    expect(toleratesTaint(toleration("Exists", "dedicated"), taint)).toBe(true);
    expect(toleratesTaint(toleration("Exists", null), taint)).toBe(true);
    expect(toleratesTaint(toleration("Exists", "other"), taint)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { formatInputError } from "@/lib/sim/manifests/input-error";
import { defaultSchedulerConfig, parseSchedulerConfig } from "@/lib/sim/scheduler-framework/config/build-config";

const header = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

function parse(body: string) {
  return parseSchedulerConfig("config.yaml", header + body);
}

describe("KubeSchedulerConfiguration profiles (default_plugins.go, framework.go)", () => {
  it("defaults to the upstream score weights: taint 3, affinity/spread/inter-pod 2, fit/balanced/image 1", () => {
    const profile = defaultSchedulerConfig().profiles[0];
    const weights = Object.fromEntries((profile?.score ?? []).map((p) => [p.name, p.weight]));
    expect(weights).toMatchObject({
      TaintToleration: 3,
      NodeAffinity: 2,
      PodTopologySpread: 2,
      InterPodAffinity: 2,
      NodeResourcesFit: 1,
      NodeResourcesBalancedAllocation: 1,
      ImageLocality: 1,
    });
    expect(profile?.filter.slice(0, 4)).toEqual(["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity"]);
    expect(profile?.postFilter).toContain("DefaultPreemption");
    expect(profile?.args.fit.scoringStrategy).toEqual({
      type: "LeastAllocated",
      resources: [
        { name: "cpu", weight: 1 },
        { name: "memory", weight: 1 },
      ],
      shape: [],
    });
  });

  it("a multiPoint entry re-weights a default plugin in place", () => {
    const result = parse(
      "profiles:\n- plugins:\n    multiPoint:\n      enabled: [{name: NodeResourcesFit, weight: 5}]\n",
    );
    expect(result.ok && result.value.profiles[0]?.score.find((p) => p.name === "NodeResourcesFit")?.weight).toBe(5);
  });

  it("an explicit score weight wins over multiPoint, and disabling a plugin at score keeps its filter", () => {
    const result = parse(
      "profiles:\n- plugins:\n    score:\n      enabled: [{name: " +
        "ImageLocality, weight: 7}]\n      disabled: [{name: TaintToleration}]\n",
    );
    const profile = result.ok ? result.value.profiles[0] : undefined;
    expect(profile?.score.find((p) => p.name === "ImageLocality")?.weight).toBe(7);
    expect(profile?.score.some((p) => p.name === "TaintToleration")).toBe(false);
    expect(profile?.filter).toContain("TaintToleration");
  });

  it("disabling every filter with * leaves only explicitly enabled ones", () => {
    const result = parse(
      "profiles:\n- plugins:\n    filter:\n      disabled: [{name: '*'}]\n      enabled: [{name: NodeResourcesFit}]\n",
    );
    expect(result.ok && result.value.profiles[0]?.filter).toEqual(["NodeResourcesFit"]);
  });

  it("reads RequestedToCapacityRatio args", () => {
    const result = parse(
      "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        " +
        "type: RequestedToCapacityRatio\n        resources: [{name: cpu, weight: 3}]\n        " +
        "requestedToCapacityRatio:\n          shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]\n",
    );
    expect(result.ok && result.value.profiles[0]?.args.fit.scoringStrategy).toEqual({
      type: "RequestedToCapacityRatio",
      resources: [{ name: "cpu", weight: 3 }],
      shape: [
        { utilization: 0, score: 0 },
        { utilization: 100, score: 10 },
      ],
    });
  });

  it.each([
    ["percentageOfNodesToScore: 120\n", "percentageOfNodesToScore"],
    [
      "profiles:\n- plugins:\n    score:\n      enabled: [{name: NoSuchPlugin}]\n",
      "profiles[0].plugins.score.enabled[0].name",
    ],
    ["profiles:\n- plugins:\n    filter:\n      enabled: [{name: ImageLocality}]\n", "profiles[0].plugins.filter"],
    [
      "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args: " +
        "{scoringStrategy: {resources: [{name: cpu, weight: 101}]}}\n",
      "profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight",
    ],
    [
      "profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args: {defaultConstraints: " +
        "[{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}]}\n",
      "profiles[0].pluginConfig[0].args.defaultingType",
    ],
    [
      "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args: " +
        "{scoringStrategy: {resources: [{name: cpu}, {name: memory}, {name: cpu}]}}\n",
      "profiles[0].pluginConfig[0].args.scoringStrategy.resources[2].name",
    ],
    [
      "profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args: " +
        "{defaultingType: List, defaultConstraints: [" +
        "{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}, " +
        "{maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}]}\n",
      "profiles[0].pluginConfig[0].args.defaultConstraints[1]",
    ],
    ["podMaxBackoffSeconds: 0\n", "podMaxBackoffSeconds"],
    ["profile: []\n", "profile"],
  ])("rejects %j naming %s", (body, path) => {
    const result = parse(body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.path).toBe(path);
      expect(formatInputError(result.error)).toContain(`config.yaml: document 1 (KubeSchedulerConfiguration): ${path}`);
    }
  });
});

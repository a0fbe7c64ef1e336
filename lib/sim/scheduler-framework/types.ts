// The scheduling framework's vocabulary (pkg/scheduler/framework/interface.go), as plain data.
import type { NodeAffinity, TopologySpreadConstraint } from "@/lib/sim/objects/scheduling";
import type { PodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import type { NodeInfo, Snapshot } from "@/lib/sim/scheduler-framework/snapshot";

export const MAX_NODE_SCORE = 100;

export type Code = "Success" | "Unschedulable" | "UnschedulableAndUnresolvable";

/** A rejecting status; success is `null`. */
export type Status = { code: Exclude<Code, "Success">; reasons: string[] };

export const PLUGIN_NAMES = [
  "SchedulingGates",
  "PrioritySort",
  "NodeUnschedulable",
  "NodeName",
  "TaintToleration",
  "NodeAffinity",
  "NodePorts",
  "NodeResourcesFit",
  "VolumeRestrictions",
  "NodeVolumeLimits",
  "VolumeBinding",
  "VolumeZone",
  "PodTopologySpread",
  "InterPodAffinity",
  "DefaultPreemption",
  "NodeResourcesBalancedAllocation",
  "ImageLocality",
  "DefaultBinder",
  "DynamicResources",
] as const;

export type PluginName = (typeof PLUGIN_NAMES)[number];

export type ResourceSpec = { name: string; weight: number };

export type UtilizationShapePoint = { utilization: number; score: number };

type ScoringStrategy = {
  type: "LeastAllocated" | "MostAllocated" | "RequestedToCapacityRatio";
  resources: ResourceSpec[];
  shape: UtilizationShapePoint[];
};

/** Plugin args after defaulting (pkg/scheduler/apis/config/v1/defaults.go). */
export type PluginArgs = {
  fit: { ignoredResources: string[]; ignoredResourceGroups: string[]; scoringStrategy: ScoringStrategy };
  balancedAllocation: { resources: ResourceSpec[] };
  interPodAffinity: { hardPodAffinityWeight: number; ignorePreferredTermsOfExistingPods: boolean };
  /** systemDefaulted: defaultingType System, so the built-in hostname/zone constraints apply. */
  podTopologySpread: { defaultConstraints: TopologySpreadConstraint[]; systemDefaulted: boolean };
  nodeAffinity: { addedAffinity: NodeAffinity | null };
  defaultPreemption: { minCandidateNodesPercentage: number; minCandidateNodesAbsolute: number };
};

export type WeightedPlugin = { name: PluginName; weight: number };

/** One KubeSchedulerProfile with its extension points expanded (framework runtime, NewFramework). */
export type Profile = {
  schedulerName: string;
  percentageOfNodesToScore: number | null;
  preFilter: PluginName[];
  filter: PluginName[];
  postFilter: PluginName[];
  preScore: PluginName[];
  score: WeightedPlugin[];
  args: PluginArgs;
};

/** Per-cycle data: the pod, the snapshot, the profile's args, and each plugin's CycleState entry. */
export type CycleContext = { pod: PodInfo; snapshot: Snapshot; args: PluginArgs; state: Map<string, unknown> };

export type PreFilterOutcome =
  { kind: "skip" } | { kind: "ok"; nodeNames: string[] | null } | { kind: "reject"; status: Status };

export type PluginImpl = {
  preFilter?: (ctx: CycleContext) => PreFilterOutcome;
  filter?: (ctx: CycleContext, node: NodeInfo) => Status | null;
  /** Returns "skip" when the plugin has nothing to score for this pod (fwk.Skip). */
  preScore?: (ctx: CycleContext, nodes: NodeInfo[]) => "skip" | "ok";
  score?: (ctx: CycleContext, node: NodeInfo) => number;
  /** NormalizeScore: rewrites `scores` (aligned with `nodes`) in place. */
  normalize?: (ctx: CycleContext, scores: number[], nodes: NodeInfo[]) => void;
};

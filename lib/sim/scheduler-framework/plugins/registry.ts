// The in-tree plugins this simulator implements, by name (pkg/scheduler/framework/plugins/registry.go).
// Names it knows but does not simulate (volumes, DRA, gates, queue sort, binder) have no extension
// methods here: a profile may list them, and they run as no-ops because the simulated pods carry no
// volumes, resource claims or scheduling gates.
import { balancedAllocation } from "@/lib/sim/scheduler-framework/plugins/balanced-allocation";
import { imageLocality } from "@/lib/sim/scheduler-framework/plugins/image-locality";
import { interPodAffinityFilter } from "@/lib/sim/scheduler-framework/plugins/inter-pod-affinity-filter";
import { interPodAffinityScore } from "@/lib/sim/scheduler-framework/plugins/inter-pod-affinity-score";
import { nodeAffinity } from "@/lib/sim/scheduler-framework/plugins/node-affinity";
import { nodeName } from "@/lib/sim/scheduler-framework/plugins/node-name";
import { nodePorts } from "@/lib/sim/scheduler-framework/plugins/node-ports";
import { nodeResourcesFit } from "@/lib/sim/scheduler-framework/plugins/node-resources-fit";
import { nodeUnschedulable } from "@/lib/sim/scheduler-framework/plugins/node-unschedulable";
import { podTopologySpreadFilter } from "@/lib/sim/scheduler-framework/plugins/pod-topology-spread-filter";
import { podTopologySpreadScore } from "@/lib/sim/scheduler-framework/plugins/pod-topology-spread-score";
import { taintToleration } from "@/lib/sim/scheduler-framework/plugins/taint-toleration";
import type { PluginImpl, PluginName } from "@/lib/sim/scheduler-framework/types";

export const PLUGINS: Record<PluginName, PluginImpl> = {
  SchedulingGates: {},
  PrioritySort: {},
  NodeUnschedulable: nodeUnschedulable,
  NodeName: nodeName,
  TaintToleration: taintToleration,
  NodeAffinity: nodeAffinity,
  NodePorts: nodePorts,
  NodeResourcesFit: nodeResourcesFit,
  VolumeRestrictions: {},
  NodeVolumeLimits: {},
  VolumeBinding: {},
  VolumeZone: {},
  PodTopologySpread: { ...podTopologySpreadFilter, ...podTopologySpreadScore },
  InterPodAffinity: { ...interPodAffinityFilter, ...interPodAffinityScore },
  DefaultPreemption: {},
  NodeResourcesBalancedAllocation: balancedAllocation,
  ImageLocality: imageLocality,
  DefaultBinder: {},
  DynamicResources: {},
};

export type ExtensionPoint =
  | "preEnqueue"
  | "queueSort"
  | "preFilter"
  | "filter"
  | "postFilter"
  | "preScore"
  | "score"
  | "reserve"
  | "permit"
  | "preBind"
  | "bind"
  | "postBind";

/**
 * The extension points each plugin implements upstream (what reflect.Implements answers when
 * NewFramework expands multiPoint). Used for configuration; at run time a point without a simulated
 * method is a no-op.
 */
const UPSTREAM_POINTS: Record<PluginName, ExtensionPoint[]> = {
  SchedulingGates: ["preEnqueue"],
  PrioritySort: ["queueSort"],
  NodeUnschedulable: ["filter"],
  NodeName: ["preFilter", "filter"],
  TaintToleration: ["filter", "preScore", "score"],
  NodeAffinity: ["preFilter", "filter", "preScore", "score"],
  NodePorts: ["preFilter", "filter"],
  NodeResourcesFit: ["preFilter", "filter", "preScore", "score"],
  VolumeRestrictions: ["preFilter", "filter"],
  NodeVolumeLimits: ["preFilter", "filter"],
  VolumeBinding: ["preFilter", "filter", "preScore", "score", "reserve", "preBind"],
  VolumeZone: ["preFilter", "filter"],
  PodTopologySpread: ["preFilter", "filter", "preScore", "score"],
  InterPodAffinity: ["preFilter", "filter", "preScore", "score"],
  DefaultPreemption: ["postFilter"],
  NodeResourcesBalancedAllocation: ["preScore", "score"],
  ImageLocality: ["score"],
  DefaultBinder: ["bind"],
  DynamicResources: ["preEnqueue", "preFilter", "filter", "postFilter", "reserve", "preBind"],
};

/** Whether `name` implements `point` upstream. Pure. */
export function implementsPoint(name: PluginName, point: ExtensionPoint): boolean {
  return UPSTREAM_POINTS[name].includes(point);
}

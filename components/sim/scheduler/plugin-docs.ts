// What each in-tree scheduling plugin does, in a line, for the playground's links and glossary.
// Paraphrased from the Kubernetes scheduler configuration page, which has one section for all of them.
export const SCHEDULING_PLUGINS_DOC_URL = "https://kubernetes.io/docs/reference/scheduling/config/#scheduling-plugins";

const pluginSummaries: Record<string, string> = {
  SchedulingGates: "Keeps a pod out of scheduling while it has scheduling gates.",
  PrioritySort: "Orders the scheduling queue by pod priority.",
  NodeUnschedulable:
    "Filters out cordoned nodes (spec.unschedulable), unless the pod tolerates the unschedulable taint.",
  NodeName: "Checks that the pod's spec.nodeName, if set, names this node.",
  TaintToleration:
    "Taints and tolerations: an untolerated NoSchedule or NoExecute taint filters " +
    "the node out; untolerated PreferNoSchedule taints lower its score.",
  NodeAffinity: "nodeSelector and required node affinity filter nodes; preferred node affinity scores them.",
  NodePorts: "Checks that the node has the pod's hostPorts free.",
  NodeResourcesFit:
    "Checks that the node's unrequested allocatable fits the pod's requests; scores " +
    "by LeastAllocated (default), MostAllocated or RequestedToCapacityRatio.",
  VolumeRestrictions: "Checks volume restrictions such as ReadWriteOncePod (not simulated here: no volumes).",
  NodeVolumeLimits: "Checks CSI volume limits per node (not simulated here: no volumes).",
  VolumeBinding: "Checks that the pod's PersistentVolumeClaims can bind on the node (not simulated here: no volumes).",
  VolumeZone: "Checks that the pod's volumes are in the node's zone (not simulated here: no volumes).",
  PodTopologySpread:
    "Topology spread constraints, and the system's default " +
    "spreading: filters on maxSkew, scores towards an even spread.",
  InterPodAffinity: "Inter-pod affinity and anti-affinity: required terms filter, preferred terms score.",
  DefaultPreemption: "When no node fits, looks for nodes where evicting lower-priority pods would make room.",
  NodeResourcesBalancedAllocation:
    "Favours nodes whose CPU and memory would be used in balance with the pod placed there.",
  ImageLocality: "Favours nodes that already have the pod's images, scaled by how many nodes have them.",
  DefaultBinder: "Binds the pod to the chosen node.",
  DynamicResources: "Dynamic resource allocation through ResourceClaims (not simulated here).",
};

/** The one-line summary of a plugin, or a generic line for a plugin this page does not know. */
export function getPluginSummary(plugin: string): string {
  return pluginSummaries[plugin] ?? "A scheduling plugin.";
}

// The simulator's model of the Kubernetes objects the scheduler reads. Plain, JSON-serialisable data
// (quantities stay the strings the manifest had; lib/sim/k8s/quantity.ts turns them into integers).
import type { LabelSelector, LabelSelectorRequirement, LabelSet } from "@/lib/sim/k8s/labels";

/** resource name → quantity string, e.g. { cpu: "500m", memory: "1Gi" }. */
export type ResourceList = Record<string, string>;

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export type Taint = { key: string; value: string; effect: TaintEffect };

export type Toleration = { key: string; operator: "Exists" | "Equal"; value: string; effect: TaintEffect | "" };

export type ContainerImage = { names: string[]; sizeBytes: number };

export type Node = {
  name: string;
  labels: LabelSet;
  taints: Taint[];
  unschedulable: boolean;
  /** status.allocatable (defaulted from status.capacity when absent, as the API server does). */
  allocatable: ResourceList;
  images: ContainerImage[];
};

export type Protocol = "TCP" | "UDP" | "SCTP";

export type HostPort = { hostIP: string; protocol: Protocol; hostPort: number };

export type Container = {
  name: string;
  image: string;
  /** resources.requests, defaulted from resources.limits per resource as the API server does. */
  requests: ResourceList;
  /** Set only on sidecar (restartable) init containers. */
  restartPolicy: "Always" | null;
  /** Ports with hostPort > 0; the only ones NodePorts looks at. */
  hostPorts: HostPort[];
};

export type NodeSelectorRequirement = { key: string; operator: LabelSelectorRequirement["operator"]; values: string[] };

export type NodeSelectorTerm = { matchExpressions: NodeSelectorRequirement[]; matchFields: NodeSelectorRequirement[] };

export type PreferredSchedulingTerm = { weight: number; preference: NodeSelectorTerm };

export type NodeAffinity = { required: NodeSelectorTerm[] | null; preferred: PreferredSchedulingTerm[] };

export type PodAffinityTerm = {
  /** Already merged with matchLabelKeys / mismatchLabelKeys, as the API server does on create. */
  labelSelector: LabelSelector | null;
  namespaces: string[];
  namespaceSelector: LabelSelector | null;
  topologyKey: string;
};

export type WeightedPodAffinityTerm = { weight: number; term: PodAffinityTerm };

export type PodAffinity = { required: PodAffinityTerm[]; preferred: WeightedPodAffinityTerm[] };

export type Affinity = {
  nodeAffinity: NodeAffinity | null;
  podAffinity: PodAffinity | null;
  podAntiAffinity: PodAffinity | null;
};

export type NodeInclusionPolicy = "Honor" | "Ignore";

export type TopologySpreadConstraint = {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  labelSelector: LabelSelector | null;
  minDomains: number | null;
  nodeAffinityPolicy: NodeInclusionPolicy | null;
  nodeTaintsPolicy: NodeInclusionPolicy | null;
  matchLabelKeys: string[];
};

export type OwnerReference = { apiVersion: string; kind: string; name: string; controller: boolean };

export type Pod = {
  name: string;
  namespace: string;
  labels: LabelSet;
  ownerReferences: OwnerReference[];
  /** metadata.deletionTimestamp is set: spreading ignores the pod (kubernetes/kubernetes#87621). */
  terminating: boolean;
  /** status.phase is Succeeded or Failed: the scheduler's cache does not count the pod. */
  terminal: boolean;
  nodeName: string | null;
  schedulerName: string;
  priority: number;
  preemptionPolicy: "PreemptLowerPriority" | "Never";
  containers: Container[];
  initContainers: Container[];
  overhead: ResourceList;
  nodeSelector: LabelSet | null;
  affinity: Affinity | null;
  tolerations: Toleration[];
  topologySpreadConstraints: TopologySpreadConstraint[];
};

/** A Service, ReplicaSet, StatefulSet or ReplicationController: only its selector matters here. */
export type Workload = {
  kind: "Service" | "ReplicaSet" | "StatefulSet" | "ReplicationController";
  namespace: string;
  name: string;
  /** Services and ReplicationControllers select with a plain map; apps/v1 workloads with a LabelSelector. */
  selector: LabelSelector | null;
};

// The PodSpec fields that constrain where a pod may run and where it would rather run: node and pod
// (anti-)affinity and topology spread constraints, as the API server stores them after defaulting.
import type { LabelSelector, LabelSelectorRequirement } from "@/lib/sim/objects/labels";

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

type WeightedPodAffinityTerm = { weight: number; term: PodAffinityTerm };

export type PodAffinity = { required: PodAffinityTerm[]; preferred: WeightedPodAffinityTerm[] };

export type Affinity = {
  nodeAffinity: NodeAffinity | null;
  podAffinity: PodAffinity | null;
  podAntiAffinity: PodAffinity | null;
};

type NodeInclusionPolicy = "Honor" | "Ignore";

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

// framework.PodInfo: a pod plus what the plugins precompute from it once (resources, parsed
// affinity terms, host ports), so each scheduling cycle reads rather than re-derives them.
import {
  NOTHING,
  selectorFromLabelSelector,
  selectorMatches,
  type LabelSet,
  type Selector,
} from "@/lib/sim/k8s/labels";
import type { HostPort, Pod, PodAffinityTerm } from "@/lib/sim/k8s/types";
import { computePodResources, type PodResources } from "@/lib/sim/scheduler/resources";

/** framework.AffinityTerm (pkg/scheduler/framework/types.go). */
export type AffinityTerm = {
  namespaces: string[];
  namespaceSelector: Selector;
  selector: Selector;
  topologyKey: string;
};

export type WeightedAffinityTerm = AffinityTerm & { weight: number };

export type PodInfo = {
  pod: Pod;
  resources: PodResources;
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
  hostPorts: HostPort[];
  /** podWithAffinity: has spec.affinity.podAffinity or podAntiAffinity. */
  hasPodAffinity: boolean;
};

/**
 * Labels of a namespace. The simulator has no Namespace objects, so a namespace carries only the
 * label the API server puts on every namespace (kubernetes.io/metadata.name). Pure.
 */
function namespaceLabels(namespace: string): LabelSet {
  return { "kubernetes.io/metadata.name": namespace };
}

function toAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  // getNamespacesFromPodAffinityTerm: no namespaces and no namespaceSelector means the pod's own.
  const namespaces =
    term.namespaces.length === 0 && term.namespaceSelector === null ? [pod.namespace] : term.namespaces;
  return {
    namespaces,
    namespaceSelector: term.namespaceSelector === null ? NOTHING : selectorFromLabelSelector(term.namespaceSelector),
    selector: selectorFromLabelSelector(term.labelSelector),
    topologyKey: term.topologyKey,
  };
}

/** AffinityTerm.Matches: namespace (by name or selector) and label selector. Pure. */
export function affinityTermMatches(term: AffinityTerm, pod: Pod): boolean {
  const inNamespace =
    term.namespaces.includes(pod.namespace) || selectorMatches(term.namespaceSelector, namespaceLabels(pod.namespace));
  return inNamespace && selectorMatches(term.selector, pod.labels);
}

function hostPortsOf(pod: Pod): HostPort[] {
  // schedutil.GetHostPorts: sidecar init containers' ports count, other init containers' do not.
  const sidecars = pod.initContainers.filter((c) => c.restartPolicy === "Always");
  return [...sidecars, ...pod.containers].flatMap((c) => c.hostPorts);
}

/** framework.NewPodInfo. Pure. */
export function newPodInfo(pod: Pod): PodInfo {
  const podAffinity = pod.affinity?.podAffinity ?? null;
  const podAntiAffinity = pod.affinity?.podAntiAffinity ?? null;
  return {
    pod,
    resources: computePodResources(pod),
    requiredAffinityTerms: (podAffinity?.required ?? []).map((t) => toAffinityTerm(pod, t)),
    requiredAntiAffinityTerms: (podAntiAffinity?.required ?? []).map((t) => toAffinityTerm(pod, t)),
    preferredAffinityTerms: (podAffinity?.preferred ?? []).map((w) => ({
      ...toAffinityTerm(pod, w.term),
      weight: w.weight,
    })),
    preferredAntiAffinityTerms: (podAntiAffinity?.preferred ?? []).map((w) => ({
      ...toAffinityTerm(pod, w.term),
      weight: w.weight,
    })),
    hostPorts: hostPortsOf(pod),
    hasPodAffinity: podAffinity !== null || podAntiAffinity !== null,
  };
}

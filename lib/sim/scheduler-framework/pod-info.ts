// framework.PodInfo: a pod plus what the plugins precompute from it once (resources, parsed
// affinity terms, host ports), so each scheduling cycle reads rather than re-derives them.
import {
  NOTHING,
  selectorFromLabelSelector,
  selectorMatches,
  type LabelSet,
  type Selector,
} from "@/lib/sim/objects/labels";
import type { ContainerPort, Pod } from "@/lib/sim/objects/core";
import type { PodAffinityTerm } from "@/lib/sim/objects/scheduling";
import { computePodResources, type PodResources } from "@/lib/sim/scheduler-framework/resources";

/** A port the pod takes on its node's network (framework.HostPortInfo's key). */
export type HostPort = Pick<ContainerPort, "hostIP" | "protocol" | "hostPort">;

/** framework.AffinityTerm (pkg/scheduler/framework/types.go). */
export type AffinityTerm = {
  namespaces: string[];
  namespaceSelector: Selector;
  selector: Selector;
  topologyKey: string;
};

type WeightedAffinityTerm = AffinityTerm & { weight: number };

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

/** metadata.namespace of a pod; the engine and the parser both default it, "default" is a fallback. Pure. */
export function namespaceOf(pod: Pod): string {
  return pod.metadata.namespace ?? "default";
}

/** corev1helpers.PodPriority: spec.priority, 0 when admission set none. Pure. */
export function priorityOf(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

/** status.phase is Succeeded or Failed: the scheduler's cache does not count the pod. Pure. */
export function isTerminal(pod: Pod): boolean {
  return pod.status.phase === "Succeeded" || pod.status.phase === "Failed";
}

function toAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  // getNamespacesFromPodAffinityTerm: no namespaces and no namespaceSelector means the pod's own.
  const namespaces =
    term.namespaces.length === 0 && term.namespaceSelector === null ? [namespaceOf(pod)] : term.namespaces;
  return {
    namespaces,
    namespaceSelector: term.namespaceSelector === null ? NOTHING : selectorFromLabelSelector(term.namespaceSelector),
    selector: selectorFromLabelSelector(term.labelSelector),
    topologyKey: term.topologyKey,
  };
}

/** AffinityTerm.Matches: namespace (by name or selector) and label selector. Pure. */
export function affinityTermMatches(term: AffinityTerm, pod: Pod): boolean {
  const namespace = namespaceOf(pod);
  const inNamespace =
    term.namespaces.includes(namespace) || selectorMatches(term.namespaceSelector, namespaceLabels(namespace));
  return inNamespace && selectorMatches(term.selector, pod.metadata.labels);
}

function hostPortsOf(pod: Pod): HostPort[] {
  // schedutil.GetHostPorts: sidecar init containers' ports count, other init containers' do not.
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always");
  return [...sidecars, ...pod.spec.containers].flatMap((c) =>
    (c.ports ?? [])
      .filter((p) => p.hostPort > 0)
      .map((p) => ({ hostIP: p.hostIP, protocol: p.protocol, hostPort: p.hostPort })),
  );
}

/** framework.NewPodInfo. Pure. */
export function newPodInfo(pod: Pod): PodInfo {
  const podAffinity = pod.spec.affinity?.podAffinity ?? null;
  const podAntiAffinity = pod.spec.affinity?.podAntiAffinity ?? null;
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

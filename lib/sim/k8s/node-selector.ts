// Node selectors (component-helpers/scheduling/corev1/nodeaffinity): terms are ORed, an empty term
// matches nothing, matchExpressions and matchFields within a term are ANDed; nodeSelector is ANDed
// with the required affinity (GetRequiredNodeAffinity).
import { requirementMatches, type LabelSet } from "@/lib/sim/k8s/labels";
import type { Node, NodeSelectorTerm, Pod } from "@/lib/sim/k8s/types";

/** nodeSelectorTerm.match. Pure. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  if (term.matchExpressions.length === 0 && term.matchFields.length === 0) return false;
  for (const requirement of term.matchExpressions) if (!requirementMatches(requirement, node.labels)) return false;
  const fields: LabelSet = { "metadata.name": node.name };
  for (const requirement of term.matchFields) if (!requirementMatches(requirement, fields)) return false;
  return true;
}

/** NodeSelector.Match: any term matches. Pure. */
export function nodeSelectorMatches(terms: NodeSelectorTerm[], node: Node): boolean {
  return terms.some((term) => nodeSelectorTermMatches(term, node));
}

/** RequiredNodeAffinity.Match: spec.nodeSelector and required node affinity. Pure. */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  if (pod.nodeSelector) {
    for (const [key, value] of Object.entries(pod.nodeSelector)) if (node.labels[key] !== value) return false;
  }
  const required = pod.affinity?.nodeAffinity?.required ?? null;
  return required === null || nodeSelectorMatches(required, node);
}

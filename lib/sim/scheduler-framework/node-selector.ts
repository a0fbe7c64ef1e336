// Node selectors (component-helpers/scheduling/corev1/nodeaffinity): terms are ORed, an empty term
// matches nothing, matchExpressions and matchFields within a term are ANDed; nodeSelector is ANDed
// with the required affinity (GetRequiredNodeAffinity).
import { requirementMatches, type LabelSet } from "@/lib/sim/objects/labels";
import type { Node, Pod } from "@/lib/sim/objects/core";
import type { NodeSelectorTerm } from "@/lib/sim/objects/scheduling";

/** nodeSelectorTerm.match. Pure. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  if (term.matchExpressions.length === 0 && term.matchFields.length === 0) return false;
  for (const requirement of term.matchExpressions)
    if (!requirementMatches(requirement, node.metadata.labels)) return false;
  const fields: LabelSet = { "metadata.name": node.metadata.name };
  for (const requirement of term.matchFields) if (!requirementMatches(requirement, fields)) return false;
  return true;
}

/** NodeSelector.Match: any term matches. Pure. */
export function nodeSelectorMatches(terms: NodeSelectorTerm[], node: Node): boolean {
  return terms.some((term) => nodeSelectorTermMatches(term, node));
}

/** RequiredNodeAffinity.Match: spec.nodeSelector and required node affinity. Pure. */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const nodeSelector = pod.spec.nodeSelector;
  if (nodeSelector) {
    for (const [key, value] of Object.entries(nodeSelector)) if (node.metadata.labels[key] !== value) return false;
  }
  const required = pod.spec.affinity?.nodeAffinity?.required ?? null;
  return required === null || nodeSelectorMatches(required, node);
}

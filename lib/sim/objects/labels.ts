// Label selectors with apimachinery semantics (pkg/labels/selector.go, metav1.LabelSelectorAsSelector):
// a nil selector matches nothing, an empty one matches everything, requirements are ANDed.

export type LabelSet = Record<string, string>;

type SelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt";

export type LabelSelectorRequirement = { key: string; operator: SelectorOperator; values: string[] };

/** metav1.LabelSelector as written in a manifest. */
export type LabelSelector = { matchLabels: LabelSet; matchExpressions: LabelSelectorRequirement[] };

/** A compiled selector. `nothing` is labels.Nothing(); an empty `requirements` list is labels.Everything(). */
export type Selector = { nothing: true } | { nothing: false; requirements: LabelSelectorRequirement[] };

export const NOTHING: Selector = { nothing: true };

/** metav1.LabelSelectorAsSelector: nil → nothing, empty → everything. matchLabels become `In [value]`. Pure. */
export function selectorFromLabelSelector(selector: LabelSelector | null): Selector {
  if (selector === null) return NOTHING;
  const requirements: LabelSelectorRequirement[] = Object.entries(selector.matchLabels).map(([key, value]) => ({
    key,
    operator: "In",
    values: [value],
  }));
  requirements.push(...selector.matchExpressions);
  return { nothing: false, requirements };
}

/** labels.SelectorFromSet: every pair must match exactly; an empty set matches everything. Pure. */
export function selectorFromSet(set: LabelSet): Selector {
  return {
    nothing: false,
    requirements: Object.entries(set).map(([key, value]) => ({ key, operator: "In", values: [value] })),
  };
}

/** Adds requirements to a selector (labels.Selector.Add). Pure. */
export function addRequirements(selector: Selector, extra: LabelSelectorRequirement[]): Selector {
  if (selector.nothing) return selector;
  return { nothing: false, requirements: [...selector.requirements, ...extra] };
}

/** labels.Selector.Empty(): true only for a selector with no requirements (Nothing is not empty). */
export function isEmptySelector(selector: Selector): boolean {
  return !selector.nothing && selector.requirements.length === 0;
}

function parseInteger(text: string): number | null {
  return /^[-+]?[0-9]+$/.test(text) ? Number(text) : null;
}

/** labels.Requirement.Matches. Gt/Lt compare integers and fail on a non-integer label. Pure. */
export function requirementMatches(requirement: LabelSelectorRequirement, labels: LabelSet): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case "In":
      return value !== undefined && requirement.values.includes(value);
    case "NotIn":
      return value === undefined || !requirement.values.includes(value);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      const left = value === undefined ? null : parseInteger(value);
      const right = parseInteger(requirement.values[0] ?? "");
      if (left === null || right === null) return false;
      return requirement.operator === "Gt" ? left > right : left < right;
    }
  }
}

/** selector.Matches(labels). Pure. */
export function selectorMatches(selector: Selector, labels: LabelSet): boolean {
  if (selector.nothing) return false;
  for (const requirement of selector.requirements) {
    if (!requirementMatches(requirement, labels)) return false;
  }
  return true;
}

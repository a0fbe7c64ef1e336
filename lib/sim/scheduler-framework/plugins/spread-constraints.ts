// PodTopologySpread's constraint handling (plugins/podtopologyspread/common.go, plugin.go) and
// helper.DefaultSelector (plugins/helper/spread.go): without constraints of its own, a pod is spread
// by the profile's default constraints among the pods its Services and controller select.
import {
  addRequirements,
  isEmptySelector,
  selectorFromLabelSelector,
  selectorFromSet,
  selectorMatches,
  type LabelSet,
  type Selector,
} from "@/lib/sim/objects/labels";
import { podMatchesNodeSelectorAndAffinity } from "@/lib/sim/scheduler-framework/node-selector";
import { findUntoleratedTaint, isDoNotScheduleTaint } from "@/lib/sim/scheduler-framework/tolerations";
import type { Node, Pod } from "@/lib/sim/objects/core";
import { controllerRef } from "../../objects/helpers";
import type { TopologySpreadConstraint } from "@/lib/sim/objects/scheduling";
import type { Workload } from "@/lib/sim/scheduler-framework/workload";
import { namespaceOf } from "@/lib/sim/scheduler-framework/pod-info";
import type { CycleContext } from "@/lib/sim/scheduler-framework/types";

export const HOSTNAME_LABEL = "kubernetes.io/hostname";

/** The parsed constraint (topologySpreadConstraint in common.go). */
export type SpreadConstraint = {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
};

type DefaultConstraintFields = Pick<TopologySpreadConstraint, "maxSkew" | "topologyKey" | "whenUnsatisfiable">;

/** A default constraint: no selector of its own (each pod's is deduced) and no optional field set. Pure. */
export function defaultConstraint(fields: DefaultConstraintFields): TopologySpreadConstraint {
  const { maxSkew, topologyKey, whenUnsatisfiable } = fields;
  const unset = { labelSelector: null, minDomains: null, nodeAffinityPolicy: null, nodeTaintsPolicy: null };
  return { maxSkew, topologyKey, whenUnsatisfiable, ...unset, matchLabelKeys: [] };
}

/** systemDefaultConstraints (podtopologyspread/plugin.go). */
const SYSTEM_DEFAULT_CONSTRAINTS: TopologySpreadConstraint[] = [
  defaultConstraint({ maxSkew: 3, topologyKey: HOSTNAME_LABEL, whenUnsatisfiable: "ScheduleAnyway" }),
  defaultConstraint({ maxSkew: 5, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" }),
];

function withMatchLabelKeys(selector: Selector, keys: string[], podLabels: LabelSet): Selector {
  const matchLabels: LabelSet = {};
  for (const key of keys) if (podLabels[key] !== undefined) matchLabels[key] = podLabels[key];
  if (Object.keys(matchLabels).length === 0 || selector.nothing) return selector;
  return addRequirements(selectorFromSet(matchLabels), selector.requirements);
}

/** filterTopologySpreadConstraints: the constraints with the given action, selectors parsed. Pure. */
function filterConstraints(
  constraints: TopologySpreadConstraint[],
  podLabels: LabelSet,
  action: TopologySpreadConstraint["whenUnsatisfiable"],
): SpreadConstraint[] {
  return constraints
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => ({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: withMatchLabelKeys(selectorFromLabelSelector(c.labelSelector), c.matchLabelKeys, podLabels),
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
      honorNodeTaints: (c.nodeTaintsPolicy ?? "Ignore") === "Honor",
    }));
}

/** helper.DefaultSelector: matching Services' selectors, plus the controller's selector. Pure. */
function defaultSelector(pod: Pod, workloads: Workload[]): Selector {
  const namespace = namespaceOf(pod);
  let labelSet: LabelSet = {};
  for (const w of workloads) {
    if (w.kind !== "Service" || w.namespace !== namespace || w.selector === null) continue;
    if (selectorMatches(selectorFromSet(w.selector.matchLabels), pod.metadata.labels))
      labelSet = { ...labelSet, ...w.selector.matchLabels };
  }
  const owner = controllerRef(pod) ?? null;
  // The engine's controllers write no apiVersion: each owner kind it has lives in a single group.
  const apiVersion = owner?.apiVersion ?? (owner?.kind === "ReplicationController" ? "v1" : "apps/v1");
  const kind =
    owner === null
      ? null
      : apiVersion === "v1" && owner.kind === "ReplicationController"
        ? owner.kind
        : apiVersion === "apps/v1"
          ? owner.kind
          : null;
  const controller = workloads.find(
    (w) => w.kind === kind && w.kind !== "Service" && w.namespace === namespace && w.name === owner?.name,
  );
  if (!controller || controller.selector === null) return selectorFromSet(labelSet);
  if (controller.kind === "ReplicationController")
    return selectorFromSet({ ...labelSet, ...controller.selector.matchLabels });
  const other = selectorFromLabelSelector(controller.selector);
  return other.nothing ? selectorFromSet(labelSet) : addRequirements(selectorFromSet(labelSet), other.requirements);
}

/** getConstraints / buildDefaultConstraints for one action. Pure. */
export function podSpreadConstraints(
  ctx: CycleContext,
  action: TopologySpreadConstraint["whenUnsatisfiable"],
): SpreadConstraint[] {
  const pod = ctx.pod.pod;
  const own = pod.spec.topologySpreadConstraints ?? [];
  if (own.length > 0) return filterConstraints(own, pod.metadata.labels, action);
  const args = ctx.args.podTopologySpread;
  const defaults = filterConstraints(
    args.systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints,
    pod.metadata.labels,
    action,
  );
  if (defaults.length === 0) return [];
  const selector = defaultSelector(pod, ctx.snapshot.workloads);
  if (isEmptySelector(selector)) return [];
  return defaults.map((c) => ({ ...c, selector }));
}

/** nodeLabelsMatchSpreadConstraints: the node has every constraint's topology key. Pure. */
export function hasAllTopologyKeys(node: Node, constraints: SpreadConstraint[]): boolean {
  return constraints.every((c) => node.metadata.labels[c.topologyKey] !== undefined);
}

/** Whether every node passes the constraint's inclusion policies for this pod (a per-cycle shortcut). Pure. */
export function includesEveryNode(constraint: SpreadConstraint, pod: Pod): boolean {
  const hasRequiredNodeAffinity =
    pod.spec.nodeSelector !== undefined || (pod.spec.affinity?.nodeAffinity?.required ?? null) !== null;
  return !constraint.honorNodeTaints && (!constraint.honorNodeAffinity || !hasRequiredNodeAffinity);
}

/** matchNodeInclusionPolicies (nodeAffinityPolicy defaults to Honor, nodeTaintsPolicy to Ignore). Pure. */
export function nodeIncluded(constraint: SpreadConstraint, pod: Pod, node: Node): boolean {
  if (constraint.honorNodeAffinity && !podMatchesNodeSelectorAndAffinity(pod, node)) return false;
  if (
    constraint.honorNodeTaints &&
    findUntoleratedTaint(node.spec.taints, pod.spec.tolerations, isDoNotScheduleTaint) !== null
  )
    return false;
  return true;
}

// NodeAffinity (plugins/nodeaffinity/node_affinity.go). PreFilter narrows to nodes named by
// matchFields metadata.name; Filter applies nodeSelector + required affinity (and the profile's
// addedAffinity); Score sums the weights of matching preferred terms, normalised to 100.
import {
  nodeSelectorMatches,
  nodeSelectorTermMatches,
  podMatchesNodeSelectorAndAffinity,
} from "@/lib/sim/scheduler-framework/node-selector";
import type { NodeSelectorRequirement, PreferredSchedulingTerm } from "@/lib/sim/objects/scheduling";
import { defaultNormalizeScore } from "@/lib/sim/scheduler-framework/normalize-score";
import { MAX_NODE_SCORE, type PluginImpl, type PreFilterOutcome } from "@/lib/sim/scheduler-framework/types";
import type { CycleContext } from "@/lib/sim/scheduler-framework/types";

const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
const ERR_REASON_CONFLICT = "pod affinity terms conflict";

function termNodeNames(fields: NodeSelectorRequirement[]): string[] | null {
  // The requirements of one term are ANDed: intersect the metadata.name In lists.
  return fields
    .filter((field) => field.key === "metadata.name" && field.operator === "In")
    .reduce<string[] | null>(
      (names, field) => (names === null ? [...field.values] : names.filter((name) => field.values.includes(name))),
      null,
    );
}

function namedNodes(ctx: CycleContext): PreFilterOutcome {
  const terms = ctx.pod.pod.spec.affinity?.nodeAffinity?.required ?? [];
  let union: Set<string> | null = null;
  for (const term of terms) {
    const names = termNodeNames(term.matchFields);
    // A term without a metadata.name restriction admits every node: the terms are ORed.
    if (names === null) return { kind: "ok", nodeNames: null };
    union = new Set([...(union ?? []), ...names]);
  }
  if (union !== null && union.size === 0)
    return { kind: "reject", status: { code: "UnschedulableAndUnresolvable", reasons: [ERR_REASON_CONFLICT] } };
  return { kind: "ok", nodeNames: union === null ? null : [...union] };
}

function preferredTerms(ctx: CycleContext): PreferredSchedulingTerm[] {
  const own = ctx.pod.pod.spec.affinity?.nodeAffinity?.preferred ?? [];
  const added = ctx.args.nodeAffinity.addedAffinity?.preferred ?? [];
  return [...added, ...own];
}

export const nodeAffinity: PluginImpl = {
  preFilter(ctx) {
    const pod = ctx.pod.pod;
    const hasRequired = (pod.spec.affinity?.nodeAffinity?.required ?? null) !== null;
    if (!hasRequired && ctx.args.nodeAffinity.addedAffinity?.required == null && pod.spec.nodeSelector === undefined)
      return { kind: "skip" };
    return hasRequired ? namedNodes(ctx) : { kind: "ok", nodeNames: null };
  },
  filter(ctx, node) {
    const added = ctx.args.nodeAffinity.addedAffinity?.required ?? null;
    if (added !== null && !nodeSelectorMatches(added, node.node))
      return { code: "UnschedulableAndUnresolvable", reasons: [ERR_REASON_ENFORCED] };
    if (!podMatchesNodeSelectorAndAffinity(ctx.pod.pod, node.node))
      return { code: "UnschedulableAndUnresolvable", reasons: [ERR_REASON_POD] };
    return null;
  },
  preScore(ctx) {
    const hasOwn = (ctx.pod.pod.spec.affinity?.nodeAffinity?.preferred.length ?? 0) > 0;
    if (!hasOwn && !ctx.args.nodeAffinity.addedAffinity?.preferred.length) return "skip";
    ctx.state.set(
      "NodeAffinity",
      preferredTerms(ctx).filter((t) => t.weight !== 0),
    );
    return "ok";
  },
  score(ctx, node) {
    const terms = (ctx.state.get("NodeAffinity") as PreferredSchedulingTerm[] | undefined) ?? preferredTerms(ctx);
    let count = 0;
    for (const term of terms) if (nodeSelectorTermMatches(term.preference, node.node)) count += term.weight;
    return count;
  },
  normalize(_ctx, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
};

// pluginConfig args for the simulated plugins, with upstream defaulting (apis/config/v1/defaults.go)
// and validation (apis/config/validation/validation_pluginargs.go) messages.
import { z } from "zod";
import { integer, spreadConstraintFields } from "@/lib/sim/manifests/schema-primitives";
import { defaultConstraint } from "@/lib/sim/scheduler-framework/plugins/spread-constraints";
import type { PluginArgs, ResourceSpec } from "@/lib/sim/scheduler-framework/types";

const DEFAULT_RESOURCES: ResourceSpec[] = [
  { name: "cpu", weight: 1 },
  { name: "memory", weight: 1 },
];

const envelope = { apiVersion: z.literal("kubescheduler.config.k8s.io/v1").optional() };

/** field.Duplicate for each key an earlier item already had, reported at `pathOf(index)`. */
function addDuplicateIssues(ctx: z.RefinementCtx, keys: readonly string[], pathOf: (i: number) => PropertyKey[]) {
  const seen = new Set<string>();
  keys.forEach((key, i) => {
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: pathOf(i), message: `Duplicate value: "${key}"` });
    seen.add(key);
  });
}

const resourceSpecs = z
  .array(z.strictObject({ name: z.string().min(1), weight: integer(0, 2 ** 31 - 1).optional() }))
  .superRefine((list, ctx) =>
    addDuplicateIssues(
      ctx,
      list.map((r) => r.name),
      (i) => [i, "name"],
    ),
  );

const shapePoint = z.strictObject({
  utilization: integer(0, 100),
  score: integer(0, 10),
});

export const nodeResourcesFitArgs = z
  .strictObject({
    ...envelope,
    kind: z.literal("NodeResourcesFitArgs").optional(),
    ignoredResources: z.array(z.string()).optional(),
    ignoredResourceGroups: z
      .array(z.string().refine((g) => !g.includes("/"), { message: "resource group name can't contain '/'" }))
      .optional(),
    scoringStrategy: z
      .strictObject({
        type: z.enum(["LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"]).optional(),
        resources: resourceSpecs.optional(),
        requestedToCapacityRatio: z
          .strictObject({ shape: z.array(shapePoint).min(1, "at least one point must be specified") })
          .optional(),
      })
      .superRefine((s, ctx) => {
        (s.resources ?? []).forEach((r, i) => {
          if ((r.weight ?? 1) > 100)
            ctx.addIssue({
              code: "custom",
              path: ["resources", i, "weight"],
              message: `resource weight of ${r.name} not in valid range (0, 100]`,
            });
        });
        const shape = s.requestedToCapacityRatio?.shape ?? [];
        for (let i = 1; i < shape.length; i++) {
          if ((shape[i - 1]?.utilization ?? 0) >= (shape[i]?.utilization ?? 0)) {
            ctx.addIssue({
              code: "custom",
              path: ["requestedToCapacityRatio", "shape", i, "utilization"],
              message: "utilization values must be sorted in increasing order",
            });
            break;
          }
        }
        if (s.type === "RequestedToCapacityRatio" && !s.requestedToCapacityRatio)
          ctx.addIssue({ code: "custom", path: ["requestedToCapacityRatio"], message: "Required value" });
      })
      .optional(),
  })
  .transform((a): PluginArgs["fit"] => {
    // SetDefaults_NodeResourcesFitArgs: LeastAllocated over cpu and memory, weight 0 → 1.
    const resources = (a.scoringStrategy?.resources?.length ? a.scoringStrategy.resources : DEFAULT_RESOURCES).map(
      (r) => ({ name: r.name, weight: r.weight || 1 }),
    );
    return {
      ignoredResources: a.ignoredResources ?? [],
      ignoredResourceGroups: a.ignoredResourceGroups ?? [],
      scoringStrategy: {
        type: a.scoringStrategy?.type ?? "LeastAllocated",
        resources,
        shape: a.scoringStrategy?.requestedToCapacityRatio?.shape ?? [],
      },
    };
  });

export const balancedAllocationArgs = z
  .strictObject({
    ...envelope,
    kind: z.literal("NodeResourcesBalancedAllocationArgs").optional(),
    resources: resourceSpecs.optional(),
  })
  .transform((a) => ({
    resources: (a.resources?.length ? a.resources : DEFAULT_RESOURCES).map((r) => ({
      name: r.name,
      weight: r.weight || 1,
    })),
  }))
  .superRefine((a, ctx) => {
    a.resources.forEach((r, i) => {
      if (r.weight !== 1) ctx.addIssue({ code: "custom", path: ["resources", i, "weight"], message: "must be 1" });
    });
  });

export const interPodAffinityArgs = z
  .strictObject({
    ...envelope,
    kind: z.literal("InterPodAffinityArgs").optional(),
    hardPodAffinityWeight: integer(0, 100).optional(),
    ignorePreferredTermsOfExistingPods: z.boolean().optional(),
  })
  .transform((a) => ({
    hardPodAffinityWeight: a.hardPodAffinityWeight ?? 1,
    ignorePreferredTermsOfExistingPods: a.ignorePreferredTermsOfExistingPods ?? false,
  }));

const defaultConstraintSchema = z.strictObject(spreadConstraintFields).superRefine((c, ctx) => {
  if (c.labelSelector)
    ctx.addIssue({
      code: "custom",
      path: ["labelSelector"],
      message: "constraint must not define a selector, as they deduced for each pod",
    });
});

export const podTopologySpreadArgs = z
  .strictObject({
    ...envelope,
    kind: z.literal("PodTopologySpreadArgs").optional(),
    defaultConstraints: z.array(defaultConstraintSchema).optional(),
    defaultingType: z.enum(["System", "List"]).optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.defaultingType ?? "System") === "System" && (a.defaultConstraints?.length ?? 0) > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["defaultingType"],
        message: "when .defaultConstraints are not empty, .defaultingType must be List",
      });
    }
    const keys = (a.defaultConstraints ?? []).map((c) => `{${c.topologyKey}, ${c.whenUnsatisfiable}}`);
    addDuplicateIssues(ctx, keys, (i) => ["defaultConstraints", i]);
  })
  .transform((a): PluginArgs["podTopologySpread"] => ({
    systemDefaulted: (a.defaultingType ?? "System") === "System",
    defaultConstraints: (a.defaultConstraints ?? []).map(defaultConstraint),
  }));

export const defaultPreemptionArgs = z
  .strictObject({
    ...envelope,
    kind: z.literal("DefaultPreemptionArgs").optional(),
    minCandidateNodesPercentage: integer(0, 100).optional(),
    minCandidateNodesAbsolute: integer(0, 2 ** 31 - 1).optional(),
  })
  .transform((a) => ({
    minCandidateNodesPercentage: a.minCandidateNodesPercentage ?? 10,
    minCandidateNodesAbsolute: a.minCandidateNodesAbsolute ?? 100,
  }));

/** Every default, as SetDefaults_* produce them when a profile has no pluginConfig entry. */
export function defaultPluginArgs(): PluginArgs {
  return {
    fit: nodeResourcesFitArgs.parse({}),
    balancedAllocation: balancedAllocationArgs.parse({}),
    interPodAffinity: interPodAffinityArgs.parse({}),
    podTopologySpread: podTopologySpreadArgs.parse({}),
    nodeAffinity: { addedAffinity: null },
    defaultPreemption: defaultPreemptionArgs.parse({}),
  };
}

// v1 Affinity (node affinity, pod affinity and anti-affinity) with the API server's validation rules
// (pkg/apis/core/validation: ValidateNodeSelectorRequirement, validatePodAffinityTerm) and its
// create-time merge of matchLabelKeys/mismatchLabelKeys into the label selector
// (pkg/registry/core/pod/strategy.go, applyMatchLabelKeysAndMismatchLabelKeys).
import { z } from "zod";
import type { LabelSet } from "@/lib/sim/objects/labels";
import type { Affinity, PodAffinity, PodAffinityTerm } from "@/lib/sim/objects/scheduling";
import { integer, labelSelector } from "@/lib/sim/manifests/schema-primitives";

const nodeSelectorRequirement = z
  .strictObject({
    key: z.string().min(1),
    operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"]),
    values: z.array(z.string()).optional(),
  })
  .superRefine((r, ctx) => {
    const count = r.values?.length ?? 0;
    if ((r.operator === "In" || r.operator === "NotIn") && count === 0)
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: "must be specified when `operator` is 'In' or 'NotIn'",
      });
    if ((r.operator === "Exists" || r.operator === "DoesNotExist") && count > 0)
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      });
    if ((r.operator === "Gt" || r.operator === "Lt") && (count !== 1 || !/^[-+]?[0-9]+$/.test(r.values?.[0] ?? ""))) {
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: "must be specified single value when `operator` is 'Lt' or 'Gt', and it must be an integer",
      });
    }
  })
  .transform((r) => ({ key: r.key, operator: r.operator, values: r.values ?? [] }));

const fieldRequirement = nodeSelectorRequirement.superRefine((r, ctx) => {
  if (r.key !== "metadata.name") ctx.addIssue({ code: "custom", path: ["key"], message: 'must be "metadata.name"' });
  if (r.operator !== "In" && r.operator !== "NotIn")
    ctx.addIssue({ code: "custom", path: ["operator"], message: 'must be "In" or "NotIn"' });
  if (r.values.length !== 1) ctx.addIssue({ code: "custom", path: ["values"], message: "must have one element" });
});

const nodeSelectorTerm = z
  .strictObject({
    matchExpressions: z.array(nodeSelectorRequirement).optional(),
    matchFields: z.array(fieldRequirement).optional(),
  })
  .transform((t) => ({ matchExpressions: t.matchExpressions ?? [], matchFields: t.matchFields ?? [] }));

export const nodeAffinitySchema = z
  .strictObject({
    requiredDuringSchedulingIgnoredDuringExecution: z
      .strictObject({ nodeSelectorTerms: z.array(nodeSelectorTerm).min(1) })
      .optional(),
    preferredDuringSchedulingIgnoredDuringExecution: z
      .array(z.strictObject({ weight: integer(1, 100), preference: nodeSelectorTerm }))
      .optional(),
  })
  .transform((a) => ({
    required: a.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? null,
    preferred: a.preferredDuringSchedulingIgnoredDuringExecution ?? [],
  }));

const podAffinityTerm = z.strictObject({
  labelSelector: labelSelector.optional(),
  namespaces: z.array(z.string()).optional(),
  namespaceSelector: labelSelector.optional(),
  topologyKey: z.string().min(1, "can not be empty"),
  matchLabelKeys: z.array(z.string()).optional(),
  mismatchLabelKeys: z.array(z.string()).optional(),
});

type RawTerm = z.output<typeof podAffinityTerm>;

function mergeLabelKeys(term: RawTerm, podLabels: LabelSet): PodAffinityTerm {
  const selector = term.labelSelector
    ? { matchLabels: { ...term.labelSelector.matchLabels }, matchExpressions: [...term.labelSelector.matchExpressions] }
    : null;
  if (selector) {
    for (const key of term.matchLabelKeys ?? []) {
      const value = podLabels[key];
      if (value !== undefined) selector.matchExpressions.push({ key, operator: "In", values: [value] });
    }
    for (const key of term.mismatchLabelKeys ?? []) {
      const value = podLabels[key];
      if (value !== undefined) selector.matchExpressions.push({ key, operator: "NotIn", values: [value] });
    }
  }
  return {
    labelSelector: selector,
    namespaces: term.namespaces ?? [],
    namespaceSelector: term.namespaceSelector ?? null,
    topologyKey: term.topologyKey,
  };
}

const podAffinity = z.strictObject({
  requiredDuringSchedulingIgnoredDuringExecution: z.array(podAffinityTerm).optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z
    .array(z.strictObject({ weight: integer(1, 100), podAffinityTerm }))
    .optional(),
});

export const affinitySchema = z.strictObject({
  nodeAffinity: nodeAffinitySchema.optional(),
  podAffinity: podAffinity.optional(),
  podAntiAffinity: podAffinity.optional(),
});

function toPodAffinity(raw: z.output<typeof podAffinity> | undefined, podLabels: LabelSet): PodAffinity | null {
  if (!raw) return null;
  return {
    required: (raw.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => mergeLabelKeys(t, podLabels)),
    preferred: (raw.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
      weight: w.weight,
      term: mergeLabelKeys(w.podAffinityTerm, podLabels),
    })),
  };
}

/** Converts a validated affinity; pod labels feed the matchLabelKeys merge. Pure. */
export function toAffinity(raw: z.output<typeof affinitySchema> | undefined, podLabels: LabelSet): Affinity | null {
  if (!raw) return null;
  return {
    nodeAffinity: raw.nodeAffinity ?? null,
    podAffinity: toPodAffinity(raw.podAffinity, podLabels),
    podAntiAffinity: toPodAffinity(raw.podAntiAffinity, podLabels),
  };
}

// Zod building blocks shared by the Kubernetes object schemas. YAML is parsed with intAsBigInt so that
// large integers keep every digit; these helpers bring them back to safe numbers or exact strings.
import { z } from "zod";
import { isQuantityInRange, milliValue, mustParseQuantity, parseQuantity, unitValue } from "@/lib/sim/objects/quantity";
import type { ResourceList } from "@/lib/sim/objects/core";
import type { ObjectMeta } from "@/lib/sim/objects/meta";

/** A field the API knows but the scheduler never reads: accepted by name, not validated. */
export const ignored = z.unknown().optional();

/** An integer within [min, max]; YAML integers arrive as bigint. */
export function integer(min: number, max: number) {
  return z
    .union([z.bigint(), z.number()])
    .refine((value) => (typeof value === "bigint" ? true : Number.isInteger(value)), { message: "must be an integer" })
    .refine((value) => value >= min && value <= max, { message: `must be between ${min} and ${max}` })
    .transform((value) => Number(value));
}

export const int32 = integer(-(2 ** 31), 2 ** 31 - 1);

/** A resource quantity; numbers are accepted the way the API server's JSON decoding accepts them. */
const quantity = z
  .union([z.string(), z.bigint(), z.number()])
  .transform((value) => String(value))
  .superRefine((text, ctx) => {
    const parsed = parseQuantity(text);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: `invalid quantity "${text}": ${parsed.message}` });
    else if (parsed.quantity.nano < 0n)
      ctx.addIssue({ code: "custom", message: `invalid quantity "${text}": must be greater than or equal to 0` });
  });

/** A ResourceList whose quantities are also checked against the simulator's exact integer range. */
export const resourceList = z.record(z.string().min(1), quantity).superRefine((list, ctx) => {
  for (const [name, text] of Object.entries(list)) {
    const parsed = parseQuantity(text);
    if (parsed.ok && !isQuantityInRange(parsed.quantity.nano, name)) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `quantity "${text}" exceeds 2^53-1 ${name === "cpu" ? "milli-units" : "units"}`,
      });
    }
  }
});

const MI = 1024 * 1024;

/**
 * The engine's ResourceList from a manifest's quantities: cpu and memory rounded up to whole millicores
 * and MiB, and the exact strings kept for the scheduler framework. Pure.
 */
export function toResourceList(quantities: Record<string, string>): ResourceList {
  const cpu = quantities.cpu === undefined ? 0n : mustParseQuantity(quantities.cpu).nano;
  const memory = quantities.memory === undefined ? 0n : mustParseQuantity(quantities.memory).nano;
  return { cpuMilli: milliValue(cpu), memoryMi: Math.ceil(unitValue(memory) / MI), quantities };
}

export const labelMap = z.record(z.string(), z.string());

const selectorOperator = z.enum(["In", "NotIn", "Exists", "DoesNotExist"]);

/** metav1.LabelSelectorRequirement, with the value-count rules of labels.NewRequirement. */
const labelSelectorRequirement = z
  .strictObject({ key: z.string().min(1), operator: selectorOperator, values: z.array(z.string()).optional() })
  .superRefine((requirement, ctx) => {
    const count = requirement.values?.length ?? 0;
    const needsValues = requirement.operator === "In" || requirement.operator === "NotIn";
    if (needsValues && count === 0)
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: "must be specified when `operator` is 'In' or 'NotIn'",
      });
    if (!needsValues && count > 0)
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      });
  })
  .transform((requirement) => ({
    key: requirement.key,
    operator: requirement.operator,
    values: requirement.values ?? [],
  }));

/** metav1.LabelSelector. */
export const labelSelector = z
  .strictObject({ matchLabels: labelMap.optional(), matchExpressions: z.array(labelSelectorRequirement).optional() })
  .transform((selector) => ({
    matchLabels: selector.matchLabels ?? {},
    matchExpressions: selector.matchExpressions ?? [],
  }));

/** The TopologySpreadConstraint fields a pod's constraints share with PodTopologySpreadArgs' defaults. */
export const spreadConstraintFields = {
  maxSkew: integer(1, 2 ** 31 - 1),
  topologyKey: z.string().min(1, "can not be empty"),
  whenUnsatisfiable: z.enum(["DoNotSchedule", "ScheduleAnyway"]),
  labelSelector: labelSelector.optional(),
};

/** metav1.ObjectMeta: name, namespace, labels, owners and deletion are read; the rest is accepted by name. */
export const objectMeta = z.strictObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  labels: labelMap.optional(),
  annotations: labelMap.optional(),
  uid: z.string().optional(),
  ownerReferences: z
    .array(
      z.strictObject({
        apiVersion: z.string(),
        kind: z.string(),
        name: z.string(),
        uid: z.string().optional(),
        controller: z.boolean().optional(),
        blockOwnerDeletion: z.boolean().optional(),
      }),
    )
    .optional(),
  deletionTimestamp: z.union([z.string(), z.null()]).optional(),
  creationTimestamp: ignored,
  deletionGracePeriodSeconds: ignored,
  finalizers: ignored,
  generateName: ignored,
  generation: ignored,
  managedFields: ignored,
  resourceVersion: ignored,
  selfLink: ignored,
});

/**
 * The engine's ObjectMeta from a manifest's. Timestamps are virtual milliseconds in the engine and a
 * manifest's wall-clock times have no place on that clock: creation is 0, and a deletionTimestamp
 * becomes 0 too, since only its presence (the pod is terminating) matters. Pure.
 */
export function toObjectMeta(raw: z.output<typeof objectMeta>, namespace: string | null): ObjectMeta {
  return {
    name: raw.name,
    namespace,
    uid: raw.uid ?? "",
    resourceVersion: "",
    creationTimestamp: 0,
    labels: raw.labels ?? {},
    ownerReferences: (raw.ownerReferences ?? []).map((o) => ({
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.name,
      uid: o.uid ?? "",
      controller: o.controller ?? false,
    })),
    deletionTimestamp: typeof raw.deletionTimestamp === "string" ? 0 : null,
    ...(raw.annotations && { annotations: raw.annotations }),
  };
}

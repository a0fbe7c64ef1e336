// Zod building blocks shared by the Kubernetes object schemas. YAML is parsed with intAsBigInt so that
// large integers keep every digit; these helpers bring them back to safe numbers or exact strings.
import { z } from "zod";
import { isQuantityInRange, parseQuantity } from "@/lib/sim/k8s/quantity";

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

/** metav1.ObjectMeta: name, namespace and labels are read; the rest is accepted by name. */
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

// v1 PodSpec fields the scheduler reads (tolerations, topology spread, scheduling hints) and the
// rest of the PodSpec accepted by name.
import { z } from "zod";
import { affinitySchema } from "@/lib/sim/manifests/affinity-schema";
import { containerSchema } from "@/lib/sim/manifests/container-schema";
import type { Toleration } from "@/lib/sim/objects/core";
import {
  ignored,
  int32,
  integer,
  labelMap,
  resourceList,
  spreadConstraintFields,
} from "@/lib/sim/manifests/schema-primitives";

const toleration = z
  .strictObject({
    key: z.string().optional(),
    operator: z.enum(["Exists", "Equal"]).optional(),
    value: z.string().optional(),
    effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).optional(),
    tolerationSeconds: integer(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).optional(),
  })
  .superRefine((t, ctx) => {
    // ValidateTolerations: an empty key needs Exists; Exists takes no value.
    if (!t.key && t.operator !== "Exists")
      ctx.addIssue({
        code: "custom",
        path: ["operator"],
        message: 'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      });
    if (t.operator === "Exists" && t.value)
      ctx.addIssue({ code: "custom", path: ["operator"], message: "value must be empty when `operator` is 'Exists'" });
  })
  .transform((t): Toleration => ({
    key: t.key ?? null,
    operator: t.operator ?? "Equal",
    value: t.value,
    effect: t.effect ?? null,
    tolerationSeconds: t.tolerationSeconds ?? null,
  }));

const topologySpreadConstraint = z
  .strictObject({
    ...spreadConstraintFields,
    minDomains: integer(1, 2 ** 31 - 1).optional(),
    nodeAffinityPolicy: z.enum(["Honor", "Ignore"]).optional(),
    nodeTaintsPolicy: z.enum(["Honor", "Ignore"]).optional(),
    matchLabelKeys: z.array(z.string()).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.minDomains !== undefined && c.whenUnsatisfiable !== "DoNotSchedule") {
      ctx.addIssue({
        code: "custom",
        path: ["minDomains"],
        message: "can only use minDomains if whenUnsatisfiable=DoNotSchedule",
      });
    }
  })
  .transform((c) => ({
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    whenUnsatisfiable: c.whenUnsatisfiable,
    labelSelector: c.labelSelector ?? null,
    minDomains: c.minDomains ?? null,
    nodeAffinityPolicy: c.nodeAffinityPolicy ?? null,
    nodeTaintsPolicy: c.nodeTaintsPolicy ?? null,
    matchLabelKeys: c.matchLabelKeys ?? [],
  }));

export const podSpecSchema = z.strictObject({
  containers: z.array(containerSchema).min(1),
  initContainers: z.array(containerSchema).optional(),
  nodeName: z.string().optional(),
  nodeSelector: labelMap.optional(),
  affinity: affinitySchema.optional(),
  tolerations: z.array(toleration).optional(),
  topologySpreadConstraints: z.array(topologySpreadConstraint).optional(),
  schedulerName: z.string().optional(),
  priority: int32.optional(),
  preemptionPolicy: z.enum(["PreemptLowerPriority", "Never"]).optional(),
  restartPolicy: z.enum(["Always", "OnFailure", "Never"]).optional(),
  serviceAccountName: z.string().optional(),
  terminationGracePeriodSeconds: integer(0, Number.MAX_SAFE_INTEGER).optional(),
  overhead: resourceList.optional(),
  hostNetwork: z.boolean().optional(),
  resources: z.never({ error: "pod-level resources are not supported by this simulator" }).optional(),
  activeDeadlineSeconds: ignored,
  automountServiceAccountToken: ignored,
  dnsConfig: ignored,
  dnsPolicy: ignored,
  enableServiceLinks: ignored,
  ephemeralContainers: ignored,
  hostAliases: ignored,
  hostIPC: ignored,
  hostPID: ignored,
  hostUsers: ignored,
  hostname: ignored,
  hostnameOverride: ignored,
  imagePullSecrets: ignored,
  os: ignored,
  priorityClassName: ignored,
  readinessGates: ignored,
  resourceClaims: ignored,
  runtimeClassName: ignored,
  schedulingGates: ignored,
  securityContext: ignored,
  serviceAccount: ignored,
  setHostnameAsFQDN: ignored,
  shareProcessNamespace: ignored,
  subdomain: ignored,
  volumes: ignored,
});

// v1 Pod, validated strictly and converted to the simulator's Pod model.
import { z } from "zod";
import { toAffinity } from "@/lib/sim/k8s/affinity-schema";
import { toContainer } from "@/lib/sim/k8s/container-schema";
import { podSpecSchema } from "@/lib/sim/k8s/pod-spec-schema";
import { objectMeta } from "@/lib/sim/k8s/schema-primitives";
import type { Pod } from "@/lib/sim/k8s/types";

const podStatus = z.record(z.string(), z.unknown());

export const podSchema = z
  .strictObject({
    apiVersion: z.literal("v1"),
    kind: z.literal("Pod"),
    metadata: objectMeta,
    spec: podSpecSchema,
    status: podStatus.optional(),
  })
  .transform((raw): Pod => {
    const labels = raw.metadata.labels ?? {};
    const hostNetwork = raw.spec.hostNetwork ?? false;
    return {
      name: raw.metadata.name,
      namespace: raw.metadata.namespace ?? "default",
      labels,
      ownerReferences: (raw.metadata.ownerReferences ?? []).map((o) => ({
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.name,
        controller: o.controller ?? false,
      })),
      terminating: typeof raw.metadata.deletionTimestamp === "string",
      terminal: raw.status?.phase === "Succeeded" || raw.status?.phase === "Failed",
      nodeName: raw.spec.nodeName || null,
      schedulerName: raw.spec.schedulerName ?? "default-scheduler",
      priority: raw.spec.priority ?? 0,
      preemptionPolicy: raw.spec.preemptionPolicy ?? "PreemptLowerPriority",
      containers: raw.spec.containers.map((c) => toContainer(c, hostNetwork)),
      initContainers: (raw.spec.initContainers ?? []).map((c) => toContainer(c, hostNetwork)),
      overhead: raw.spec.overhead ?? {},
      nodeSelector: raw.spec.nodeSelector ?? null,
      affinity: toAffinity(raw.spec.affinity, labels),
      tolerations: raw.spec.tolerations ?? [],
      topologySpreadConstraints: raw.spec.topologySpreadConstraints ?? [],
    };
  });

// v1 Pod, validated strictly and converted to the simulator's Pod model.
import { z } from "zod";
import { toAffinity } from "@/lib/sim/manifests/affinity-schema";
import { toContainer } from "@/lib/sim/manifests/container-schema";
import { podSpecSchema } from "@/lib/sim/manifests/pod-spec-schema";
import { objectMeta, toObjectMeta, toResourceList } from "@/lib/sim/manifests/schema-primitives";
import type { Pod } from "@/lib/sim/objects/core";

const podStatus = z.record(z.string(), z.unknown());

const PHASES = ["Pending", "Running", "Succeeded", "Failed", "Unknown"] as const;

/** status.phase as the manifest has it; anything else (or none) is a pod not yet running. Pure. */
function phaseOf(status: Record<string, unknown> | undefined): Pod["status"]["phase"] {
  return PHASES.find((phase) => phase === status?.phase) ?? "Pending";
}

export const podSchema = z
  .strictObject({
    apiVersion: z.literal("v1"),
    kind: z.literal("Pod"),
    metadata: objectMeta,
    spec: podSpecSchema,
    status: podStatus.optional(),
  })
  .transform((raw): Pod => {
    const spec = raw.spec;
    const hostNetwork = spec.hostNetwork ?? false;
    const affinity = toAffinity(spec.affinity, raw.metadata.labels ?? {});
    return {
      kind: "Pod",
      apiVersion: "v1",
      metadata: toObjectMeta(raw.metadata, raw.metadata.namespace ?? "default"),
      spec: {
        nodeName: spec.nodeName || null,
        containers: spec.containers.map((c) => toContainer(c, hostNetwork)),
        ...(spec.initContainers && { initContainers: spec.initContainers.map((c) => toContainer(c, hostNetwork)) }),
        ...(spec.overhead && { overhead: toResourceList(spec.overhead) }),
        ...(spec.priority !== undefined && { priority: spec.priority }),
        ...(spec.preemptionPolicy && { preemptionPolicy: spec.preemptionPolicy }),
        tolerations: spec.tolerations ?? [],
        // The ServiceAccount admission plugin's default (plugin/pkg/admission/serviceaccount/admission.go),
        // then SetDefaults_PodSpec's (pkg/apis/core/v1/defaults.go).
        serviceAccountName: spec.serviceAccountName ?? "default",
        schedulerName: spec.schedulerName ?? "default-scheduler",
        restartPolicy: spec.restartPolicy ?? "Always",
        terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
        ...(spec.nodeSelector && { nodeSelector: spec.nodeSelector }),
        ...(affinity && { affinity }),
        ...(spec.topologySpreadConstraints && { topologySpreadConstraints: spec.topologySpreadConstraints }),
      },
      status: { phase: phaseOf(raw.status), conditions: [], podIP: null },
    };
  });

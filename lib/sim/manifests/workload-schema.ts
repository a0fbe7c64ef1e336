// Services and workload controllers, read only for their selectors: PodTopologySpread's system
// default constraints spread a pod among the pods its Services, ReplicaSet, StatefulSet or
// ReplicationController select (pkg/scheduler/framework/plugins/helper/spread.go, DefaultSelector).
// Their specs are large; the selector is validated, the other top-level spec fields are accepted by name.
import { z } from "zod";
import type { Workload } from "@/lib/sim/scheduler-framework/workload";
import { ignored, labelMap, labelSelector, objectMeta } from "@/lib/sim/manifests/schema-primitives";

const serviceSpecFields = [
  "allocateLoadBalancerNodePorts",
  "clusterIP",
  "clusterIPs",
  "externalIPs",
  "externalName",
  "externalTrafficPolicy",
  "healthCheckNodePort",
  "internalTrafficPolicy",
  "ipFamilies",
  "ipFamilyPolicy",
  "loadBalancerClass",
  "loadBalancerIP",
  "loadBalancerSourceRanges",
  "ports",
  "publishNotReadyAddresses",
  "sessionAffinity",
  "sessionAffinityConfig",
  "trafficDistribution",
  "type",
];
const replicaSetSpecFields = ["minReadySeconds", "replicas", "template"];
const statefulSetSpecFields = [
  "minReadySeconds",
  "ordinals",
  "persistentVolumeClaimRetentionPolicy",
  "podManagementPolicy",
  "replicas",
  "revisionHistoryLimit",
  "serviceName",
  "template",
  "updateStrategy",
  "volumeClaimTemplates",
];

function accepted(fields: string[]) {
  return Object.fromEntries(fields.map((field) => [field, ignored]));
}

const envelope = { metadata: objectMeta, status: ignored };

const service = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("Service"),
  ...envelope,
  spec: z.strictObject({ selector: labelMap.optional(), ...accepted(serviceSpecFields) }),
});
const replicationController = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("ReplicationController"),
  ...envelope,
  spec: z.strictObject({ selector: labelMap.optional(), ...accepted(replicaSetSpecFields) }),
});
const replicaSet = z.strictObject({
  apiVersion: z.literal("apps/v1"),
  kind: z.literal("ReplicaSet"),
  ...envelope,
  spec: z.strictObject({ selector: labelSelector, ...accepted(replicaSetSpecFields) }),
});
const statefulSet = z.strictObject({
  apiVersion: z.literal("apps/v1"),
  kind: z.literal("StatefulSet"),
  ...envelope,
  spec: z.strictObject({ selector: labelSelector, ...accepted(statefulSetSpecFields) }),
});

type RawWorkload =
  | z.output<typeof service>
  | z.output<typeof replicationController>
  | z.output<typeof replicaSet>
  | z.output<typeof statefulSet>;

function toWorkload(raw: RawWorkload): Workload {
  const namespace = raw.metadata.namespace ?? "default";
  if (raw.kind === "Service" || raw.kind === "ReplicationController") {
    // A Service or RC without a selector selects nothing (GetPodServices skips nil selectors).
    const selector = raw.spec.selector ? { matchLabels: raw.spec.selector, matchExpressions: [] } : null;
    return { kind: raw.kind, namespace, name: raw.metadata.name, selector };
  }
  return { kind: raw.kind, namespace, name: raw.metadata.name, selector: raw.spec.selector };
}

/** One strict schema per kind, so an error names the fields of the kind the document declares. */
export const workloadSchemas = {
  Service: service.transform(toWorkload),
  ReplicationController: replicationController.transform(toWorkload),
  ReplicaSet: replicaSet.transform(toWorkload),
  StatefulSet: statefulSet.transform(toWorkload),
};

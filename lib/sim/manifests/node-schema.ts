// v1 Node as `kubectl get nodes -o yaml` prints it, validated strictly (an unknown field is an error,
// as the API server's strict field validation would make it).
import { z } from "zod";
import { mustParseQuantity, unitValue } from "@/lib/sim/objects/quantity";
import type { Node } from "@/lib/sim/objects/core";
import {
  ignored,
  integer,
  objectMeta,
  resourceList,
  toObjectMeta,
  toResourceList,
} from "@/lib/sim/manifests/schema-primitives";

const taint = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
  timeAdded: ignored,
});

const nodeSpec = z.strictObject({
  taints: z.array(taint).optional(),
  unschedulable: z.boolean().optional(),
  podCIDR: ignored,
  podCIDRs: ignored,
  providerID: ignored,
  configSource: ignored,
  externalID: ignored,
});

const containerImage = z.strictObject({
  names: z.array(z.string()).optional(),
  sizeBytes: integer(0, Number.MAX_SAFE_INTEGER).optional(),
});

const nodeStatus = z.strictObject({
  allocatable: resourceList.optional(),
  capacity: resourceList.optional(),
  images: z.array(containerImage).optional(),
  addresses: ignored,
  conditions: ignored,
  config: ignored,
  daemonEndpoints: ignored,
  declaredFeatures: ignored,
  features: ignored,
  nodeInfo: ignored,
  phase: ignored,
  runtimeHandlers: ignored,
  volumesAttached: ignored,
  volumesInUse: ignored,
});

export const nodeSchema = z
  .strictObject({
    apiVersion: z.literal("v1"),
    kind: z.literal("Node"),
    metadata: objectMeta,
    spec: nodeSpec.optional(),
    status: nodeStatus.optional(),
  })
  .transform((raw): Node => {
    // SetDefaults_NodeStatus (pkg/apis/core/v1/defaults.go): allocatable defaults to capacity.
    const allocatable = raw.status?.allocatable ?? raw.status?.capacity ?? {};
    const pods = allocatable.pods === undefined ? 0 : unitValue(mustParseQuantity(allocatable.pods).nano);
    return {
      kind: "Node",
      apiVersion: "v1",
      metadata: toObjectMeta(raw.metadata, null),
      spec: {
        taints: (raw.spec?.taints ?? []).map((t) => ({
          key: t.key,
          value: t.value,
          effect: t.effect,
          timeAdded: null,
        })),
        unschedulable: raw.spec?.unschedulable ?? false,
      },
      status: {
        conditions: [],
        allocatable: { ...toResourceList(allocatable), pods },
        lastHeartbeatTime: 0,
        images: (raw.status?.images ?? []).map((image) => ({
          names: image.names ?? [],
          sizeBytes: image.sizeBytes ?? 0,
        })),
      },
    };
  });

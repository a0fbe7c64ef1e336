// v1 Container: image, resources and ports are read; every other Container field is accepted by name.
import { z } from "zod";
import type { Container } from "@/lib/sim/objects/core";
import { ignored, integer, resourceList, toResourceList } from "@/lib/sim/manifests/schema-primitives";

const containerPort = z.strictObject({
  containerPort: integer(1, 65535),
  hostPort: integer(0, 65535).optional(),
  hostIP: z.string().optional(),
  protocol: z.enum(["TCP", "UDP", "SCTP"]).optional(),
  name: ignored,
});

const resources = z.strictObject({
  requests: resourceList.optional(),
  limits: resourceList.optional(),
  claims: ignored,
});

export const containerSchema = z.strictObject({
  name: z.string().min(1),
  image: z.string().optional(),
  resources: resources.optional(),
  ports: z.array(containerPort).optional(),
  restartPolicy: z.enum(["Always"]).optional(),
  args: ignored,
  command: ignored,
  env: ignored,
  envFrom: ignored,
  imagePullPolicy: ignored,
  lifecycle: ignored,
  livenessProbe: ignored,
  readinessProbe: ignored,
  resizePolicy: ignored,
  restartPolicyRules: ignored,
  securityContext: ignored,
  startupProbe: ignored,
  stdin: ignored,
  stdinOnce: ignored,
  terminationMessagePath: ignored,
  terminationMessagePolicy: ignored,
  tty: ignored,
  volumeDevices: ignored,
  volumeMounts: ignored,
  workingDir: ignored,
});

/**
 * Converts a validated container, applying two API-server defaults (pkg/apis/core/v1/defaults.go):
 * requests default to limits per resource, and a hostNetwork pod's hostPort defaults to containerPort.
 * Pure.
 */
export function toContainer(raw: z.output<typeof containerSchema>, hostNetwork: boolean): Container {
  const requests = { ...(raw.resources?.limits ?? {}), ...(raw.resources?.requests ?? {}) };
  const ports = (raw.ports ?? []).map((port) => ({
    containerPort: port.containerPort,
    hostPort: port.hostPort ?? (hostNetwork ? port.containerPort : 0),
    hostIP: port.hostIP ?? "",
    protocol: port.protocol ?? "TCP",
  }));
  return {
    name: raw.name,
    image: raw.image ?? "",
    requests: toResourceList(requests),
    ...(raw.restartPolicy && { restartPolicy: raw.restartPolicy }),
    ...(ports.length > 0 && { ports }),
  };
}

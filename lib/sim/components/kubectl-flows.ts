// kubectl commands that take more than one request, the way kubectl itself does them: `scale`,
// `set image` and `rollout undo` first read the live object (and, for undo, the Deployment's
// ReplicaSets), then send one PATCH. JSON merge patch replaces whole arrays, so the patch carries
// every container.
import type { Command } from "../core/types";
import { apiCall, type ApiCall } from "../apiserver/http";
import type { Resource } from "../objects/resources";
import type { Deployment, PodTemplate, ReplicaSet, StatefulSet } from "../objects/types";

const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

export function workloadResource(kind: unknown): Resource {
  return kind === "statefulset" ? "statefulsets" : "deployments";
}

/**
 * The PATCH for `kubectl scale <kind> <name> --replicas=N`, sent once the GET of the object answered.
 * The GET is the resource builder's (cli-runtime pkg/resource/builder.go: Do adds RetrieveLazy since
 * requireObject is true by default), and without --current-replicas or --resource-version the
 * scaler sends a blind merge patch of spec.replicas (kubectl pkg/cmd/scale/scale.go RunScale, "we
 * avoid a Scale GET"; pkg/scale/scale.go ScaleSimple). kubectl sends it to the scale subresource;
 * here it patches the object itself, which changes the same field.
 */
export function scalePatch(c: Command): ApiCall {
  return apiCall("patch", workloadResource(c.args.kind), {
    namespace: "default",
    name: String(c.args.name),
    body: { spec: { replicas: Number(c.args.replicas) } },
  });
}

/** The PATCH for `kubectl set image <kind>/<name> <container>=<image>` given the live object. */
export function setImagePatch(c: Command, live: Deployment | StatefulSet): ApiCall {
  const containers = live.spec.template.spec.containers.map((x) =>
    x.name === String(c.args.container ?? x.name)
      ? { ...x, image: String(c.args.image), imagePullPolicy: undefined }
      : x,
  );
  const body = { spec: { template: { ...live.spec.template, spec: { ...live.spec.template.spec, containers } } } };
  return apiCall("patch", workloadResource(c.args.kind), {
    namespace: "default",
    name: live.metadata.name,
    body: JSON.parse(JSON.stringify(body)) as unknown,
  });
}

/** `kubectl rollout undo`: the ReplicaSet of the previous revision (or --to-revision), if any. */
export function rollbackTarget(
  sets: readonly ReplicaSet[],
  d: Deployment,
  toRevision: number | null,
): ReplicaSet | null {
  const owned = sets.filter((rs) => rs.metadata.ownerReferences.some((o) => o.uid === d.metadata.uid));
  const rev = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? "0");
  const sorted = [...owned].sort((a, b) => rev(b) - rev(a));
  if (toRevision !== null) return sorted.find((rs) => rev(rs) === toRevision) ?? null;
  return sorted[1] ?? null;
}

/** The Deployment template restored from a ReplicaSet: its template without pod-template-hash. */
export function restoredTemplate(rs: ReplicaSet): PodTemplate {
  const labels = { ...rs.spec.template.labels };
  delete labels["pod-template-hash"];
  return { ...rs.spec.template, labels };
}

export function listSets(d: Deployment): ApiCall {
  return apiCall("list", "replicasets", { namespace: "default", labelSelector: d.spec.selector });
}

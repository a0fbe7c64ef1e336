// kubectl commands that take more than one request, the way kubectl itself does them: `scale`,
// `set image`, `rollout restart` and `rollout undo` first read the live object (and, for undo, the
// Deployment's ReplicaSets), then send one PATCH. JSON merge patch replaces whole arrays, so the patch
// carries every container.
import { rfc3339 } from "../core/clock";
import type { Command, Ms } from "../core/types";
import { apiCall, type ApiCall } from "../apiserver/http";
import type { Resource } from "../objects/resources";
import type { Deployment, ReplicaSet, StatefulSet } from "../objects/apps";
import type { PodTemplate } from "../objects/core";

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

/** The template annotation `kubectl rollout restart` sets; its new value is a new template, so a new rollout. */
export const RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

/**
 * The PATCH for `kubectl rollout restart <kind>/<name>` once the GET answered: the template's restartedAt
 * annotation set to now in RFC 3339 (kubectl pkg/polymorphichelpers/objectrestarter.go defaultObjectRestarter,
 * time.Now().Format(time.RFC3339)). kubectl sends the strategic-merge diff of the object before and after
 * (pkg/cmd/rollout/rollout_restart.go RunRestart, set.CalculatePatches), which is this one annotation; as a
 * merge patch it keeps the template's other annotations.
 */
export function restartPatch(c: Command, live: Deployment | StatefulSet, now: Ms): ApiCall {
  return apiCall("patch", workloadResource(c.args.kind), {
    namespace: "default",
    name: live.metadata.name,
    body: { spec: { template: { annotations: { [RESTARTED_AT_ANNOTATION]: rfc3339(now) } } } },
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

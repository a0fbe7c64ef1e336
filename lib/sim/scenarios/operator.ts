// A CustomResourceDefinition, a custom resource (WebApp) and its operator; finalizers and the garbage
// collector. webapp-operator (components/operator) reconciles level-triggered: it is stopped while
// the WebApp's spec changes 1–3 times, and after its restart the informer's initial LIST shows only
// the latest spec, so one Deployment write converges on it. Deleting the WebApp: the API server only
// sets deletionTimestamp while the operator's finalizer remains
// (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go: Delete); the operator cleans
// up and removes it; the garbage collector (pkg/controller/garbagecollector) then deletes, or
// orphans, the owned Deployment by the delete's propagationPolicy.
import { SMALL_SPEC } from "../cluster/spec";
import { DEFAULT_TUNING } from "../cluster/defaults";
import { WEBAPP_FINALIZER } from "../cluster-components/operator/operator";
import type { CustomResourceDefinition, WebApp } from "../objects/apiextensions";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, first, last, s, select } from "./claims";
import { applyAt, kubectlAt, meta } from "./manifests";
import { boolParam, intParam, optionsOf, type Plan, type ScenarioDef } from "./types";

/** The script's moments: the CRD, the WebApp, the operator stopped and started again, the WebApp deleted, the end. */
const WHEN = { crd: 3000, create: 4000, stop: 20_000, start: 30_000, delete: 70_000, end: 110_000 } as const;
const CHANGE_GAP = 2000;
const CLEANUP_MS = 3000;
const NAME = "shop";
const POLICIES = ["Background", "Foreground", "Orphan"] as const;

/** The WebApp's spec after `k` changes: change k sets replicas 2+k and image nginx:1.(27+k). */
function specAfter(k: number): { replicas: number; image: string } {
  return { replicas: 2 + k, image: `nginx:1.${27 + k}` };
}

function crd(): CustomResourceDefinition {
  return {
    kind: "CustomResourceDefinition",
    metadata: { ...meta("webapps.example.com"), namespace: null },
    spec: { group: "example.com", kind: "WebApp", plural: "webapps", version: "v1", scope: "Namespaced" },
    status: { established: true },
  };
}

function webapp(): WebApp {
  return { kind: "WebApp", metadata: meta(NAME), spec: specAfter(0), status: { observed: null, readyReplicas: 0 } };
}

function policyOf(p: Params) {
  return POLICIES[intParam(p, "propagationPolicy")]!;
}

function plan(p: Params): Plan {
  const changes = intParam(p, "changes");
  const crash = boolParam(p, "crashDuringCleanup");
  const patches = Array.from({ length: changes }, (_, i) =>
    kubectlAt(WHEN.stop + CHANGE_GAP * (i + 1), "patch", {
      resource: "webapps",
      name: NAME,
      patch: JSON.stringify({ spec: specAfter(i + 1) }),
    }),
  );
  return {
    cluster: {
      ...SMALL_SPEC,
      workers: 1,
      operator: { cleanupMs: CLEANUP_MS },
    },
    script: [
      applyAt(
        WHEN.crd,
        crd(),
        "webapp-crd.yaml",
        "CustomResourceDefinition webapps.example.com: kind WebApp, namespaced, v1",
      ),
      applyAt(
        WHEN.create,
        webapp(),
        "shop.yaml",
        `WebApp ${NAME}: ${specAfter(0).replicas} replicas of ${specAfter(0).image}`,
      ),
      { at: WHEN.stop, action: { type: "stop", target: "webapp-operator" } },
      ...patches,
      { at: WHEN.start, action: { type: "start", target: "webapp-operator" } },
      kubectlAt(WHEN.delete, "delete", { resource: "webapps", name: NAME, cascade: policyOf(p).toLowerCase() }),
      ...(crash
        ? [{ at: WHEN.delete + CLEANUP_MS / 2, action: { type: "stop" as const, target: "webapp-operator" } }]
        : []),
      kubectlAt(WHEN.end - 3000, "get", { resource: "webapps", name: NAME }),
      kubectlAt(WHEN.end - 2000, "get", { resource: "deployments", name: NAME }),
    ],
    durationMs: WHEN.end,
    marks: { stop: WHEN.stop, start: WHEN.start, delete: WHEN.delete },
  };
}

const webappGone = (events: readonly TraceEvent[]) =>
  first(events, { type: "api.response", where: (e) => String(e.command).startsWith(`kubectl get webapps ${NAME}`) });
const deploymentAtEnd = (events: readonly TraceEvent[]) =>
  first(events, {
    type: "api.response",
    where: (e) => String(e.command).startsWith(`kubectl get deployments ${NAME}`),
  });

function claims(p: Params, events: readonly TraceEvent[]) {
  const changes = intParam(p, "changes");
  const crash = boolParam(p, "crashDuringCleanup");
  const policy = policyOf(p);
  const latest = specAfter(changes);
  const isDep = (e: TraceEvent) => e.kind === "Deployment" && e.name === NAME;

  // converges-on-latest: after the restart, one Deployment write, with the latest spec.
  const synced = first(events, { type: "operator.synced", from: WHEN.start });
  const updates = select(events, { type: "operator.deployment-updated", from: WHEN.start, to: WHEN.delete });
  const during = select(events, { type: "operator.deployment-updated", from: WHEN.stop, to: WHEN.start });
  const patchCmds = select(events, {
    type: "kubectl.command",
    from: WHEN.stop,
    to: WHEN.start,
    where: (e) => String(e.command).startsWith("kubectl patch"),
  });
  const u = updates[0];
  const converged =
    updates.length === 1 && during.length === 0 && u?.replicas === latest.replicas && u.image === latest.image;

  // finalizer-blocks-deletion
  const deleteCmd = first(events, {
    type: "api.response",
    from: WHEN.delete,
    where: (e) => String(e.command).startsWith(`kubectl delete webapps ${NAME}`),
  });
  const cleanup = first(events, { type: "operator.cleanup-started", from: WHEN.delete });
  const removed = first(events, { type: "operator.finalizer-removed", from: WHEN.delete });
  const getAtEnd = webappGone(events);
  const stillThere = getAtEnd?.status === 200;
  const finalizerOk =
    deleteCmd?.status === 200 &&
    cleanup !== undefined &&
    (crash ? removed === undefined && stillThere : removed !== undefined && getAtEnd?.status === 404);

  // garbage collection by policy
  const depDeleted = first(events, { type: "gc.dependent-deleted", where: isDep });
  const orphaned = first(events, { type: "gc.orphaned", where: isDep });
  const fgRemoved = first(events, {
    type: "gc.finalizer-removed",
    where: (e) => e.kind === "WebApp" && e.finalizer === "foregroundDeletion",
  });
  const podsDeleted = select(events, { type: "pod.deleted", from: WHEN.delete });
  const depAtEnd = deploymentAtEnd(events);
  const gcClaim = (() => {
    if (policy === "Orphan") {
      const ok =
        orphaned !== undefined && depDeleted === undefined && depAtEnd?.status === 200 && podsDeleted.length === 0;
      return claim(
        "orphans-kept",
        `\`kubectl delete --cascade=orphan\`: the API server adds the \`orphan\` finalizer; the ` +
          "garbage collector removes the Deployment's ownerReference to the WebApp, then that " +
          `finalizer. The Deployment and its pods stay${crash ? "" : " after the WebApp is gone"}.`,
        ok,
        [
          deleteCmd,
          orphaned,
          first(events, { type: "gc.finalizer-removed", where: (e) => e.kind === "WebApp" }),
          depAtEnd,
        ],
        `ownerReference removed ${at(orphaned)}; Deployment deleted by the GC: ` +
          `${depDeleted ? at(depDeleted) : "never"}; \`kubectl get deployment ${NAME}\` at the end ` +
          `answered ${depAtEnd?.status ?? "nothing"}; ${podsDeleted.length} pods deleted after the delete.`,
      );
    }
    // The operator's update that removes its finalizer (sent at cleanup-done) is what deletes the WebApp.
    const ownerGone = first(events, { type: "operator.cleanup-done", from: WHEN.delete });
    const ok =
      policy === "Background"
        ? crash
          ? depDeleted === undefined && depAtEnd?.status === 200
          : depDeleted !== undefined &&
            ownerGone !== undefined &&
            depDeleted.t > ownerGone.t &&
            depDeleted.why === "dangling" &&
            podsDeleted.length === latest.replicas
        : depDeleted !== undefined &&
          depDeleted.why === "foreground" &&
          fgRemoved !== undefined &&
          fgRemoved.t > depDeleted.t &&
          (crash || (ownerGone !== undefined && podsDeleted.length === latest.replicas));
    const text =
      policy === "Background"
        ? crash
          ? "Background propagation deletes dependents only once the owner is gone: while the " +
            "operator's finalizer holds the WebApp, the garbage collector leaves its Deployment alone."
          : "Background propagation: the WebApp goes first (once the operator removed " +
            "its finalizer); then the garbage collector finds the Deployment's owner " +
            "gone and deletes it, and the ReplicaSet and pods after it."
        : `Foreground propagation: the API server adds \`foregroundDeletion\` to the WebApp; the garbage ` +
          "collector deletes the Deployment (which blocks its owner: blockOwnerDeletion) and removes that " +
          "finalizer only once the Deployment is " +
          `gone${crash ? "; the operator's finalizer still holds the WebApp" : ""}.`;
    return claim(
      "dependents-collected",
      text,
      ok,
      [
        deleteCmd,
        ownerGone,
        depDeleted,
        fgRemoved,
        last(events, { type: "pod.deleted", from: WHEN.delete }),
        ...(crash ? [depAtEnd] : []),
      ],
      `operator's finalizer removed ${at(ownerGone)}; Deployment deleted by the GC ` +
        `${at(depDeleted)}${depDeleted ? ` (${depDeleted.why})` : ""}; foregroundDeletion removed ` +
        `${at(fgRemoved)}; ${podsDeleted.length} pods deleted (the WebApp asked for ${latest.replicas}).`,
    );
  })();

  // The restarted operator waits for its predecessor's Lease to expire before it leads.
  const acquired = first(events, {
    type: "leader-election.acquired",
    from: WHEN.start,
    where: (e) => String(e.lease) === "kube-system/webapp-operator",
  });
  const leaseOk =
    acquired !== undefined &&
    acquired.t - WHEN.start >= DEFAULT_TUNING.leaseDurationMs &&
    synced !== undefined &&
    synced.t > acquired.t;

  return [
    claim(
      "converges-on-latest",
      `webapp-operator is down while the WebApp's spec changes ${changes} ` +
        `time${changes === 1 ? "" : "s"}. Reconciliation is level-triggered: after its restart ` +
        "the informer's initial LIST holds only the latest spec, and one Deployment write " +
        `converges on it (${latest.replicas} replicas of ${latest.image}), not one per change.`,
      converged,
      [...patchCmds, synced, ...updates],
      `${patchCmds.length} patches while it was down; ${updates.length} Deployment update(s) after the ` +
        `restart${u ? `: ${u.replicas} replicas of ${u.image}` : ""}; ${during.length} while it was down.`,
    ),
    claim(
      "finalizer-blocks-deletion",
      crash
        ? `The operator crashes during its cleanup: its finalizer \`${WEBAPP_FINALIZER}\` stays, so the ` +
            "WebApp stays too, Terminating (deletionTimestamp set), for as long as nothing removes it."
        : `\`kubectl delete webapp ${NAME}\` only sets deletionTimestamp: the WebApp ` +
            `stays while the operator's finalizer \`${WEBAPP_FINALIZER}\` remains; the ` +
            "operator cleans up, removes it, and then the object is gone.",
      finalizerOk,
      [deleteCmd, cleanup, removed, getAtEnd],
      `delete answered ${deleteCmd?.status ?? "nothing"}; cleanup started ${at(cleanup)}; finalizer removed ` +
        `${at(removed)}; \`kubectl get webapp ${NAME}\` at the end answered ${getAtEnd?.status ?? "nothing"}.`,
    ),
    gcClaim,
    claim(
      "operator-leader-election",
      "The restarted operator has a new identity: it waits until the Lease " +
        "kube-system/webapp-operator its predecessor held has gone unrenewed for leaseDuration " +
        `(${s(DEFAULT_TUNING.leaseDurationMs)}), then leads and starts its informers.`,
      leaseOk,
      [acquired, synced],
      `restarted at ${s(WHEN.start)}; acquired the Lease ${at(acquired)}; informers synced ${at(synced)}.`,
    ),
  ];
}

export const operator: ScenarioDef = {
  id: "operator",
  title: "A CRD, its operator, finalizers and garbage collection",
  summary:
    "An operator reconciles a WebApp custom resource level-triggered, owns a " +
    "Deployment through an ownerReference, and holds deletion with a finalizer; the " +
    "garbage collector deletes or orphans dependents by `propagationPolicy`.",
  params: [
    {
      name: "changes",
      type: "integer",
      label: "Changes while down",
      description:
        "How many times the WebApp's spec changes while webapp-operator is stopped (each sets replicas and image).",
      default: 2,
      min: 1,
      max: 3,
    },
    {
      name: "propagationPolicy",
      type: "enum",
      label: "Propagation policy",
      description: "`kubectl delete --cascade=…` of the WebApp: what happens to the Deployment it owns.",
      default: 0,
      options: optionsOf(POLICIES),
    },
    {
      name: "crashDuringCleanup",
      type: "boolean",
      label: "Operator crashes during cleanup",
      description: "webapp-operator stops halfway through its cleanup and is not restarted.",
      default: false,
    },
  ],
  plan,
  claims,
};

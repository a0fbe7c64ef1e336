// The garbage collector's decisions, the API server's deletion finalizers and webapp-operator's
// Reconcile step, each against the upstream code it follows.
import { describe, expect, it } from "vitest";
import { runScenario } from "@/lib/sim";
import { deletionFinalizers } from "@/lib/sim/apiserver/writes";
import { gcActions } from "@/lib/sim/cluster-components/controller-manager/garbage-collector";
import { reconcileStep, WEBAPP_FINALIZER } from "@/lib/sim/cluster-components/operator/operator";
import type { WebApp } from "@/lib/sim/objects/apiextensions";
import type { KubeObject } from "@/lib/sim/objects/kube-object";
import type { OwnerRef } from "@/lib/sim/objects/meta";

function obj(
  kind: "WebApp" | "Deployment" | "ReplicaSet",
  uid: string,
  o: { owners?: OwnerRef[]; finalizers?: string[]; deleting?: boolean } = {},
): KubeObject {
  const metadata = {
    name: uid,
    namespace: "default",
    uid,
    resourceVersion: "1",
    creationTimestamp: 0,
    labels: {},
    ownerReferences: o.owners ?? [],
    deletionTimestamp: o.deleting === true ? 1 : null,
    ...(o.finalizers ? { finalizers: o.finalizers } : {}),
  };
  return { kind, metadata, spec: {}, status: {} } as unknown as KubeObject;
}
const ref = (kind: string, uid: string, block?: boolean): OwnerRef => ({
  kind,
  name: uid,
  uid,
  controller: true,
  ...(block === undefined ? {} : { blockOwnerDeletion: block }),
});

describe("deletionFinalizers", () => {
  // staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go: deletionFinalizersForGarbageCollection
  it("adds orphan or foregroundDeletion by policy, and Background removes both", () => {
    expect(deletionFinalizers(["x"], "Orphan", true)).toEqual(["x", "orphan"]);
    expect(deletionFinalizers(["x"], "Foreground", true)).toEqual(["x", "foregroundDeletion"]);
    expect(deletionFinalizers(["x", "orphan"], "Background", true)).toEqual(["x"]);
    expect(deletionFinalizers(["x", "orphan"], undefined, true)).toEqual(["x"]);
  });
  it("leaves the finalizers alone without the garbage collector (--enable-garbage-collector=false)", () => {
    expect(deletionFinalizers(undefined, "Foreground", false)).toEqual([]);
  });
});

describe("gcActions", () => {
  // pkg/controller/garbagecollector/garbagecollector.go: attemptToDeleteItem (all owners dangling → delete)
  it("deletes a dependent whose owner is gone, in the background", () => {
    const a = gcActions([obj("Deployment", "d", { owners: [ref("WebApp", "w")] })]);
    expect(a).toMatchObject([{ op: "delete", policy: "Background", why: "dangling" }]);
  });
  it("leaves a dependent whose owner exists, even while the owner is being deleted in the background", () => {
    expect(
      gcActions([
        obj("WebApp", "w", { finalizers: ["f"], deleting: true }),
        obj("Deployment", "d", { owners: [ref("WebApp", "w")] }),
      ]),
    ).toEqual([]);
  });
  // processDeletingDependentsItem: the foregroundDeletion finalizer goes only when no blocking dependent is left
  it("foreground: deletes the dependents and keeps the owner's finalizer while a blocking one remains", () => {
    const owner = obj("WebApp", "w", { finalizers: ["foregroundDeletion"], deleting: true });
    const dep = obj("Deployment", "d", { owners: [ref("WebApp", "w", true)] });
    expect(gcActions([owner, dep])).toMatchObject([{ op: "delete", why: "foreground", policy: "Background" }]);
    expect(gcActions([owner])).toMatchObject([{ op: "unfinalize", finalizer: "foregroundDeletion" }]);
    // A dependent with blockOwnerDeletion false does not hold the owner.
    expect(
      gcActions([owner, obj("Deployment", "d", { owners: [ref("WebApp", "w", false)], deleting: true })]),
    ).toMatchObject([{ op: "unfinalize" }]);
  });
  // orphanDependents, then removeFinalizer(orphan)
  it("orphan: removes the dependents' references first, then the orphan finalizer", () => {
    const owner = obj("WebApp", "w", { finalizers: ["orphan"], deleting: true });
    expect(gcActions([owner, obj("Deployment", "d", { owners: [ref("WebApp", "w")] })])).toMatchObject([
      { op: "orphan" },
    ]);
    expect(gcActions([owner, obj("Deployment", "d")])).toMatchObject([{ op: "unfinalize", finalizer: "orphan" }]);
  });
});

describe("reconcileStep", () => {
  const app = (o: Partial<WebApp["metadata"]> = {}): WebApp => ({
    kind: "WebApp",
    metadata: { ...(obj("WebApp", "w").metadata as WebApp["metadata"]), ...o },
    spec: { replicas: 3, image: "nginx:1.29" },
    status: { observed: null, readyReplicas: 0 },
  });
  // controller-runtime's finalizer pattern (controllerutil.AddFinalizer before creating anything it must clean up)
  it("adds its finalizer first, then creates the Deployment, then converges it on the spec as read now", () => {
    expect(reconcileStep(app(), undefined)).toEqual({ do: "add-finalizer" });
    const w = app({ finalizers: [WEBAPP_FINALIZER] });
    expect(reconcileStep(w, undefined)).toEqual({ do: "create-deployment" });
    const dep = { spec: { replicas: 2, template: { spec: { containers: [{ image: "nginx:1.27" }] } } } } as never;
    expect(reconcileStep(w, dep)).toEqual({ do: "update-deployment", replicas: 3, image: "nginx:1.29" });
  });
  it("cleans up an object being deleted only while its finalizer is on it", () => {
    expect(reconcileStep(app({ finalizers: [WEBAPP_FINALIZER], deletionTimestamp: 5 }), undefined)).toEqual({
      do: "cleanup",
    });
    expect(reconcileStep(app({ deletionTimestamp: 5, finalizers: ["foregroundDeletion"] }), undefined)).toEqual({
      do: "none",
    });
  });
});

describe("the CustomResourceDefinition's scope", () => {
  // staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition/strategy.go:
  // NamespaceScoped() is false, so kubectl sends no namespace and the key has none.
  it("is stored cluster-scoped, under no namespace", () => {
    const committed = runScenario("operator", {}, 1).events.filter(
      (e) => e.type === "raft.committed" && e.message.includes("customresourcedefinitions"),
    );
    expect(committed.map((e) => e.message.replace(/^.*: /, ""))).toEqual([
      "create customresourcedefinitions webapps.example.com.",
    ]);
  });
});

// kubectl rollout restart statefulset/<name>: the same restartedAt PATCH as for a Deployment
// (kubectl pkg/polymorphichelpers/objectrestarter.go handles *appsv1.StatefulSet too). The new
// template is a new update revision (pkg/controller/statefulset/stateful_set_utils.go
// newRevision hashes the template), so RollingUpdate replaces the pods from the highest ordinal down.
import { describe, expect, it } from "vitest";
import { container, podSpec, serviceOf, statefulSetOf, template } from "@/lib/sim/scenarios/manifests";
import type { KubeObject } from "@/lib/sim/objects/kube-object";
import { k8sCluster } from "../harness";

const apply = (obj: KubeObject) => ({ manifest: JSON.stringify(obj), file: "x.yaml", summary: obj.kind });

describe("kubectl rollout restart statefulset", () => {
  it("replaces every pod under a new revision, highest ordinal first, one at a time", () => {
    const h = k8sCluster({ workers: 2, webTraffic: false }, 1);
    h.runFor(4000);
    h.kubectl("create-object", apply(serviceOf("db", { app: "db" }, "None")));
    const db = statefulSetOf(
      "db",
      3,
      template({ app: "db" }, podSpec([container("db", "nginx:1.27")])),
      "OrderedReady",
      [],
    );
    h.kubectl("create-object", apply(db));
    h.runFor(40_000);
    const first = h.events("statefulset.pod-created");
    expect(first.map((e) => e.pod)).toEqual(["db-0", "db-1", "db-2"]);
    const restartAt = h.now;
    h.kubectl("rollout-restart", { kind: "statefulset", name: "db" });
    h.runFor(90_000);
    const answer = h.events("api.response").filter((e) => e.command === "kubectl rollout restart statefulset/db");
    expect(answer.at(-1)?.message).toContain("→ statefulset.apps/db restarted");
    const deleted = h.events("statefulset.pod-deleted").filter((e) => e.t >= restartAt);
    expect(deleted.map((e) => `${String(e.pod)} ${String(e.reason)}`)).toEqual([
      "db-2 update",
      "db-1 update",
      "db-0 update",
    ]);
    const recreated = h.events("statefulset.pod-created").filter((e) => e.t >= restartAt);
    expect(recreated.map((e) => e.pod)).toEqual(["db-2", "db-1", "db-0"]);
    // One at a time: an ordinal goes only after the one above it is back.
    for (const [i, next] of deleted.slice(1).entries()) expect(next.t).toBeGreaterThan(recreated[i]!.t);
    expect(new Set(recreated.map((e) => e.revision)).size).toBe(1);
    expect(recreated[0]!.revision).not.toBe(first[0]!.revision);
  });
});

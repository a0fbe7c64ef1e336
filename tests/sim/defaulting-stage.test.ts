// imagePullPolicy is set by API defaulting while the REST handler decodes the body, not by a
// mutating admission plugin: SetDefaults_Container in upstream's pkg/apis/core/v1/defaults.go
// (https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/v1/defaults.go) gives an
// untagged or :latest image PullAlways and any other image PullIfNotPresent, and the create
// handler (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go) decodes, and so
// defaults, before it calls admission. The request-flow trace must say so.
import { describe, expect, it } from "vitest";
import { k8sCluster } from "./harness";

describe("the request flow's defaulting stage", () => {
  const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 1, traceRequestFlow: true }, 2)
    .runUntil(
      (x) => x.events("leader-election.acquired").length >= 2 && x.events("node.registered").length >= 2,
      20_000,
    )
    .kubectl("create", { name: "web" })
    .runUntil((x) => x.events("pod.scheduled").length >= 1, 10_000);
  const stagesOf = (resource: string) =>
    h
      .events("api.stage")
      .filter((e) => String(e.request).startsWith("POST ") && String(e.request).endsWith(`/${resource}`));

  it("comes after authorization and before mutating admission on a create", () => {
    const order = stagesOf("deployments").map((e) => e.stage);
    expect(order.slice(0, 5)).toEqual([
      "authentication",
      "priority-and-fairness",
      "authorization",
      "defaulting",
      "mutating-admission",
    ]);
  });

  it("is where imagePullPolicy is set, and mutating admission never claims it", () => {
    const deployment = stagesOf("deployments");
    expect(deployment.find((e) => e.stage === "defaulting")?.detail).toMatch(
      /set imagePullPolicy (Always|IfNotPresent) for image/,
    );
    const admission = h.events("api.stage").filter((e) => e.stage === "mutating-admission");
    expect(admission.length).toBeGreaterThan(0);
    expect(admission.every((e) => !String(e.detail).includes("imagePullPolicy"))).toBe(true);
    // The pod's own plugins (ServiceAccount, DefaultTolerationSeconds) stay under mutating admission.
    expect(stagesOf("pods").find((e) => e.stage === "mutating-admission")?.detail).toContain(
      "ServiceAccount set serviceAccountName",
    );
  });
});

// The scheduler's POST pods/<name>/binding is a create (BindingREST.Create in
// pkg/registry/core/pod/storage/storage.go): it goes through the whole handler chain, admission
// included, before the GuaranteedUpdate that sets spec.nodeName, and answers 201 with a Status.
import { describe, expect, it } from "vitest";
import { authorizeRequest } from "@/lib/sim/apiserver/authorize";
import { admitBinding } from "@/lib/sim/apiserver/binding";
import { apiCall } from "@/lib/sim/apiserver/http";
import type { Ctx } from "@/lib/sim/core/component";
import { RBAC_POLICY } from "@/lib/sim/cluster/policy";
import { k8sCluster } from "./harness";

const CHAIN = [
  "authentication",
  "priority-and-fairness",
  "authorization",
  "mutating-admission",
  "schema-validation",
  "validating-admission",
  "etcd-write",
  "response",
];
const admission = { defaultTolerationSeconds: 300, namespaces: ["default"] };
const bind = (namespace: string, nodeName: string) =>
  apiCall("create", "pods", { namespace, name: "web-1", subresource: "binding", body: { nodeName } });
const noCtx = {} as Ctx;

describe("pods/binding", () => {
  it("passes authentication, APF, authorization and both admission phases before etcd, and answers 201", () => {
    const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 1, traceRequestFlow: true }, 2)
      .runUntil(
        (x) => x.events("leader-election.acquired").length >= 2 && x.events("node.registered").length >= 2,
        20_000,
      )
      .kubectl("create", { name: "web" })
      .runUntil((x) => x.events("pod.scheduled").length >= 1, 10_000);
    const stages = h.events("api.stage").filter((e) => String(e.request).endsWith("/binding"));
    expect(stages.map((e) => e.stage)).toEqual(CHAIN);
    expect(stages.every((e) => e.user === "system:kube-scheduler")).toBe(true);
    expect(stages.find((e) => e.stage === "mutating-admission")?.detail).toContain(
      "NodeRestriction skips non-node users",
    );
    expect(stages.at(-1)?.detail).toBe("201 Created, Status Success");
  });

  it(
    "is refused by NamespaceLifecycle in a namespace that does " +
      "not exist, and by ValidatePodBinding without a target",
    () => {
      expect(
        admitBinding(bind("default", "node-1"), "system:kube-scheduler", null, admission, false, noCtx),
      ).toBeNull();
      expect(
        admitBinding(bind("ghost", "node-1"), "system:kube-scheduler", null, admission, false, noCtx),
      ).toMatchObject({ status: 404, message: 'namespaces "ghost" not found' });
      expect(admitBinding(bind("default", ""), "system:kube-scheduler", null, admission, false, noCtx)).toMatchObject({
        status: 500,
        message: "target.name: Required value",
      });
    },
  );

  it(
    "is not a kubelet's to create: the Node authorizer has no opinion, " +
      "RBAC grants it nothing, and NodeRestriction would refuse it",
    () => {
      const kubelet = { name: "system:node:node-1", groups: ["system:nodes", "system:authenticated"] };
      const attrs = {
        verb: "create",
        apiGroup: "",
        resource: "pods",
        subresource: "binding",
        namespace: "default",
        name: "web-1",
        fieldSelector: null,
      };
      expect(authorizeRequest(RBAC_POLICY, {}, kubelet, attrs).allowed).toBe(false);
      expect(admitBinding(bind("default", "node-1"), kubelet.name, "node-1", admission, false, noCtx)?.status).toBe(
        403,
      );
    },
  );
});

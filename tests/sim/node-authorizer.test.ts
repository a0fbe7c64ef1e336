// The authorizer chain of a kubeadm API server (privileged groups, then Node, then RBAC): what a
// kubelet may do comes from the Node authorizer (plugin/pkg/auth/authorizer/node/node_authorizer.go),
// not from an RBAC binding, and its reads follow the pods bound to its node.
import { describe, expect, it } from "vitest";
import { authorizeRequest } from "@/lib/sim/apiserver/authorize";
import type { UserInfo } from "@/lib/sim/apiserver/authn";
import { forbidden } from "@/lib/sim/apiserver/errors";
import { authorize, type Attributes } from "@/lib/sim/apiserver/rbac";
import { RBAC_POLICY } from "@/lib/sim/cluster/policy";
import { rangePrefix } from "@/lib/sim/etcd/mvcc";
import type { KubeObject, Pod } from "@/lib/sim/objects/types";
import { k8sCluster } from "./harness";

const kubelet1: UserInfo = { name: "system:node:node-1", groups: ["system:nodes", "system:authenticated"] };
const admin: UserInfo = { name: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] };

function pod(name: string, nodeName: string | null, claims: string[] = []): Pod {
  const metadata = {
    name,
    namespace: "default",
    uid: name,
    resourceVersion: "1",
    creationTimestamp: 0,
    labels: {},
    ownerReferences: [],
    deletionTimestamp: null,
  };
  const spec = {
    nodeName,
    containers: [],
    tolerations: [],
    serviceAccountName: "default",
    schedulerName: "default-scheduler",
    restartPolicy: "Always" as const,
    terminationGracePeriodSeconds: 30,
    claims,
  };
  return { kind: "Pod", apiVersion: "v1", metadata, spec, status: { phase: "Running", conditions: [], podIP: null } };
}

const PODS: Record<string, KubeObject> = {
  "default/a": pod("a", "node-1", ["www-db-0"]),
  "default/b": pod("b", "node-2", ["www-db-1"]),
};

function ask(verb: string, resource: string, extra: Partial<Attributes> = {}): Attributes {
  const apiGroup = resource === "leases" ? "coordination.k8s.io" : resource === "deployments" ? "apps" : "";
  return {
    verb,
    apiGroup,
    resource,
    subresource: null,
    namespace: "default",
    name: null,
    fieldSelector: null,
    ...extra,
  };
}

describe("the Node authorizer", () => {
  it.each([
    [
      "its own pods by field selector",
      ask("list", "pods", { namespace: null, fieldSelector: { "spec.nodeName": "node-1" } }),
    ],
    ["a pod bound to its node", ask("get", "pods", { name: "a" })],
    ["the status of pods (NodeRestriction narrows it)", ask("patch", "pods", { subresource: "status", name: "b" })],
    ["its own Node", ask("get", "nodes", { namespace: null, name: "node-1" })],
    ["Node status", ask("patch", "nodes", { namespace: null, subresource: "status", name: "node-1" })],
    ["its own Lease", ask("update", "leases", { namespace: "kube-node-lease", name: "node-1" })],
    ["a claim a pod on its node mounts", ask("get", "persistentvolumeclaims", { name: "www-db-0" })],
  ])("lets a kubelet read or write %s", (_what, attrs) => {
    const decision = authorizeRequest(RBAC_POLICY, PODS, kubelet1, attrs);
    expect(decision).toMatchObject({ allowed: true });
    expect(decision.reason).toMatch(/^Node authorizer: /);
  });

  it.each([
    [
      "every pod",
      ask("list", "pods", { namespace: null }),
      "can only list/watch pods with spec.nodeName field selector",
    ],
    [
      "a pod on another node",
      ask("get", "pods", { name: "b" }),
      "no relationship found between node 'node-1' and this object",
    ],
    [
      "another Node",
      ask("get", "nodes", { namespace: null, name: "node-2" }),
      "node 'node-1' cannot read 'node-2', only its own Node object",
    ],
    [
      "another node's Lease",
      ask("update", "leases", { namespace: "kube-node-lease", name: "node-2" }),
      "can only access node lease with the same name as the requesting node",
    ],
    [
      "a claim used only on another node",
      ask("get", "persistentvolumeclaims", { name: "www-db-1" }),
      "no relationship found between node 'node-1' and this object",
    ],
    ["deployments", ask("create", "deployments"), ""],
  ])("refuses a kubelet %s, and RBAC grants it nothing either", (_what, attrs, reason) => {
    expect(authorizeRequest(RBAC_POLICY, PODS, kubelet1, attrs)).toEqual({ allowed: false, reason });
  });

  it("is the only thing that lets kubelets in: kubeadm's RBAC policy binds nothing to system:nodes", () => {
    const subjects = RBAC_POLICY.bindings.flatMap((b) => b.subjects.map((s) => s.name));
    expect(subjects).not.toContain("system:nodes");
    expect(authorize(RBAC_POLICY, kubelet1, ask("patch", "pods", { subresource: "status", name: "a" }))).toEqual({
      allowed: false,
    });
  });

  it("has no opinion on other users, so RBAC decides and says so", () => {
    expect(authorizeRequest(RBAC_POLICY, PODS, admin, ask("create", "deployments")).reason).toBe(
      'RBAC: allowed by binding "kubeadm:cluster-admins" of role "cluster-admin"',
    );
  });

  it("words the 403 as responsewriters.Forbidden does, with the Node authorizer's reason", () => {
    const attrs = ask("get", "pods", { name: "b" });
    expect(forbidden(kubelet1.name, attrs, authorizeRequest(RBAC_POLICY, PODS, kubelet1, attrs).reason).message).toBe(
      `pods "b" is forbidden: User "system:node:node-1" cannot get resource "pods" in API group "" in ` +
        `the namespace "default": no relationship found between node 'node-1' and this object`,
    );
  });

  it("lets every kubelet of a kubeadm cluster register, heartbeat and run its pods", () => {
    const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 2 }, 11)
      .runUntil(
        (x) => x.events("leader-election.acquired").length >= 2 && x.events("node.registered").length >= 3,
        20_000,
      )
      .kubectl("apply", { name: "web", replicas: 2 })
      .runUntil((x) => x.events("pod.running").length >= 2, 30_000);
    const leases = rangePrefix(h.etcd("etcd-1").store, "/registry/leases/kube-node-lease/").map((kv) => kv.key);
    expect(leases).toEqual([
      "/registry/leases/kube-node-lease/cp-1",
      "/registry/leases/kube-node-lease/node-1",
      "/registry/leases/kube-node-lease/node-2",
    ]);
    expect(new Set(h.events("pod.running").map((e) => e.node))).toEqual(new Set(["node-1", "node-2"]));
  });
});

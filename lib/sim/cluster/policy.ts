// Bootstrap identities and RBAC policy of a kubeadm-style cluster: bearer tokens stand in for the
// client certificates in admin.conf, controller-manager.conf, scheduler.conf and kubelet.conf.
// Kubelets (group system:nodes) get no RBAC binding: since 1.8 the bootstrap ClusterRoleBinding
// system:node has no subjects (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go) and
// kubeadm adds none, so they are served by the Node authorizer (apiserver/node-authorizer.ts).
import type { TokenTable } from "../apiserver/authn";
import type { PolicyRule, RbacPolicy } from "../apiserver/rbac";

const read = ["get", "list", "watch"];

function rule(verbs: string[], apiGroups: string[], resources: string[]): PolicyRule {
  return { verbs, apiGroups, resources };
}

export function tokensFor(nodes: string[]): TokenTable {
  const t: TokenTable = {
    "admin-token": { name: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] },
    "jane-token": { name: "jane", groups: ["developers", "system:authenticated"] },
    "kcm-token": { name: "system:kube-controller-manager", groups: ["system:authenticated"] },
    "scheduler-token": { name: "system:kube-scheduler", groups: ["system:authenticated"] },
    "kube-proxy-token": { name: "system:serviceaccount:kube-system:kube-proxy", groups: ["system:serviceaccounts", "system:authenticated"] },
    "web-token": { name: "system:serviceaccount:default:web", groups: ["system:serviceaccounts", "system:authenticated"] },
  };
  for (const n of nodes) t[`kubelet-${n}-token`] = { name: `system:node:${n}`, groups: ["system:nodes", "system:authenticated"] };
  return t;
}

export const RBAC_POLICY: RbacPolicy = {
  roles: {
    "cluster-admin": [rule(["*"], ["*"], ["*"])],
    view: [rule(read, ["", "apps", "discovery.k8s.io"], ["pods", "deployments", "replicasets", "statefulsets", "services", "endpointslices", "persistentvolumeclaims"])],
    "pod-reader": [rule(read, [""], ["pods"])],
    "system:kube-controller-manager": [
      rule(["get", "create", "update", "list", "watch"], ["coordination.k8s.io"], ["leases"]),
      rule(["*"], [""], ["pods", "pods/status"]),
      rule([...read, "patch", "update"], [""], ["nodes", "nodes/status"]),
      rule(["*"], ["apps"], ["replicasets", "deployments", "statefulsets"]),
      rule(["*"], [""], ["persistentvolumeclaims"]),
      rule(read, [""], ["services"]),
      rule(["*"], ["discovery.k8s.io"], ["endpointslices"]),
    ],
    "system:node-proxier": [rule(read, ["", "discovery.k8s.io"], ["services", "endpointslices", "nodes"])],
    "system:kube-scheduler": [
      rule(["get", "create", "update"], ["coordination.k8s.io"], ["leases"]),
      rule(read, [""], ["pods", "nodes", "services"]),
      rule(read, ["apps"], ["replicasets", "statefulsets"]),
      rule(["create"], [""], ["pods/binding"]),
    ],
  },
  bindings: [
    { name: "kubeadm:cluster-admins", role: "cluster-admin", subjects: [{ kind: "Group", name: "kubeadm:cluster-admins" }], namespace: null },
    { name: "developers-view", role: "view", subjects: [{ kind: "Group", name: "developers" }], namespace: "default" },
    { name: "web-pod-reader", role: "pod-reader", subjects: [{ kind: "User", name: "system:serviceaccount:default:web" }], namespace: "default" },
    { name: "system:kube-controller-manager", role: "system:kube-controller-manager", subjects: [{ kind: "User", name: "system:kube-controller-manager" }], namespace: null },
    { name: "system:kube-scheduler", role: "system:kube-scheduler", subjects: [{ kind: "User", name: "system:kube-scheduler" }], namespace: null },
    { name: "system:node-proxier", role: "system:node-proxier", subjects: [{ kind: "User", name: "system:serviceaccount:kube-system:kube-proxy" }], namespace: null },
  ],
};

// Bootstrap identities and RBAC policy of a kubeadm-style cluster. kubeadm's kubeconfigs carry
// client certificates signed by the cluster CA (kubernetes/kubeadm, phases/kubeconfig): admin.conf
// CN=kubernetes-admin, O=kubeadm:cluster-admins (bound to cluster-admin since v1.29, KEP-4214),
// super-admin.conf O=system:masters (the break-glass group no authorizer is asked about),
// controller-manager.conf and scheduler.conf their system: users, kubelet.conf
// CN=system:node:<node>, O=system:nodes. In-cluster clients use service-account tokens.
// Kubelets (group system:nodes) get no RBAC binding: since 1.8 the bootstrap ClusterRoleBinding
// system:node has no subjects (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go) and
// kubeadm adds none, so they are served by the Node authorizer (apiserver/node-authorizer.ts).
import { clientCert, type AuthnConfig, type Credential, type UserInfo } from "../apiserver/authn";
import type { PolicyRule, RbacPolicy } from "../apiserver/rbac";

const read = ["get", "list", "watch"];

function rule(verbs: string[], apiGroups: string[], resources: string[]): PolicyRule {
  return { verbs, apiGroups, resources };
}

/**
 * A service account's user as the token authenticator reports it (k8s.io/apiserver
 * pkg/authentication/serviceaccount/util.go, MakeUsername and MakeGroupNames).
 */
function serviceAccountUser(namespace: string, name: string): UserInfo {
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`],
  };
}

/** A binding of `role` to one user: a RoleBinding in `namespace`, else a ClusterRoleBinding. */
function userBinding(name: string, role: string, user: string, namespace: string | null = null) {
  return { name, role, subjects: [{ kind: "User" as const, name: user }], namespace };
}

/**
 * The CA kubeadm creates (/etc/kubernetes/pki/ca.crt, CN=kubernetes), which is also the API server's --client-ca-file.
 */
const CLUSTER_CA = "kubernetes";

export const CREDENTIALS = {
  admin: clientCert("kubernetes-admin", ["kubeadm:cluster-admins"], CLUSTER_CA),
  superAdmin: clientCert("kubernetes-super-admin", ["system:masters"], CLUSTER_CA),
  controllerManager: clientCert("system:kube-controller-manager", [], CLUSTER_CA),
  scheduler: clientCert("system:kube-scheduler", [], CLUSTER_CA),
  /** A developer with a token from a static token file (or an OIDC provider's ID token). */
  jane: { kind: "bearer", token: "jane-token" },
  kubeProxy: { kind: "bearer", token: "kube-proxy-token" },
  web: { kind: "bearer", token: "web-token" },
  cniAgent: { kind: "bearer", token: "cni-agent-token" },
  coreDns: { kind: "bearer", token: "coredns-token" },
  netClient: { kind: "bearer", token: "net-client-token" },
  /** The cluster-autoscaler Deployment's service-account token (kube-system/cluster-autoscaler). */
  clusterAutoscaler: { kind: "bearer", token: "cluster-autoscaler-token" },
  /** webapp-operator's service account token (kube-system:webapp-operator). */
  operator: { kind: "bearer", token: "webapp-operator-token" },
} satisfies Record<string, Credential>;

/** kubelet.conf of `node`: its client certificate (rotated by the kubelet, same subject). */
export function kubeletCredential(node: string): Credential {
  return clientCert(`system:node:${node}`, ["system:nodes"], CLUSTER_CA);
}

/** The API server's authenticators: the cluster CA for certificates, and the bearer tokens it knows. */
export const AUTHN: AuthnConfig = {
  clientCa: CLUSTER_CA,
  tokens: {
    "jane-token": { name: "jane", groups: ["developers"] },
    "kube-proxy-token": serviceAccountUser("kube-system", "kube-proxy"),
    "web-token": serviceAccountUser("default", "web"),
    "cni-agent-token": serviceAccountUser("kube-system", "cni-agent"),
    "coredns-token": serviceAccountUser("kube-system", "coredns"),
    "net-client-token": serviceAccountUser("default", "net-client"),
    "cluster-autoscaler-token": serviceAccountUser("kube-system", "cluster-autoscaler"),
    "webapp-operator-token": serviceAccountUser("kube-system", "webapp-operator"),
  },
};

export const RBAC_POLICY: RbacPolicy = {
  roles: {
    "cluster-admin": [rule(["*"], ["*"], ["*"])],
    view: [
      rule(
        read,
        ["", "apps", "discovery.k8s.io"],
        ["pods", "deployments", "replicasets", "statefulsets", "services", "endpointslices", "persistentvolumeclaims"],
      ),
    ],
    "pod-reader": [rule(read, [""], ["pods"])],
    "system:kube-controller-manager": [
      rule(["get", "create", "update", "list", "watch"], ["coordination.k8s.io"], ["leases"]),
      rule(["*"], [""], ["pods", "pods/status"]),
      rule([...read, "patch", "update"], [""], ["nodes", "nodes/status"]),
      rule(["*"], ["apps"], ["replicasets", "deployments", "deployments/status", "statefulsets"]),
      rule(["*"], [""], ["persistentvolumeclaims"]),
      rule(read, [""], ["services"]),
      rule(["*"], ["discovery.k8s.io"], ["endpointslices"]),
      rule([...read, "update"], ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
      rule(["*"], ["batch"], ["jobs", "jobs/status", "cronjobs", "cronjobs/status"]),
      // horizontal-pod-autoscaler's ClusterRole (bootstrappolicy controller_policy.go): HPAs and their status.
      rule([...read, "update"], ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
      // The garbage collector's ClusterRole is get/list/watch/patch/update/delete on everything (controller_policy.go);
      // here the custom resource too.
      rule(["*"], ["example.com"], ["webapps"]),
    ],
    // The operator's ClusterRole (what kubebuilder's RBAC markers generate): its kind, and the Deployments it owns.
    "webapp-operator": [
      rule(["get", "create", "update", "list", "watch"], ["coordination.k8s.io"], ["leases"]),
      rule([...read, "update", "patch"], ["example.com"], ["webapps", "webapps/status", "webapps/finalizers"]),
      rule(["*"], ["apps"], ["deployments"]),
    ],
    // A CNI policy agent's ClusterRole (e.g. calico-node): read pods and NetworkPolicies everywhere.
    "cni-agent": [rule(read, [""], ["pods"]), rule(read, ["networking.k8s.io"], ["networkpolicies"])],
    // kubeadm's system:coredns ClusterRole: the kubernetes plugin lists and watches Services (and endpoints,
    // namespaces).
    "system:coredns": [rule(read, [""], ["services", "pods"]), rule(read, ["discovery.k8s.io"], ["endpointslices"])],
    "system:node-proxier": [rule(read, ["", "discovery.k8s.io"], ["services", "endpointslices", "nodes"])],
    "system:kube-scheduler": [
      rule(["get", "create", "update"], ["coordination.k8s.io"], ["leases"]),
      rule(read, [""], ["pods", "nodes", "services"]),
      rule(read, ["apps"], ["replicasets", "statefulsets"]),
      rule(["create"], [""], ["pods/binding"]),
      // bootstrappolicy policy.go: the scheduler records PodScheduled=False on pods it cannot place.
      rule(["patch", "update"], [""], ["pods/status"]),
    ],
    // The ClusterRole of the cluster-autoscaler chart (charts/cluster-autoscaler/templates/clusterrole.yaml), reduced
    // to what the simulated one calls.
    "cluster-autoscaler": [
      rule([...read, "update", "patch", "delete"], [""], ["nodes"]),
      rule(read, [""], ["pods"]),
      rule(["create"], [""], ["pods/eviction"]),
      rule(read, ["apps"], ["replicasets", "statefulsets"]),
      rule(read, ["policy"], ["poddisruptionbudgets"]),
    ],
  },
  bindings: [
    {
      name: "kubeadm:cluster-admins",
      role: "cluster-admin",
      subjects: [{ kind: "Group", name: "kubeadm:cluster-admins" }],
      namespace: null,
    },
    { name: "developers-view", role: "view", subjects: [{ kind: "Group", name: "developers" }], namespace: "default" },
    userBinding("web-pod-reader", "pod-reader", "system:serviceaccount:default:web", "default"),
    userBinding("system:kube-controller-manager", "system:kube-controller-manager", "system:kube-controller-manager"),
    userBinding("system:kube-scheduler", "system:kube-scheduler", "system:kube-scheduler"),
    userBinding("cni-agent", "cni-agent", "system:serviceaccount:kube-system:cni-agent"),
    userBinding("system:coredns", "system:coredns", "system:serviceaccount:kube-system:coredns"),
    userBinding("net-client-pod-reader", "pod-reader", "system:serviceaccount:default:net-client"),
    userBinding("cluster-autoscaler", "cluster-autoscaler", "system:serviceaccount:kube-system:cluster-autoscaler"),
    userBinding("webapp-operator", "webapp-operator", "system:serviceaccount:kube-system:webapp-operator"),
    userBinding("system:node-proxier", "system:node-proxier", "system:serviceaccount:kube-system:kube-proxy"),
  ],
};

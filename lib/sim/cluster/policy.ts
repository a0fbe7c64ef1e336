// Bootstrap identities and RBAC policy of a kubeadm-style cluster. kubeadm's kubeconfigs carry
// client certificates signed by the cluster CA (kubernetes/kubeadm, phases/kubeconfig): admin.conf
// CN=kubernetes-admin, O=kubeadm:cluster-admins (bound to cluster-admin since v1.29, KEP-4214),
// super-admin.conf O=system:masters (the break-glass group no authorizer is asked about),
// controller-manager.conf and scheduler.conf their system: users, kubelet.conf
// CN=system:node:<node>, O=system:nodes. In-cluster clients use service-account tokens.
// Kubelets (group system:nodes) get no RBAC binding: since 1.8 the bootstrap ClusterRoleBinding
// system:node has no subjects (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go) and
// kubeadm adds none, so they are served by the Node authorizer (apiserver/node-authorizer.ts).
import { clientCert, type AuthnConfig, type Credential } from "../apiserver/authn";
import type { PolicyRule, RbacPolicy } from "../apiserver/rbac";

const read = ["get", "list", "watch"];

function rule(verbs: string[], apiGroups: string[], resources: string[]): PolicyRule {
  return { verbs, apiGroups, resources };
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
    "kube-proxy-token": {
      name: "system:serviceaccount:kube-system:kube-proxy",
      groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system"],
    },
    "web-token": {
      name: "system:serviceaccount:default:web",
      groups: ["system:serviceaccounts", "system:serviceaccounts:default"],
    },
    "cni-agent-token": {
      name: "system:serviceaccount:kube-system:cni-agent",
      groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system"],
    },
    "coredns-token": {
      name: "system:serviceaccount:kube-system:coredns",
      groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system"],
    },
    "net-client-token": {
      name: "system:serviceaccount:default:net-client",
      groups: ["system:serviceaccounts", "system:serviceaccounts:default"],
    },
    "cluster-autoscaler-token": {
      name: "system:serviceaccount:kube-system:cluster-autoscaler",
      groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system"],
    },
    "webapp-operator-token": {
      name: "system:serviceaccount:kube-system:webapp-operator",
      groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system"],
    },
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
    {
      name: "web-pod-reader",
      role: "pod-reader",
      subjects: [{ kind: "User", name: "system:serviceaccount:default:web" }],
      namespace: "default",
    },
    {
      name: "system:kube-controller-manager",
      role: "system:kube-controller-manager",
      subjects: [{ kind: "User", name: "system:kube-controller-manager" }],
      namespace: null,
    },
    {
      name: "system:kube-scheduler",
      role: "system:kube-scheduler",
      subjects: [{ kind: "User", name: "system:kube-scheduler" }],
      namespace: null,
    },
    {
      name: "cni-agent",
      role: "cni-agent",
      subjects: [{ kind: "User", name: "system:serviceaccount:kube-system:cni-agent" }],
      namespace: null,
    },
    {
      name: "system:coredns",
      role: "system:coredns",
      subjects: [{ kind: "User", name: "system:serviceaccount:kube-system:coredns" }],
      namespace: null,
    },
    {
      name: "net-client-pod-reader",
      role: "pod-reader",
      subjects: [{ kind: "User", name: "system:serviceaccount:default:net-client" }],
      namespace: null,
    },
    {
      name: "cluster-autoscaler",
      role: "cluster-autoscaler",
      subjects: [{ kind: "User", name: "system:serviceaccount:kube-system:cluster-autoscaler" }],
      namespace: null,
    },
    {
      name: "webapp-operator",
      role: "webapp-operator",
      subjects: [{ kind: "User", name: "system:serviceaccount:kube-system:webapp-operator" }],
      namespace: null,
    },
    {
      name: "system:node-proxier",
      role: "system:node-proxier",
      subjects: [{ kind: "User", name: "system:serviceaccount:kube-system:kube-proxy" }],
      namespace: null,
    },
  ],
};

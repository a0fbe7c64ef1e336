// Event-log filters: which part of the cluster reported an event.

export const componentGroups = [
  { id: "etcd", label: "etcd" },
  { id: "apiserver", label: "API servers" },
  { id: "controllers", label: "Controllers" },
  { id: "scheduler", label: "Scheduler" },
  { id: "nodes", label: "Nodes & kubelets" },
  { id: "clients", label: "kubectl & clients" },
  { id: "infra", label: "Network & load balancer" },
] as const;

export type ComponentGroup = (typeof componentGroups)[number]["id"];

export function groupOf(component: string): ComponentGroup {
  if (component === "etcdctl") return "clients"; // the admin's etcdctl, not a member
  if (component.startsWith("kubeadm/")) return "clients"; // the admin's kubeadm on a control-plane node
  if (component.startsWith("etcd")) return "etcd";
  if (component.startsWith("kube-apiserver")) return "apiserver";
  if (component.startsWith("kube-controller-manager")) return "controllers";
  if (component.startsWith("kube-scheduler")) return "scheduler";
  if (
    component.startsWith("kubelet") ||
    component.startsWith("containerd") ||
    component.startsWith("node") ||
    component.startsWith("cp-")
  )
    return "nodes";
  if (component === "kubectl" || component === "web-client" || component === "load-generator") return "clients";
  if (component === "metrics-server" || component === "cluster-autoscaler" || component === "webapp-operator")
    return "controllers";
  if (component.startsWith("net-client/")) return "clients";
  if (component.startsWith("cni-agent/") || component === "coredns") return "nodes";
  return "infra";
}

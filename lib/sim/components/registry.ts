// Component handlers by Proc.kind. Adding a component (kube-proxy, workload controllers as
// separate processes, ...) means writing its handler and listing it here; the core is unchanged.
import { fail } from "../core/assert";
import type { AnyComponent } from "../core/component";
import { kubeApiServer } from "../apiserver/apiserver";
import { etcdMember } from "../etcd/member";
import { containerd } from "./containerd";
import { kubeControllerManager } from "./controller-manager/controller-manager";
import { etcdLoad } from "./etcd-load";
import { etcdctl } from "./etcdctl";
import { kubeProxy } from "./kube-proxy/kube-proxy";
import { kubeScheduler } from "./kube-scheduler/kube-scheduler";
import { kubeadm } from "./kubeadm";
import { kubectl } from "./kubectl";
import { kubelet } from "./kubelet/kubelet";
import { loadBalancer } from "./load-balancer";
import { loadGenerator } from "./load-generator";
import { metricsServer } from "./metrics-server/metrics-server";
import { webClient } from "./web-client";
import { cniAgent } from "./cni/cni-agent";
import { coreDns } from "./cni/coredns";
import { netClient } from "./cni/net-client";
import { clusterAutoscaler } from "./cluster-autoscaler/cluster-autoscaler";
import { cloudProvider } from "./cluster-autoscaler/cloud-provider";
import { webappOperator } from "./operator/operator";

const COMPONENTS: Record<string, AnyComponent> = Object.fromEntries(
  [
    etcdMember,
    kubeApiServer,
    kubeControllerManager,
    kubeScheduler,
    kubelet,
    containerd,
    loadBalancer,
    kubectl,
    webClient,
    etcdLoad,
    kubeProxy,
    etcdctl,
    metricsServer,
    loadGenerator,
    cniAgent,
    coreDns,
    netClient,
    clusterAutoscaler,
    cloudProvider,
    webappOperator,
    kubeadm,
  ].map((c) => [c.kind, c as AnyComponent]),
);

export function componentFor(kind: string): AnyComponent {
  const c = COMPONENTS[kind];
  if (c === undefined) fail(`no component handler for kind ${kind}`);
  return c;
}

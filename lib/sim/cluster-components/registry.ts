// What the engine core dispatches to, installed when this module loads (core/extensions.ts): the
// component handlers by Proc.kind, which messages open a connection, the target selectors and the
// actions on a host's disk. Adding a component (kube-proxy, workload controllers as separate processes,
// ...) means writing its handler and listing it here; the core is unchanged.
import { installExtensions } from "../core/extensions";
import { kubeApiServer } from "../apiserver/apiserver";
import { etcdMember } from "../etcd/member";
import { applyDiskLoss, applyRestore } from "../etcd/restore";
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
import { resolveHost, resolveTarget } from "./selectors";

installExtensions({
  components: [
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
  ],
  // Requests and new connections; responses, watch events and stream frames are lost with the process.
  connectionOpeners: {
    etcd: (m) =>
      m.kind === "connect" || m.kind === "range" || m.kind === "txn" || m.kind === "watch" || m.kind === "snapshot",
    http: (m) => m.kind === "request",
    cri: (m) => m.kind === "cri-request",
    app: (m) => m.kind === "app-request",
    metrics: (m) => m.kind === "scrape",
  },
  resolveTarget,
  resolveHost,
  diskActions: {
    "wipe-disk": (d, action, out) => applyDiskLoss(d, action.host, out),
    "etcd-restore": applyRestore,
  },
});

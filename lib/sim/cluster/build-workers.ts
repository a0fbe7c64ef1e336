// A worker node: a kubelet and containerd (and a kube-proxy when the worker's spec names a mode),
// talking to the API through the load balancer when there is one.
import type { ContainerdConfig } from "../cluster-components/containerd";
import type { KubeProxyConfig } from "../cluster-components/kube-proxy/kube-proxy";
import type { KubeletConfig } from "../cluster-components/kubelet/types";
import { add, proc, type Layout } from "./layout";
import { CREDENTIALS, kubeletCredential } from "./policy";
import { DEFAULT_ALLOCATABLE } from "./spec";
import { kubeletTiming } from "./timing";

/** Worker `i` (0-based) is node-(i+1), in zone-a, zone-b, … round-robin over the spec's zones. */
export function addWorker(l: Layout, i: number): void {
  const node = `node-${i + 1}`;
  const zone = `zone-${String.fromCharCode(97 + (i % l.spec.zones))}`;
  const w = l.spec.workerSpecs?.[i] ?? {};
  l.runtimes[node] = `containerd/${node}`;
  if (w.kubeProxy !== undefined) {
    const kp: KubeProxyConfig = {
      api: { server: l.apiEndpoint, credential: CREDENTIALS.kubeProxy },
      node,
      mode: w.kubeProxy,
      minSyncMs: 1000,
    };
    add(l, proc(`kube-proxy/${node}`, "kube-proxy", node, null, kp), zone);
  }
  const k: KubeletConfig = {
    node,
    zone,
    api: { server: l.apiEndpoint, credential: kubeletCredential(node) },
    runtime: `containerd/${node}`,
    staticPods: [],
    probeTarget: null,
    allocatable: w.allocatable ?? DEFAULT_ALLOCATABLE,
    registerTaints: w.taints ?? [],
    labels: w.labels ?? {},
    podCidr: 100 + i + 1,
    timing: kubeletTiming(l.t),
    ...(l.spec.kubeletVersion === undefined ? {} : { version: l.spec.kubeletVersion }),
  };
  add(l, proc(`kubelet/${node}`, "kubelet", node, null, k), zone);
  const t = l.t;
  const c: ContainerdConfig = {
    kubelet: `kubelet/${node}`,
    timing: t.containerd,
    preloadedImages: [],
    crashingImages: t.crashingImages,
  };
  add(l, proc(`containerd/${node}`, "containerd", node, null, c), zone);
}

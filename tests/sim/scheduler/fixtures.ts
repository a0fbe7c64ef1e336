// Builders in the spirit of upstream's st.MakeNode()/st.MakePod() (pkg/scheduler/testing/wrappers.go).
import type { Node, Pod } from "@/lib/sim/k8s/types";
import { defaultSchedulerConfig } from "@/lib/sim/scheduler/config/build-config";
import { newPodInfo, type PodInfo } from "@/lib/sim/scheduler/pod-info";
import { buildSnapshot, type Snapshot } from "@/lib/sim/scheduler/snapshot";
import type { Profile } from "@/lib/sim/scheduler/types";

export function makeNode(name: string, allocatable: Record<string, string>, extra: Partial<Node> = {}): Node {
  return {
    name,
    labels: { "kubernetes.io/hostname": name },
    taints: [],
    unschedulable: false,
    allocatable: { pods: "110", ...allocatable },
    images: [],
    ...extra,
  };
}

export function makePod(name: string, requests: Record<string, string>[] = [], extra: Partial<Pod> = {}): Pod {
  return {
    name,
    namespace: "default",
    labels: {},
    ownerReferences: [],
    terminating: false,
    terminal: false,
    nodeName: null,
    schedulerName: "default-scheduler",
    priority: 0,
    preemptionPolicy: "PreemptLowerPriority",
    containers: (requests.length ? requests : [{}]).map((r, i) => ({
      name: `c${i}`,
      image: "app:1",
      requests: r,
      restartPolicy: null,
      hostPorts: [],
    })),
    initContainers: [],
    overhead: {},
    nodeSelector: null,
    affinity: null,
    tolerations: [],
    topologySpreadConstraints: [],
    ...extra,
  };
}

export function on(node: string, pod: Pod): Pod {
  return { ...pod, nodeName: node };
}

export function snapshotOf(nodes: Node[], pods: Pod[] = []): Snapshot {
  return buildSnapshot(nodes, pods.map(newPodInfo)).snapshot;
}

export function defaultProfile(): Profile {
  const profile = defaultSchedulerConfig().profiles[0];
  if (!profile) throw new Error("no default profile");
  return profile;
}

export function info(pod: Pod): PodInfo {
  return newPodInfo(pod);
}

export const first = () => 0;

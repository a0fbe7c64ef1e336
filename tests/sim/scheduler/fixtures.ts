// Builders in the spirit of upstream's st.MakeNode()/st.MakePod() (pkg/scheduler/testing/wrappers.go).
import type { ContainerImage, Node, Pod, Taint } from "@/lib/sim/objects/core";
import type { ObjectMeta, OwnerRef } from "@/lib/sim/objects/meta";
import { toResourceList } from "@/lib/sim/manifests/schema-primitives";
import { defaultSchedulerConfig } from "@/lib/sim/scheduler-framework/config/build-config";
import { newPodInfo, type PodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import { buildSnapshot, type Snapshot } from "@/lib/sim/scheduler-framework/snapshot";
import type { Profile } from "@/lib/sim/scheduler-framework/types";

function metaOf(
  name: string,
  namespace: string | null,
  labels: Record<string, string>,
  owners: OwnerRef[],
): ObjectMeta {
  const meta = { uid: "", resourceVersion: "", creationTimestamp: 0, deletionTimestamp: null };
  return { name, namespace, labels, ownerReferences: owners, ...meta };
}

type NodeOptions = {
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: ContainerImage[];
};

export function makeNode(name: string, allocatable: Record<string, string>, options: NodeOptions = {}): Node {
  const quantities = { pods: "110", ...allocatable };
  return {
    kind: "Node",
    apiVersion: "v1",
    metadata: metaOf(name, null, options.labels ?? { "kubernetes.io/hostname": name }, []),
    spec: { taints: options.taints ?? [], unschedulable: options.unschedulable ?? false },
    status: {
      conditions: [],
      allocatable: { ...toResourceList(quantities), pods: Number(quantities.pods) },
      lastHeartbeatTime: 0,
      images: options.images ?? [],
    },
  };
}

type PodOptions = { labels?: Record<string, string>; ownerReferences?: OwnerRef[] } & Partial<
  Omit<Pod["spec"], "containers">
>;

export function makePod(name: string, requests: Record<string, string>[] = [], options: PodOptions = {}): Pod {
  const { labels = {}, ownerReferences = [], ...spec } = options;
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: metaOf(name, "default", labels, ownerReferences),
    spec: {
      nodeName: null,
      containers: (requests.length ? requests : [{}]).map((r, i) => ({
        name: `c${i}`,
        image: "app:1",
        requests: toResourceList(r),
      })),
      tolerations: [],
      serviceAccountName: "default",
      schedulerName: "default-scheduler",
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      ...spec,
    },
    status: { phase: "Pending", conditions: [], podIP: null },
  };
}

export function on(node: string, pod: Pod): Pod {
  return { ...pod, spec: { ...pod.spec, nodeName: node } };
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

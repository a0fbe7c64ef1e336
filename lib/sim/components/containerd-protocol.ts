// The container runtime interface between a kubelet and its node's runtime (CRI, reduced to whole
// pods), and the application traffic that reaches running pods.

/** A pod sandbox as the runtime reports it. */
export type RuntimePod = { uid: string; name: string; namespace: string; ip: string; state: "starting" | "running" | "stopped" };

export type CriMsg =
  | { p: "cri"; kind: "cri-request"; id: string; op: "run-pod"; uid: string; name: string; namespace: string; ip: string }
  | { p: "cri"; kind: "cri-request"; id: string; op: "stop-pod"; uid: string }
  | { p: "cri"; kind: "cri-request"; id: string; op: "list" }
  | { p: "cri"; kind: "cri-response"; id: string; pods: RuntimePod[] }
  /** Evented PLEG: the runtime tells the kubelet when a pod's containers change state. */
  | { p: "cri"; kind: "cri-event"; pod: RuntimePod };

/** A request from a client of the application to one pod IP (after kube-proxy-style routing). */
export type AppMsg =
  | { p: "app"; kind: "app-request"; id: string; ip: string }
  | { p: "app"; kind: "app-response"; id: string; ip: string; status: number };

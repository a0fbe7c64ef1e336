// What the replay shows at one moment (a View), folded from a trace's events by fold.ts and
// workloads.ts, and the checkpoints the player keeps of it. Types and one shared helper only,
// so both folds depend on this file and not on each other.

export type ProcView = {
  kind: string;
  host: string;
  up: boolean;
  /** etcd: Raft role and term; null for other kinds or while down. */
  role: "leader" | "follower" | "candidate" | "pre-candidate" | null;
  term: number | null;
  /** etcd leader: last entry it reported committed. */
  commitIndex: number | null;
  /** kube-controller-manager / kube-scheduler: holds its Lease. */
  leading: boolean;
};

export type NodeView = { ready: "True" | "False" | "Unknown"; taints: string[] };
export type PodView = {
  node: string | null;
  /** Succeeded and Failed: a run-to-completion pod (a Job's) that finished and is kept. */
  phase: "Pending" | "Running" | "Terminating" | "Succeeded" | "Failed";
  ready: boolean;
  /** From the sandbox (CNI) on; null before. */
  ip: string | null;
  restarts: number;
  /** Why it waits: the scheduler's FitError while Pending, "CrashLoopBackOff" between restarts. */
  reason: string | null;
};

export type View = {
  t: number;
  /** The last event folded in, or -1 for the initial view. */
  seq: number;
  hosts: Record<string, { up: boolean; zone: string }>;
  procs: Record<string, ProcView>;
  nodes: Record<string, NodeView>;
  pods: Record<string, PodView>;
  /** Load-balancer backends and whether they receive traffic. */
  backends: Record<string, boolean>;
  partitions: string[];
  traffic: { ok: number; failed: number } | null;
  /** Workload state; see workloads.ts. */
  replicasets: Record<string, ReplicaSetView>;
  services: Record<string, ServiceView>;
  pvcs: string[];
  proxies: Record<string, ProxyView>;
  /** The latest API server handler-chain stage of the request-flow trace, if any. */
  request: RequestView | null;
  /**
   * What the HPA controller last computed (the hpa scenario only; absent elsewhere, so other traces keep their bytes).
   */
  hpa?: HpaView;
};

export type ReplicaSetView = { replicas: number; revision: number | null; deployment: string | null };
/**
 * `terminating`: endpoints kept with ready=false while their pods terminate (`pod=ip`, ` serving` while still Ready).
 */
type ServiceView = {
  ready: number;
  notReady: number;
  endpoints: string[];
  terminating: string[];
  records: string[];
};
type ProxyView = {
  mode: string;
  refused: boolean;
  rules: number;
  hashEntries: number;
  services: number;
  endpoints: number;
  path: string[];
};
export type RequestView = { request: string; stage: string; user: string };
/**
 * The HPA's last sync: replicas, what it wants, utilization (null without metrics) against its target, and how it
 * grouped the pods.
 */
export type HpaView = {
  name: string;
  replicas: number;
  desired: number;
  utilization: number | null;
  target: number;
  ready: number;
  unready: number;
  missing: number;
};

/** The view after event `seq`, kept so that a seek folds at most CHECKPOINT_EVERY events. */
export type Checkpoint = { seq: number; t: number; view: View };

export function withPod(v: View, name: string, patch: Partial<PodView>): View {
  const p = v.pods[name] ?? {
    node: null,
    phase: "Pending" as const,
    ready: false,
    ip: null,
    restarts: 0,
    reason: null,
  };
  return { ...v, pods: { ...v.pods, [name]: { ...p, ...patch } } };
}

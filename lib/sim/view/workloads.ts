// The replay view of workloads: pod lifecycle details, ReplicaSets and their revisions,
// Services with their EndpointSlice contents and DNS records, PVCs, kube-proxy's programmed rules,
// and the request-flow stage. Folded from trace events only, like the rest of fold.ts. Pure.
import { withPod, type HpaView, type ReplicaSetView, type View } from "./types";
import type { TraceEvent } from "../trace/types";

function str(e: TraceEvent, key: string): string {
  const v = e[key];
  return typeof v === "string" ? v : "";
}

function num(e: TraceEvent, key: string): number {
  const v = e[key];
  return typeof v === "number" ? v : 0;
}

function list(e: TraceEvent, key: string): string[] {
  const v = e[key];
  return Array.isArray(v) ? v : [];
}

function withRs(v: View, name: string, patch: Partial<ReplicaSetView>): View {
  const rs = v.replicasets[name] ?? { replicas: 0, revision: null, deployment: null };
  return { ...v, replicasets: { ...v.replicasets, [name]: { ...rs, ...patch } } };
}

type ProxyView = View["proxies"][string];

/** What a kube-proxy that refused its mode has programmed. */
const NOTHING_PROGRAMMED: Omit<ProxyView, "mode" | "refused"> = {
  rules: 0,
  hashEntries: 0,
  services: 0,
  endpoints: 0,
  path: [],
};

function withProxy(v: View, node: string, proxy: ProxyView): View {
  return { ...v, proxies: { ...v.proxies, [node]: proxy } };
}

function podEvent(v: View, e: TraceEvent): View | null {
  const pod = str(e, "pod");
  switch (e.type) {
    case "statefulset.pod-created":
    case "job.pod-created":
      return withPod(v, pod, {});
    case "pod.succeeded":
      return withPod(v, pod, { phase: "Succeeded", ready: false, reason: "Completed" });
    case "pod.failed":
      return withPod(v, pod, { phase: "Failed", ready: false, reason: "Error" });
    case "replicaset.pod-deleted":
    case "statefulset.pod-deleted":
    case "job.pod-deleted":
    case "gc.pod-deleted":
      return withPod(v, pod, { phase: "Terminating", ready: false });
    case "gc.dependent-deleted":
      // The operator scenario's garbage collector names what it deleted by kind and name.
      return e.kind === "Pod" ? withPod(v, str(e, "name"), { phase: "Terminating", ready: false }) : null;
    case "pod.unschedulable":
      return withPod(v, pod, { reason: str(e, "reason") });
    case "pod.sandbox-ready":
      return withPod(v, pod, { node: str(e, "node"), ip: str(e, "ip") });
    case "pod.container-started":
      return withPod(v, pod, { phase: v.pods[pod]?.phase === "Terminating" ? "Terminating" : "Running", reason: null });
    case "pod.ready-changed":
      return withPod(v, pod, {
        ready: e.ready === true,
        phase: v.pods[pod]?.phase === "Terminating" ? "Terminating" : "Running",
      });
    case "pod.container-exited":
      return withPod(v, pod, { ready: false, restarts: num(e, "restarts") });
    case "pod.back-off":
      return withPod(v, pod, { reason: "CrashLoopBackOff" });
    default:
      return null;
  }
}

function workloadEvent(v: View, e: TraceEvent): View | null {
  switch (e.type) {
    case "replicaset.created":
      return withRs(v, str(e, "replicaset"), {
        replicas: num(e, "replicas"),
        revision: num(e, "revision") || null,
        deployment: str(e, "deployment") || null,
      });
    case "replicaset.scaled":
      return withRs(v, str(e, "replicaset"), { replicas: num(e, "replicas") });
    case "deployment.revision":
      return withRs(v, str(e, "replicaset"), { revision: num(e, "revision") });
    case "replicaset.deleted": {
      const replicasets = { ...v.replicasets };
      delete replicasets[str(e, "replicaset")];
      return { ...v, replicasets };
    }
    case "endpointslice.updated":
      return {
        ...v,
        services: {
          ...v.services,
          [str(e, "service")]: {
            ready: num(e, "ready"),
            notReady: num(e, "notReady"),
            endpoints: list(e, "endpoints"),
            terminating: list(e, "terminating"),
            records: list(e, "records"),
          },
        },
      };
    case "pvc.created":
      return v.pvcs.includes(str(e, "pvc")) ? v : { ...v, pvcs: [...v.pvcs, str(e, "pvc")].sort() };
    case "kube-proxy.synced":
      return withProxy(v, str(e, "node"), {
        mode: str(e, "mode"),
        refused: false,
        rules: num(e, "rules"),
        hashEntries: num(e, "hashEntries"),
        services: num(e, "services"),
        endpoints: num(e, "endpoints"),
        path: list(e, "path"),
      });
    case "kube-proxy.mode-refused":
      return withProxy(v, str(e, "node"), { mode: str(e, "mode"), refused: true, ...NOTHING_PROGRAMMED });
    case "hpa.sync": {
      const noMetrics = e.path === "no-metrics";
      const hpa: HpaView = {
        name: str(e, "hpa"),
        replicas: num(e, "current"),
        desired: num(e, "desired"),
        utilization: noMetrics ? null : num(e, "utilization"),
        target: num(e, "target") || (v.hpa?.target ?? 0),
        ready: num(e, "ready"),
        unready: num(e, "unready"),
        missing: num(e, "missing"),
      };
      return { ...v, hpa };
    }
    case "hpa.rescaled":
      return v.hpa === undefined ? v : { ...v, hpa: { ...v.hpa, replicas: num(e, "to") } };
    case "api.stage":
      return { ...v, request: { request: str(e, "request"), stage: str(e, "stage"), user: str(e, "user") } };
    default:
      return null;
  }
}

/** Folds the workload events into a view (returns `view` for any other event). Pure. */
export function applyWorkloadEvent(view: View, e: TraceEvent): View {
  return podEvent(view, e) ?? workloadEvent(view, e) ?? view;
}

// metrics-server's two conversations: scraping a kubelet's resource metrics endpoint
// (GET /metrics/resource, served from the runtime's CRI stats) and answering the metrics.k8s.io
// PodMetrics list that the HPA controller sends.
import type { PodCpuStats } from "../containerd-protocol";

type MetricsMsg =
  | MetricsApiMsg
  | { p: "metrics"; kind: "scrape"; id: string }
  | { p: "metrics"; kind: "scrape-result"; id: string; node: string; stats: PodCpuStats[] };

/**
 * One pod's entry in a PodMetrics list (metrics.k8s.io/v1beta1): CPU in millicores averaged over
 * `windowMs` ending at `timestamp` (metrics-server's rate between two cumulative samples).
 */
export type PodMetric = { name: string; namespace: string; cpuMilli: number; timestamp: number; windowMs: number };

/** The PodMetrics list request and its answer (GET /apis/metrics.k8s.io/v1beta1/namespaces/<ns>/pods). */
type MetricsApiMsg =
  | { p: "metrics"; kind: "list"; id: string; namespace: string }
  | { p: "metrics"; kind: "list-result"; id: string; items: PodMetric[] };

/** These messages cross the simulated network (core/messages.ts). */
declare module "../../core/messages" {
  interface MessageProtocols {
    metrics: MetricsMsg;
  }
}

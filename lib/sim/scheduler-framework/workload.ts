// The Services and workload controllers the scheduler reads for default topology spreading, reduced to
// their selectors (pkg/scheduler/framework/plugins/helper/spread.go: DefaultSelector).
import type { LabelSelector } from "@/lib/sim/objects/labels";

/** A Service, ReplicaSet, StatefulSet or ReplicationController: only its selector matters here. */
export type Workload = {
  kind: "Service" | "ReplicaSet" | "StatefulSet" | "ReplicationController";
  namespace: string;
  name: string;
  /** Services and ReplicationControllers select with a plain map; apps/v1 workloads with a LabelSelector. */
  selector: LabelSelector | null;
};

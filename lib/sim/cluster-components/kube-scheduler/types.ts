// kube-scheduler's configuration and state. The scheduling queue is the framework's own
// (lib/sim/scheduler-framework/queue.ts): plain data, so it lives in the World like everything else.
import type { HttpClient, HttpClientConfig, HttpClientTimer } from "../../client/http-client";
import type { Informer, InformerTimer } from "../../client/informer";
import type { Elector, ElectorConfig, ElectorTimer } from "../../client/leader-election";
import type { Ms } from "../../core/types";
import type { SchedulingQueue } from "../../scheduler-framework/queue";
import type { LibraryTag } from "../../client/library-tag";

/**
 * A binding's context, carried with its request: the attempt count (a failed binding backs off from
 * where it was) and why the node was picked (traced once the binding lands).
 */
export type BindRequest = {
  op: "bind";
  key: string;
  node: string;
  attempts: number;
  feasible: number;
  total: number | null;
  scores: string[];
  tied: number;
  evaluated: number;
};

/**
 * A scheduler request's tag: a binding's context, the PodScheduled=False write's, or a client library's string (leader
 * election, informers).
 */
export type SchedulerTag = BindRequest | { op: "unschedulable-condition"; key: string } | LibraryTag;

export type SchedulerConfig = {
  api: HttpClientConfig;
  elector: ElectorConfig;
  backoffMs: Ms;
  backoffMaxMs: Ms;
  /**
   * Writes PodScheduled=False, reason Unschedulable, on a pod it cannot place (upstream always does:
   * pkg/scheduler/schedule_one.go handleSchedulingFailure → updatePod). Only the clusters that run a
   * cluster-autoscaler, which reads that condition, turn it on, so older traces keep their requests.
   */
  recordUnschedulable?: boolean;
};

export type SchedulerState = {
  http: HttpClient<SchedulerTag>;
  elector: Elector;
  informers: Readonly<Record<string, Informer>>;
  queue: SchedulingQueue;
  /** Pods bound by us that the informer does not show as bound yet (the scheduler cache's assumed pods). */
  assumed: Readonly<Record<string, string>>;
  /** The FitError last traced per pod, so a retry with the same outcome is not traced again. */
  reported: Readonly<Record<string, string>>;
  /** Where the next cycle's node search starts (nextStartNodeIndex, round-robin). */
  nextStart: number;
  /** When the queue's wake-up timer is armed for, if it is. */
  wakeAt: Ms | null;
};

export type SchedulerTimer = HttpClientTimer | InformerTimer | ElectorTimer | { lib?: undefined; t: "wake" };

/** Nodes and pods to schedule; services, ReplicaSets and StatefulSets for default spreading. */
export const SCHEDULER_INFORMERS = ["nodes", "pods", "replicasets", "services", "statefulsets"] as const;

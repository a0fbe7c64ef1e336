// kube-controller-manager: leader election plus the controllers this engine models (deployment,
// replicaset, statefulset, endpointslice, node lifecycle, taint eviction). Only the leader runs informers and
// controllers; a standby only polls the Lease.
import type { Elector, ElectorConfig, ElectorTimer } from "../../client/leader-election";
import type { HttpClient, HttpClientConfig, HttpClientTimer } from "../../client/http-client";
import type { Informer, InformerTimer } from "../../client/informer";
import type { Ms, ProcId } from "../../core/types";
import type { Resource } from "../../objects/resources";
import type { Recommendation, ScaleEvent } from "./hpa-math";
import type { KcmTag } from "./requests";

export type HpaConfig = {
  syncPeriodMs: Ms;
  metricsServer: ProcId;
  /** --horizontal-pod-autoscaler-downscale-stabilization, used when behavior.scaleDown names no window. */
  downscaleStabilizationMs: Ms;
  tolerance: number;
};

/** What the controller remembers per HPA between syncs (its recommendations and scale events maps). */
export type HpaMemory = {
  recommendations: Recommendation[];
  ups: ScaleEvent[];
  downs: ScaleEvent[];
  pending: string | null;
  pendingAt: Ms;
};

export type KcmConfig = {
  api: HttpClientConfig;
  elector: ElectorConfig;
  nodeMonitorPeriodMs: Ms;
  nodeMonitorGraceMs: Ms;
  /** One NoExecute taint per zone per interval (--node-eviction-rate 0.1). */
  evictionIntervalMs: Ms;
  unhealthyZoneThreshold: number;
  largeClusterSize: number;
  /** Run the disruption controller (pkg/controller/disruption) with a PodDisruptionBudget informer. */
  disruption?: boolean;
  /** batch/v1 is served: run the job and cronjob controllers (with their informers). */
  batch: boolean;
  /** The horizontal-pod-autoscaler controller, where the cluster runs metrics-server (absent elsewhere). */
  hpa?: HpaConfig;
  /**
   * --enable-garbage-collector (upstream default true): the garbage collector, with a WebApp informer
   * beside the built-in ones. Only the operator scenario's cluster runs it; the others run as with
   * the flag false, so their traces stay as they were.
   */
  garbageCollector?: boolean;
};

/**
 * The job controller's memory of a Job: pods already counted, the pod-failure back-off record (backoff_utils.go),
 * timers armed.
 */
export type JobTrack = {
  seen: Readonly<Record<string, true>>;
  failuresAfterLastSuccess: number;
  lastFailureTime: Ms | null;
  waitingUntil: Ms | null;
  deadlineAt?: Ms;
  ttlAt?: Ms;
};

/** The cronjob controller's memory of a CronJob: the next sync it queued, and the last missed slot it reported. */
export type CronTrack = { wakeAt: Ms | null; missedReported: Ms | null; forbidReported: Ms | null };

export type NodeHealth = { probeTimestamp: Ms; renewTime: Ms | null; heartbeat: Ms };

export type KcmState = {
  http: HttpClient<KcmTag>;
  elector: Elector;
  informers: Readonly<Record<string, Informer>>;
  /** Pod names a ReplicaSet created (or deleted) that its informer has not reflected yet (expectations). */
  expectations: Readonly<Record<string, { names: string[]; at: Ms }>>;
  /** Objects with a write in flight, so a reconcile does not repeat it. */
  busy: Readonly<Record<string, "sent" | "done">>;
  nodeHealth: Readonly<Record<string, NodeHealth>>;
  zoneTaintedAt: Readonly<Record<string, Ms>>;
  /** All zones fully disrupted: assume a control-plane problem and stop evictions. */
  disruptionMode: boolean;
  evictions: Readonly<Record<string, Ms>>;
  /**
   * Writes to ReplicaSets, StatefulSet pods, PVCs and EndpointSlices that succeeded (or are in
   * flight) but that the informer does not show yet: key → what the informer must show.
   */
  pendingWrites: Readonly<Record<string, string>>;
  /** ReplicaSet slowStartBatch in progress, by ReplicaSet uid. */
  slowStart: Readonly<Record<string, SlowStart>>;
  /** The last revision each Deployment was announced as fully rolled out at. */
  rolledOut: Readonly<Record<string, string>>;
  /** EndpointSlice contents last written per Service (a signature), so unchanged slices are not rewritten. */
  slices: Readonly<Record<string, string>>;
  /** Each Deployment's rollout progress by namespace/name (deployment-progress.ts). */
  progress: Readonly<Record<string, RolloutProgress>>;
  /**
   * When the disruption controller's re-check of a disruptedPods entry is due (enqueuePdbForRecheck); absent: none
   * armed.
   */
  pdbRecheckAt?: Ms;
  /** Job controller bookkeeping by Job uid (absent until a Job is seen). */
  jobTracks: Readonly<Record<string, JobTrack>>;
  /** CronJob controller bookkeeping by CronJob uid. */
  cronTracks: Readonly<Record<string, CronTrack>>;
  /**
   * ReplicaSets whose pod creates admission refused (403), by uid: the failures in a row and when the
   * rate-limited requeue lets it sync again (workqueue.DefaultControllerRateLimiter: 5 ms doubling,
   * up to 1000 s). Absent until the first refusal.
   */
  rsRetry?: Readonly<Record<string, { failures: number; at: Ms }>>;
  /** The HPA controller's memory per HPA (namespace/name); absent without the controller. */
  hpa?: Readonly<Record<string, HpaMemory>>;
};

/**
 * The rollout to `replicaset`: its last counts (updated, old, available pods), when they last moved, and its verdict.
 */
type RolloutProgress = {
  replicaset: string;
  counts: [number, number, number];
  lastUpdate: Ms;
  timedOut: boolean;
  complete: boolean;
};

/** slowStartBatch: creates go out in batches of 1, 2, 4, ... each after the previous batch answered. */
export type SlowStart = {
  left: number;
  size: number;
  inflight: number;
  batch: number;
  failed: boolean;
  forbidden?: true;
};

export type KcmTimer =
  | HttpClientTimer
  | InformerTimer
  | ElectorTimer
  | { lib?: undefined; t: "monitor" }
  | { lib?: undefined; t: "evict"; pod: string; due: Ms }
  | { lib?: undefined; t: "progress" }
  | { lib?: undefined; t: "pdb-recheck" }
  | { lib?: undefined; t: "batch" }
  | { lib?: undefined; t: "hpa"; key: string }
  | { lib?: undefined; t: "rs-retry" };

const INFORMERS = [
  "deployments",
  "endpointslices",
  "leases",
  "nodes",
  "persistentvolumeclaims",
  "pods",
  "replicasets",
  "services",
  "statefulsets",
] as const;

const WITH_DISRUPTION = [...INFORMERS.slice(0, 5), "poddisruptionbudgets", ...INFORMERS.slice(5)] as const;

/** The job and cronjob controllers' informers, run only where batch/v1 is served. */
const BATCH_INFORMERS = ["cronjobs", "jobs"] as const;

// Configs are immutable: each one's list is built once, not on every informer event (synced() asks for it).
const namesByConfig = new WeakMap<KcmConfig, readonly Resource[]>();

/**
 * The informers the leader starts: PodDisruptionBudgets in name order when the disruption controller
 * runs, the batch informers after the others when batch/v1 is served (each order as its scenario's
 * traces were recorded with).
 */
export function informerNames(cfg: KcmConfig): readonly Resource[] {
  let names = namesByConfig.get(cfg);
  if (names === undefined) {
    const base: readonly Resource[] = cfg.disruption === true ? WITH_DISRUPTION : INFORMERS;
    const withBatch = cfg.batch ? [...base, ...BATCH_INFORMERS] : base;
    namesByConfig.set(cfg, (names = cfg.garbageCollector === true ? [...withBatch, "webapps"] : withBatch));
  }
  return names;
}

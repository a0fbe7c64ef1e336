// kube-controller-manager: leader election plus the controllers this engine models (deployment,
// replicaset, statefulset, endpointslice, node lifecycle, taint eviction). Only the leader runs informers and controllers; a
// standby only polls the Lease.
import type { Elector, ElectorConfig, ElectorTimer } from "../../client/leader-election";
import type { HttpClient, HttpClientConfig, HttpClientTimer } from "../../client/http-client";
import type { Informer, InformerTimer } from "../../client/informer";
import type { Ms } from "../../core/types";
import type { HpaConfig, HpaMemory } from "./horizontal";

export type KcmConfig = {
  api: HttpClientConfig;
  elector: ElectorConfig;
  nodeMonitorPeriodMs: Ms;
  nodeMonitorGraceMs: Ms;
  /** One NoExecute taint per zone per interval (--node-eviction-rate 0.1). */
  evictionIntervalMs: Ms;
  unhealthyZoneThreshold: number;
  largeClusterSize: number;
  /** The horizontal-pod-autoscaler controller, where the cluster runs metrics-server (absent elsewhere). */
  hpa?: HpaConfig;
};

export type NodeHealth = { probeTimestamp: Ms; renewTime: Ms | null; heartbeat: Ms };

export type KcmState = {
  http: HttpClient;
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
  /** The HPA controller's memory per HPA (namespace/name); absent without the controller. */
  hpa?: Readonly<Record<string, HpaMemory>>;
};

/** The rollout to `replicaset`: its last counts (updated, old, available pods), when they last moved, and its verdict. */
export type RolloutProgress = { replicaset: string; counts: [number, number, number]; lastUpdate: Ms; timedOut: boolean; complete: boolean };

/** slowStartBatch: creates go out in batches of 1, 2, 4, ... each after the previous batch answered. */
export type SlowStart = { left: number; size: number; inflight: number; batch: number; failed: boolean };

export type KcmTimer = HttpClientTimer | InformerTimer | ElectorTimer | { lib?: undefined; t: "monitor" } | { lib?: undefined; t: "evict"; pod: string; due: Ms } | { lib?: undefined; t: "progress" } | { lib?: undefined; t: "hpa"; key: string };

export const INFORMERS = ["deployments", "endpointslices", "leases", "nodes", "persistentvolumeclaims", "pods", "replicasets", "services", "statefulsets"] as const;

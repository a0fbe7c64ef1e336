// kube-controller-manager: leader election plus the controllers this engine models (deployment,
// replicaset, node lifecycle, taint eviction). Only the leader runs informers and controllers; a
// standby only polls the Lease.
import type { Elector, ElectorConfig, ElectorTimer } from "../../client/leader-election";
import type { HttpClient, HttpClientConfig, HttpClientTimer } from "../../client/http-client";
import type { Informer, InformerTimer } from "../../client/informer";
import type { Ms } from "../../core/types";

export type KcmConfig = {
  api: HttpClientConfig;
  elector: ElectorConfig;
  nodeMonitorPeriodMs: Ms;
  nodeMonitorGraceMs: Ms;
  /** One NoExecute taint per zone per interval (--node-eviction-rate 0.1). */
  evictionIntervalMs: Ms;
  unhealthyZoneThreshold: number;
  largeClusterSize: number;
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
};

export type KcmTimer = HttpClientTimer | InformerTimer | ElectorTimer | { lib?: undefined; t: "monitor" } | { lib?: undefined; t: "evict"; pod: string; due: Ms };

export const INFORMERS = ["deployments", "leases", "nodes", "pods", "replicasets"] as const;

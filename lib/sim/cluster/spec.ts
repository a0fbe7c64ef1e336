// The shape of a simulated cluster: how many etcd members, control-plane nodes and workers, where
// etcd runs, the timing tuning, and per-worker overrides. buildCluster turns a spec into a World.
import type { NamespacePolicy } from "../apiserver/admission-policies";
import type { ProxyMode } from "../cluster-components/kube-proxy/rules";
import type { ResourceList, Taint } from "../objects/core";
import type { LoadStep } from "../cluster-components/load-generator";
import type { NetAction } from "../cluster-components/cni/net-client";
import { DEFAULT_TUNING, type Tuning } from "./defaults";

/** Per-worker overrides (index i is node-(i+1)); absent fields keep the defaults. */
export type WorkerSpec = {
  labels?: Record<string, string>;
  taints?: Taint[];
  allocatable?: ResourceList & { pods: number };
  /** Runs a kube-proxy in this mode on the node (none when absent). */
  kubeProxy?: ProxyMode | "userspace";
};

export type ClusterSpec = {
  etcdMembers: number;
  etcdTopology: "stacked" | "external";
  controlPlanes: number;
  workers: number;
  zones: number;
  /** An app (label app=web) whose users send traffic to its pods. */
  webTraffic: boolean;
  tuning: Tuning;
  workerSpecs?: WorkerSpec[];
  /** kube-apiserver traces each stage of the handler chain for user requests (the request-flow scenario). */
  traceRequestFlow?: boolean;
  /** Serve the policy API (PodDisruptionBudgets) and run the disruption controller (the drain scenario). */
  policyApi?: boolean;
  /**
   * The workers' kubelets report this version in status.nodeInfo, and the control-plane nodes' the
   * control plane's (API_SERVER_VERSION: kubeadm upgrades those first). Absent: no nodeInfo is reported.
   */
  kubeletVersion?: string;
  /**
   * The control plane runs `clusterVersion` (its static pods and the control-plane kubelets), and
   * each control-plane node has a kubeadm of the control plane's model version (API_SERVER_VERSION)
   * for the upgrade commands (the kubeadm-upgrade scenario). Absent: no kubeadm process.
   */
  kubeadm?: { clusterVersion: string };
  /** kube-apiserver traces every watch it refuses with 410 Gone (apiserver.watch-expired). */
  traceWatchExpiry?: boolean;
  /** An etcdctl on the admin's machine (host `laptop`), for `etcdctl snapshot save`. */
  etcdctl?: boolean;
  /**
   * Serve batch/v1 (Jobs, CronJobs) and run the job and cronjob controllers. Upstream serves it by
   * default; the scenarios written before it run without it (--runtime-config=batch/v1=false, and
   * kube-controller-manager then skips those controllers), so their traces stay as they were.
   */
  batchApi?: boolean;
  /**
   * metrics-server, the HPA controller in kube-controller-manager (their cadences in `tuning`), and
   * a load generator whose CPU demand on the app follows `loadSteps`.
   */
  autoscaling?: { loadSteps: LoadStep[] };
  /**
   * Serve networking.k8s.io (NetworkPolicies) and run a CNI policy agent on every worker, CoreDNS
   * behind the kube-dns ClusterIP (`upstream`: the names its forward resolver knows), and one
   * process per client pod doing the scripted connects and lookups.
   */
  networkPolicy?: {
    upstream: Record<string, string>;
    clients: { namespace: string; pod: string; actions: NetAction[] }[];
  };
  /**
   * A cluster-autoscaler (on cp-1) for one node group whose instances are the workers plus `spare`
   * machines that stay powered off until the simulated cloud creates them, `provisioningMs` after
   * the scale-up. The scheduler then records PodScheduled=False on pods it cannot place.
   */
  clusterAutoscaler?: { group: string; minSize: number; maxSize: number; spare: number; provisioningMs: number };
  /**
   * Serve apiextensions.k8s.io (CustomResourceDefinitions) and the WebApp custom resource, run the
   * garbage collector (--enable-garbage-collector on kube-apiserver and kube-controller-manager), and
   * run webapp-operator (one replica, on the first worker) with the cleanup it does before removing
   * its finalizer taking `cleanupMs`.
   */
  operator?: { cleanupMs: number };
  /**
   * The `default` namespace's PodSecurity labels, LimitRange and ResourceQuota, enforced by the
   * LimitRanger, PodSecurity and ResourceQuota admission plugins (the admission-policies scenario).
   * Absent: none, and those plugins admit everything, as before they were modelled.
   */
  namespacePolicy?: NamespacePolicy;
};

/** A worker's allocatable unless its WorkerSpec says otherwise; the Cluster Autoscaler's template node is one too. */
export const DEFAULT_ALLOCATABLE: ResourceList & { pods: number } = { cpuMilli: 2000, memoryMi: 4096, pods: 110 };

/**
 * The cluster most scenarios start from and override: one control-plane node with a stacked etcd member, two
 * workers in one zone, no web traffic, default tuning.
 */
export const SMALL_SPEC: ClusterSpec = {
  etcdMembers: 1,
  etcdTopology: "stacked",
  controlPlanes: 1,
  workers: 2,
  zones: 1,
  webTraffic: false,
  tuning: DEFAULT_TUNING,
};

/** The tests' cluster: three control-plane nodes with stacked etcd members, and web traffic. */
export const DEFAULT_SPEC: ClusterSpec = { ...SMALL_SPEC, etcdMembers: 3, controlPlanes: 3, webTraffic: true };

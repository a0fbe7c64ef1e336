// kube-apiserver's configuration and in-memory state. Nothing survives a restart: the watch caches
// are rebuilt from etcd, and every client connection is reset.
import type { Chunked } from "../core/chunked";
import type { EtcdClient, EtcdClientConfig, EtcdClientTimer } from "../etcd/client";
import type { KeyValue } from "../etcd/protocol";
import type { Ms, ProcId } from "../core/types";
import type { Resource } from "../objects/resources";
import type { KubeObject } from "../objects/kube-object";
import type { AdmissionConfig } from "./admission";
import type { QuotaList } from "./admission-policies";
import type { AuthnConfig } from "./authn";
import type { ApiCall, HealthPath, WatchType } from "./http";
import type { RbacPolicy } from "./rbac";

export type ApiServerConfig = {
  etcd: EtcdClientConfig;
  authn: AuthnConfig;
  rbac: RbacPolicy;
  admission: AdmissionConfig;
  requestTimeoutMs: Ms;
  etcdHealthTimeoutMs: Ms;
  cacheFreshnessMs: Ms;
  reflectorBackoffMs: Ms;
  reflectorBackoffMaxMs: Ms;
  /** Time from process start until the secure port listens (flag parsing, storage setup). */
  startupMs: Ms;
  /** Trace every stage of the handler chain for users' writes (kubectl-create-deployment); off elsewhere. */
  traceRequestFlow: boolean;
  /** Serve the policy API (PodDisruptionBudgets and the pods/eviction subresource's budget checks). */
  policyApi?: boolean;
  /**
   * Trace each watch refused with 410 Gone (the etcd-backup-restore scenario); off elsewhere, where the traces predate
   * it.
   */
  traceWatchExpiry?: boolean;
  /**
   * The resources it serves (and caches). batch/v1 (jobs, cronjobs) only where a scenario uses it:
   * the clusters of the scenarios written before it run as with --runtime-config=batch/v1=false, so
   * their traces stay as they were.
   */
  resources: readonly Resource[];
  /**
   * --enable-garbage-collector: deletes honour propagationPolicy (the orphan and foregroundDeletion
   * finalizers). Only the operator scenario's cluster runs the garbage collector; the others run as
   * with the flag false (on both kube-apiserver and kube-controller-manager), so their traces stay.
   */
  enableGarbageCollector?: boolean;
};

export type CachedEvent = { rv: number; type: WatchType; object: KubeObject };

/** One cacher (storage/cacher): a reflector over etcd feeding a cache and its watchers. */
export type Cacher = {
  ready: boolean;
  everReady: boolean;
  objects: Record<string, KubeObject>;
  rv: number;
  /**
   * Recent events, so a watch can resume from a resourceVersion >= `historyFrom`. The window is the
   * elements from logical index `historyStart` on; older ones are dropped in amortized rebuilds.
   */
  history: Chunked<CachedEvent>;
  historyStart: number;
  historyFrom: number;
  listCall: string | null;
  watchId: string | null;
  backoffMs: Ms;
  /** Consistent lists waiting for the cache to reach etcd's revision: request id -> revision. Replaced, not edited. */
  fresh: Readonly<Record<string, number>>;
};

export type CacheWatcher = {
  resource: Resource;
  namespace: string | null;
  via: ProcId;
  id: string;
  fieldSelector: Record<string, string> | null;
  labelSelector: Record<string, string> | null;
};

export type InFlight = {
  id: string;
  /** Where responses go: the client itself or the load balancer relaying for it. */
  via: ProcId;
  client: ProcId;
  call: ApiCall | { verb: "health"; path: HealthPath };
  user: string;
  /** The node a kubelet's request speaks for (NodeIdentity), which NodeRestriction checks; null for other users. */
  node: string | null;
  startedAt: Ms;
  /** GuaranteedUpdate: the object the next write is computed from. */
  current: KeyValue | null;
  attempts: number;
  /**
   * A pods/eviction request: writing its budget's status, the pod's DisruptionTarget condition, then deleting it
   * (eviction.ts).
   */
  eviction?: { stage: "budget" | "condition" | "delete"; pod: string; budget: string | null };
  /** Warning headers admission added (PodSecurity warn), sent with the response. */
  warnings?: string[];
};

/** Who an etcd call belongs to. */
export type EtcdOwner =
  | { kind: "request"; id: string; purpose: "read" | "current-rv" | "get-current" | "write" | "health" }
  | { kind: "cache-list"; resource: Resource };

/**
 * Edited in place by the handler call that owns it (apiserver.ts: the run's own state, or a private
 * copy made by thawApiServer), so every container below belongs to this state alone, except
 * `watchers`, which is replaced rather than edited so that its sorted keys can be memoized.
 */
export type ApiServerState = {
  listening: boolean;
  etcd: EtcdClient;
  /** One per served resource (cfg.resources); requests.ts answers 404 for any other before it looks here. */
  caches: Record<Resource, Cacher>;
  watchers: Readonly<Record<string, CacheWatcher>>;
  inflight: Record<string, InFlight>;
  calls: Record<string, EtcdOwner>;
  /**
   * When the request-deadline timer is armed, if it is. Deadlines arrive in request order, so one
   * timer at the oldest request's deadline suffices instead of one per request.
   */
  deadlineAt: Ms | null;
  /**
   * ResourceQuota: usage of pods admitted that the watch cache does not show yet, by namespace/name
   * (policy-admission.ts); absent until one is. Replaced, not edited.
   */
  quotaPending?: Record<string, QuotaList>;
};

export type ApiServerTimer =
  | EtcdClientTimer
  | { lib?: undefined; t: "listening" }
  | { lib?: undefined; t: "deadline" }
  | { lib?: undefined; t: "health-timeout"; id: string }
  | { lib?: undefined; t: "relist"; resource: Resource }
  /** A consistent list waited the freshness bound for the cache (reads.ts). */
  | { lib?: undefined; t: "fresh-timeout"; resource: Resource; id: string }
  /** The cacher's progress requester asks etcd for a progress notification while lists wait (reads.ts). */
  | { lib?: undefined; t: "progress"; resource: Resource };

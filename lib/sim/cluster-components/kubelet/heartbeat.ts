// Node registration, the node Lease heartbeat and node status reports (k8s-facts §4.1): the Lease is
// renewed every 10 s plus up to 4 % jitter and failures are retried 200 ms doubling to 7 s; status is
// re-posted when it differs from the server's copy (e.g. after the node lifecycle controller set
// Ready=Unknown) or about every 5 min (jittered by up to ±50 % after a change).
// Every function here updates the kubelet state it is given, and its HTTP client, in place: the
// caller owns both (kubelet.ts `own`).
import type { Ctx } from "../../core/component";
import { apiCall } from "../../apiserver/http";
import { httpSendInPlace, type HttpResponse } from "../../client/http-client";
import { nodeReady, secs, setCondition } from "../../objects/helpers";
import type { Lease } from "../../objects/coordination";
import type { ContainerImage, Node } from "../../objects/core";
import { jitteredMs } from "../../core/jitter";
import type { Ms } from "../../core/types";
import type { KubeletConfig, KubeletState, NodeRequest } from "./types";
import { newObjectMeta } from "../../objects/meta";

/**
 * The kubelet's heartbeat loops are jittered by 4 % (wait.JitterUntil(..., 0.04, true)): the Lease
 * renewal in component-helpers/apimachinery/lease/controller.go Run, the node status sync in
 * pkg/kubelet/kubelet.go Run, so that nodes started together do not renew in lockstep.
 */
const HEARTBEAT_JITTER_PER_MILLE = 40;

/** When the next node status sync runs: nodeStatusUpdateFrequency (10 s) plus up to 4 %. */
export function nextStatusSyncMs(cfg: KubeletConfig, ctx: Ctx): Ms {
  return jitteredMs(cfg.timing.statusUpdateMs, HEARTBEAT_JITTER_PER_MILLE, ctx.rng);
}

/**
 * delayAfterNodeStatusChange (pkg/kubelet/kubelet.go, kubelet_node_status.go): after a real status
 * change or a kubelet start, the next unchanged report waits nodeStatusReportFrequency shifted by a
 * one-time random amount in [-50 %, +50 %), so that nodes do not report in waves.
 */
export function drawReportDelayMs(cfg: KubeletConfig, ctx: Ctx): Ms {
  return Math.floor((cfg.timing.statusReportMs * (ctx.rng.int(1000) - 500)) / 1000);
}

export function register(s: KubeletState, cfg: KubeletConfig, ctx: Ctx): void {
  const labels: Record<string, string> = {
    "kubernetes.io/hostname": cfg.node,
    "topology.kubernetes.io/zone": cfg.zone,
    ...cfg.labels,
  };
  const node: Node = {
    kind: "Node",
    apiVersion: "v1",
    metadata: newObjectMeta(cfg.node, null, labels, ctx.now),
    spec: { taints: cfg.registerTaints.map((t) => ({ ...t, timeAdded: ctx.now })), unschedulable: false },
    status: {
      conditions: setCondition([], "Ready", "True", "KubeletReady", ctx.now),
      allocatable: cfg.allocatable,
      lastHeartbeatTime: ctx.now,
      ...(s.version === undefined ? {} : { nodeInfo: { kubeletVersion: s.version } }),
    },
  };
  httpSendInPlace(
    s.http,
    cfg.api,
    apiCall("create", "nodes", { body: node }),
    { op: "register" },
    cfg.timing.statusUpdateMs,
    ctx,
  );
}

export function onRegisterResult(s: KubeletState, cfg: KubeletConfig, r: HttpResponse<NodeRequest>, ctx: Ctx): void {
  if (r.status === 201 || r.status === 409) {
    if (r.status === 201)
      ctx.trace("node.registered", `kubelet/${cfg.node} registered node ${cfg.node} with the API server.`, {
        node: cfg.node,
      });
    s.registered = true;
    s.registerRetryMs = 0;
    if (s.version === undefined) return;
    // The node carries the version it registered with; a restarted kubelet (409: the node exists)
    // syncs its status at once (kubelet_node_status.go: registerWithAPIServer, then syncNodeStatus).
    if (r.status === 201) s.versionReported = s.version;
    else syncStatus(s, cfg, ctx);
    return;
  }
  s.registerRetryMs = Math.min(Math.max(100, s.registerRetryMs * 2), 7000);
  ctx.after(s.registerRetryMs, { t: "register" });
}

export function renewLease(s: KubeletState, cfg: KubeletConfig, ctx: Ctx): void {
  if (s.leaseInflight) return;
  const timeout = Math.min(cfg.timing.statusUpdateMs, cfg.timing.leaseDurationMs);
  s.leaseInflight = true;
  if (s.lease === null) {
    httpSendInPlace(
      s.http,
      cfg.api,
      apiCall("get", "leases", { namespace: "kube-node-lease", name: cfg.node }),
      { op: "lease", verb: "get" },
      timeout,
      ctx,
    );
    return;
  }
  const lease: Lease = { ...s.lease, spec: { ...s.lease.spec, renewTime: ctx.now } };
  httpSendInPlace(
    s.http,
    cfg.api,
    apiCall("update", "leases", { namespace: "kube-node-lease", name: cfg.node, body: lease }),
    { op: "lease", verb: "update" },
    timeout,
    ctx,
  );
}

function newLease(cfg: KubeletConfig, ctx: Ctx): Lease {
  return {
    kind: "Lease",
    apiVersion: "coordination.k8s.io/v1",
    metadata: newObjectMeta(cfg.node, "kube-node-lease", {}, ctx.now),
    spec: {
      holderIdentity: cfg.node,
      leaseDurationSeconds: cfg.timing.leaseDurationMs / 1000,
      acquireTime: ctx.now,
      renewTime: ctx.now,
      leaseTransitions: 0,
    },
  };
}

export function onLeaseResult(
  s: KubeletState,
  cfg: KubeletConfig,
  r: HttpResponse<Extract<NodeRequest, { op: "lease" }>>,
  ctx: Ctx,
): void {
  const op = r.tag.verb;
  if (op === "get" && r.status === 404) {
    httpSendInPlace(
      s.http,
      cfg.api,
      apiCall("create", "leases", { namespace: "kube-node-lease", body: newLease(cfg, ctx) }),
      { op: "lease", verb: "create" },
      cfg.timing.statusUpdateMs,
      ctx,
    );
    return;
  }
  if (op === "get" && r.status === 200) {
    s.leaseInflight = false;
    s.lease = r.body as Lease;
    renewLease(s, cfg, ctx);
    return;
  }
  if (r.status === 200 || r.status === 201) {
    if (s.leaseFailingSince !== null && s.leaseEverRenewed) {
      ctx.trace(
        "kubelet.lease-renewed",
        `kubelet/${cfg.node} renewed its node Lease again after ${secs(ctx.now - s.leaseFailingSince)} of failures.`,
        { node: cfg.node },
      );
    }
    ctx.after(jitteredMs(cfg.timing.leaseRenewMs, HEARTBEAT_JITTER_PER_MILLE, ctx.rng), { t: "lease" });
    s.leaseInflight = false;
    s.lease = r.body as Lease;
    s.leaseRetryMs = 0;
    s.leaseFailingSince = null;
    s.leaseEverRenewed = true;
    return;
  }
  if (s.leaseFailingSince === null && s.leaseEverRenewed) {
    ctx.trace(
      "kubelet.lease-renew-failed",
      `kubelet/${cfg.node} could not renew its node Lease ` +
        `(${r.error ?? `HTTP ${r.status}`}). Its pods keep running; it retries with back-off.`,
      { node: cfg.node, status: r.status, error: r.error },
    );
  }
  s.leaseRetryMs =
    s.leaseRetryMs === 0 ? cfg.timing.leaseRetryBaseMs : Math.min(s.leaseRetryMs * 2, cfg.timing.leaseRetryMaxMs);
  ctx.after(s.leaseRetryMs, { t: "lease" });
  s.leaseInflight = false;
  if (r.status === 409) s.lease = null;
  s.leaseFailingSince ??= ctx.now;
}

/** The image manager's cache refresh (images/image_gc_manager.go): ListImages every 30 s, from boot. */
const IMAGE_CACHE_REFRESH_MS = 30_000;
/** --node-status-max-images: status.images holds the 50 largest images (nodestatus.Images). */
const NODE_STATUS_MAX_IMAGES = 50;

/** Asks the runtime for its images (a fixed CRI request id: one such request is outstanding at a time) and re-arms. */
export function refreshImages(cfg: KubeletConfig, ctx: Ctx): void {
  if (cfg.runtime === null) return;
  ctx.send(cfg.runtime, { p: "cri", kind: "cri-request", id: "list-images", op: "list-images" });
  ctx.after(IMAGE_CACHE_REFRESH_MS, { t: "images" });
}

function sameImages(a: readonly ContainerImage[], b: readonly ContainerImage[]): boolean {
  return (
    a.length === b.length && a.every((x, i) => x.sizeBytes === b[i]!.sizeBytes && x.names.join() === b[i]!.names.join())
  );
}

/**
 * How long the runtime may go unanswered before the node reports Ready=False "container runtime is
 * down" (kubelet.go maxWaitForContainerRuntime, the threshold of runtime.go runtimeErrors).
 */
const MAX_WAIT_FOR_CONTAINER_RUNTIME_MS = 30_000;

/** The Ready condition this kubelet would report now (setters.go ReadyCondition). */
function readyNow(s: KubeletState, cfg: KubeletConfig, ctx: Ctx): { status: "True" | "False"; reason: string } {
  const runtimeDown = cfg.runtime !== null && ctx.now - s.runtimeUpAt >= MAX_WAIT_FOR_CONTAINER_RUNTIME_MS;
  return runtimeDown ? { status: "False", reason: "KubeletNotReady" } : { status: "True", reason: "KubeletReady" };
}

/** kubelet.go Run: `go wait.Until(kl.updateRuntimeUp, 5*time.Second, ...)`. */
const RUNTIME_CHECK_MS = 5000;

/**
 * updateRuntimeUp: every 5 s the kubelet asks the runtime for its status and remembers when it last
 * answered. A containerd that is not running does not answer.
 */
export function checkRuntime(s: KubeletState, cfg: KubeletConfig, ctx: Ctx): void {
  if (cfg.runtime === null) return;
  if (ctx.isLocalUp(cfg.runtime)) s.runtimeUpAt = ctx.now;
  ctx.after(RUNTIME_CHECK_MS, { t: "runtime-check" });
}

/**
 * tryUpdateNodeStatus: read the node (from the cache) and re-post its Ready condition and the images if they drifted,
 * or when due.
 */
export function syncStatus(s: KubeletState, cfg: KubeletConfig, ctx: Ctx): void {
  if (s.registered)
    httpSendInPlace(
      s.http,
      cfg.api,
      apiCall("get", "nodes", { name: cfg.node, rv: "0" }),
      { op: "status", step: "get" },
      cfg.timing.statusUpdateMs,
      ctx,
    );
}

export function onStatusResult(
  s: KubeletState,
  cfg: KubeletConfig,
  r: HttpResponse<Extract<NodeRequest, { op: "status" }>>,
  ctx: Ctx,
): void {
  if (r.tag.step === "get") {
    if (r.status !== 200) return;
    const node = r.body as Node;
    const ready = readyNow(s, cfg, ctx);
    const drifted = nodeReady(node) !== ready.status;
    const images = s.images.slice(0, NODE_STATUS_MAX_IMAGES);
    // nodeStatusHasChanged: any change besides heartbeat times is posted at once, not at the 5 min report.
    // A restarted kubelet of another version reports it (setters.go: NodeInfo fills nodeInfo.kubeletVersion).
    const version =
      s.version !== undefined && node.status.nodeInfo?.kubeletVersion !== s.version
        ? { nodeInfo: { kubeletVersion: s.version } }
        : {};
    const changed = drifted || !sameImages(node.status.images ?? [], images) || "nodeInfo" in version;
    if (!changed && ctx.now - s.lastStatusReport < cfg.timing.statusReportMs + s.reportDelayMs) return;
    const patch = {
      status: {
        conditions: setCondition(node.status.conditions, "Ready", ready.status, ready.reason, ctx.now),
        lastHeartbeatTime: ctx.now,
        images,
        ...version,
      },
    };
    const call = apiCall("patch", "nodes", { name: cfg.node, subresource: "status", body: patch });
    const step = drifted
      ? ready.status === "True"
        ? "patch-ready"
        : "patch-not-ready"
      : changed
        ? "patch-changed"
        : "patch";
    httpSendInPlace(s.http, cfg.api, call, { op: "status", step }, cfg.timing.statusUpdateMs, ctx);
    return;
  }
  if (r.status !== 200) return;
  if (r.tag.step === "patch-ready") {
    ctx.trace("node.ready-changed", `kubelet/${cfg.node} reported node ${cfg.node} Ready again.`, {
      node: cfg.node,
      status: "True",
    });
  } else if (r.tag.step === "patch-not-ready") {
    ctx.trace(
      "node.ready-changed",
      `kubelet/${cfg.node} reported node ${cfg.node} NotReady (KubeletNotReady: container runtime ` +
        `is down): containerd has not answered for ${secs(MAX_WAIT_FOR_CONTAINER_RUNTIME_MS)}.`,
      { node: cfg.node, status: "False" },
    );
  }
  const reported = (r.body as Node | null)?.status?.nodeInfo?.kubeletVersion;
  if (reported !== undefined && reported === s.version && s.versionReported !== reported) {
    s.versionReported = reported;
    ctx.trace(
      "node.version-reported",
      `kubelet/${cfg.node} reports kubelet ${reported} in node ` +
        `${cfg.node}'s status (the VERSION column of kubectl get nodes).`,
      { node: cfg.node, version: reported },
    );
  }
  s.lastStatusReport = ctx.now;
  s.reportDelayMs = r.tag.step === "patch" ? 0 : drawReportDelayMs(cfg, ctx);
}

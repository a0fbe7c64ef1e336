// Pod sync: make the runtime match the pods the API has bound to this node. A pod newly bound is
// started through CRI; a pod marked for deletion is stopped gracefully (termination.ts) and then
// removed from the API (the kubelet's confirmation of graceful deletion); the status manager reports phase, IP,
// conditions and container states whenever they change. While the API is unreachable nothing changes here:
// the informer keeps its last view and the runtime keeps running what it runs.
import type { Ctx } from "../../core/component";
import { apiCall, statusPatchCall } from "../../apiserver/http";
import { httpSend, type HttpResponse } from "../../client/http-client";
import { setCondition } from "../../objects/helpers";
import type { ContainerStatus, Pod } from "../../objects/core";
import type { ContainerSpec, RuntimePod } from "../containerd-protocol";
import { stopPlan, traceStopping } from "./termination";
import type { KubeletConfig, KubeletState, PodRequest } from "./types";
import { copyRecord, emptyRecord, sortedKeys, withEntry } from "../../core/records";

export function setBusy(s: KubeletState, uid: string, v: KubeletState["busy"][string] | null): KubeletState {
  const busy = copyRecord(s.busy);
  if (v === null) delete busy[uid];
  else busy[uid] = v;
  return { ...s, busy };
}

// The informer's store indexed by uid, memoized by the (immutable) store object: syncs run on every
// event and most find the store unchanged. Not world state.
const byUid = new WeakMap<object, Record<string, Pod>>();

/** The pods bound to this node by uid. Do not mutate the result. */
export function podsByUid(s: KubeletState): Record<string, Pod> {
  const hit = byUid.get(s.pods.objects);
  if (hit !== undefined) return hit;
  const out: Record<string, Pod> = emptyRecord();
  for (const o of Object.values(s.pods.objects)) if (o.kind === "Pod") out[o.metadata.uid] = o;
  byUid.set(s.pods.objects, out);
  return out;
}

function specsOf(pod: Pod): ContainerSpec[] {
  return pod.spec.containers.map((c) => ({
    name: c.name,
    image: c.image,
    pullPolicy: c.imagePullPolicy ?? "IfNotPresent",
    app: c.app ?? { readyAfterMs: 0, exitAfterMs: null },
  }));
}

export function syncPods(s0: KubeletState, cfg: KubeletConfig, ctx: Ctx): KubeletState {
  if (cfg.runtime === null || !s0.pods.synced || !s0.runtimeSynced) return s0;
  let s = s0;
  const pods = podsByUid(s);
  for (const uid of sortedKeys(pods)) {
    const pod = pods[uid]!;
    const rt = s.runtime[uid];
    if (s.busy[uid] !== undefined) continue;
    if (pod.metadata.deletionTimestamp !== null) {
      if (rt !== undefined) {
        const plan = stopPlan(pod);
        traceStopping(pod, plan, cfg, ctx);
        ctx.send(cfg.runtime, { p: "cri", kind: "cri-request", id: ctx.nextId("cri"), op: "stop-pod", uid, plan });
        s = setBusy(s, uid, "stopping");
      } else {
        s = deletePod(s, cfg, pod, ctx);
      }
    } else if (rt === undefined) {
      const ip = `10.244.${cfg.podCidr}.${s.ipCounter + 2}`;
      ctx.send(cfg.runtime, {
        p: "cri",
        kind: "cri-request",
        id: ctx.nextId("cri"),
        op: "run-pod",
        uid,
        name: pod.metadata.name,
        namespace: pod.metadata.namespace ?? "default",
        ip,
        containers: specsOf(pod),
      });
      s = setBusy({ ...s, ipCounter: s.ipCounter + 1 }, uid, "starting");
    } else {
      s = reportStatus(s, cfg, pod, rt, ctx);
    }
  }
  for (const uid of orphans(s, pods)) {
    // Deleted from the API (force delete, the node object removed, or an etcd restore that never
    // saw it): stop the orphan (pkg/kubelet/kubelet.go HandlePodRemoves; kubelet_pods.go
    // HandlePodCleanups kills running pods the config source no longer lists).
    const name = s.runtime[uid]!.name;
    ctx.trace(
      "pod.orphan-stopped",
      `kubelet/${cfg.node}: ${name} runs here but no longer exists in the API, so the kubelet stops its containers.`,
      { pod: name, node: cfg.node },
    );
    ctx.send(cfg.runtime, { p: "cri", kind: "cri-request", id: ctx.nextId("cri"), op: "stop-pod", uid });
    s = setBusy(s, uid, "stopping");
  }
  return s;
}

/** Pods the runtime runs that the API no longer lists and no operation is under way on, by uid. */
function orphans(s: KubeletState, pods: Readonly<Record<string, Pod>>): string[] {
  // Most syncs find none: the keys are sorted only when there are some.
  const out: string[] = [];
  for (const uid in s.runtime) if (pods[uid] === undefined && s.busy[uid] === undefined) out.push(uid);
  return out.length > 1 ? out.sort() : out;
}

function deletePod(s: KubeletState, cfg: KubeletConfig, pod: Pod, ctx: Ctx): KubeletState {
  const call = apiCall("delete", "pods", {
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    body: { gracePeriodSeconds: 0 },
  });
  return setBusy(
    { ...s, http: httpSend(s.http, cfg.api, call, { op: "pod-delete", uid: pod.metadata.uid }, null, ctx).hc },
    pod.metadata.uid,
    "deleting",
  );
}

type Desired = {
  phase: "Pending" | "Running" | "Succeeded" | "Failed";
  ready: boolean;
  statuses: ContainerStatus[];
  ip: string;
};

/** The status the status manager would post for a pod, from the runtime and the probe workers. */
function desiredStatus(s: KubeletState, rt: RuntimePod): Desired {
  const w = s.workers[rt.uid];
  const statuses = rt.containers.map((c): ContainerStatus => {
    const cw = w?.containers[c.name];
    if (cw?.done !== undefined) {
      return {
        name: c.name,
        ready: false,
        restartCount: cw.restarts,
        state: cw.done.exitCode === 0 ? "terminated:Completed" : "terminated:Error",
        exitCode: cw.done.exitCode,
        finishedAt: cw.done.at,
      };
    }
    const state =
      c.state === "running"
        ? "running"
        : cw?.backingOff === true
          ? "waiting:CrashLoopBackOff"
          : c.state === "exited"
            ? "terminated:Error"
            : "waiting:ContainerCreating";
    return { name: c.name, ready: c.state === "running" && cw?.ready === true, restartCount: cw?.restarts ?? 0, state };
  });
  const everStarted = rt.containers.some((c) => c.startedAt !== null);
  // getPhase (kubelet_pods.go): every container terminated for good → Succeeded if all exited 0, else Failed.
  if (statuses.length > 0 && statuses.every((c) => c.exitCode !== undefined)) {
    return {
      phase: statuses.every((c) => c.exitCode === 0) ? "Succeeded" : "Failed",
      ready: false,
      statuses,
      ip: rt.ip,
    };
  }
  return {
    phase: everStarted ? "Running" : "Pending",
    ready: statuses.length > 0 && statuses.every((c) => c.ready),
    statuses,
    ip: rt.state === "starting" ? "" : rt.ip,
  };
}

function signature(d: Desired): string {
  return JSON.stringify(d);
}

// The desired status depends only on the runtime record and the pod's worker, both immutable: memoize
// on them, since most syncs find a pod unchanged. Not world state.
const desiredMemo = new WeakMap<RuntimePod, { worker: unknown; d: Desired; sig: string }>();

function desiredOf(s: KubeletState, rt: RuntimePod): { d: Desired; sig: string } {
  const worker = s.workers[rt.uid];
  const hit = desiredMemo.get(rt);
  if (hit !== undefined && hit.worker === worker) return hit;
  const d = desiredStatus(s, rt);
  const entry = { worker, d, sig: signature(d) };
  desiredMemo.set(rt, entry);
  return entry;
}

function reportStatus(s: KubeletState, cfg: KubeletConfig, pod: Pod, rt: RuntimePod, ctx: Ctx): KubeletState {
  const { d, sig } = desiredOf(s, rt);
  if (d.ip === "" || s.reported[rt.uid] === sig) return s;
  let conditions = setCondition(pod.status.conditions, "PodReadyToStartContainers", "True", "", ctx.now);
  conditions = setCondition(conditions, "Initialized", "True", "", ctx.now);
  const notReady = d.phase === "Succeeded" || d.phase === "Failed" ? "PodCompleted" : "ContainersNotReady";
  conditions = setCondition(
    conditions,
    "ContainersReady",
    d.ready ? "True" : "False",
    d.ready ? "" : notReady,
    ctx.now,
  );
  conditions = setCondition(conditions, "Ready", d.ready ? "True" : "False", d.ready ? "" : notReady, ctx.now);
  const status = { phase: d.phase, podIP: d.ip, conditions, containerStatuses: d.statuses };
  const call = statusPatchCall("pods", pod, status);
  const tag: PodRequest = { op: "pod-status", uid: pod.metadata.uid, ready: d.ready, phase: d.phase };
  return setBusy(
    { ...s, http: httpSend(s.http, cfg.api, call, tag, null, ctx).hc, reported: withEntry(s.reported, rt.uid, sig) },
    pod.metadata.uid,
    "reporting",
  );
}

export function onPodRequestResult(
  s0: KubeletState,
  cfg: KubeletConfig,
  r: HttpResponse<PodRequest>,
  ctx: Ctx,
): KubeletState {
  const { tag } = r;
  const { uid } = tag;
  const s = setBusy(s0, uid, null);
  const name = r.call.verb === "health" ? "" : (r.call.name ?? "");
  if (tag.op === "pod-status" && r.status !== 200) {
    // Not reported after all: forget the signature so the next sync retries.
    const reported = copyRecord(s.reported);
    delete reported[uid];
    return { ...s, reported };
  }
  if (r.status === 200 && tag.op === "pod-status") {
    const { ready, phase } = tag;
    const ip = s.runtime[uid]?.ip ?? "";
    const before = s.readyReported[uid];
    if (phase === "Succeeded" || phase === "Failed") {
      const codes = Object.entries(s.workers[uid]?.containers ?? {})
        .map(([c, w]) => `${c} exited with code ${w.done?.exitCode ?? "?"}`)
        .join(", ");
      const exitCode = Math.max(
        0,
        ...Object.values(s.workers[uid]?.containers ?? {}).map((w) => w.done?.exitCode ?? 0),
      );
      ctx.trace(
        phase === "Succeeded" ? "pod.succeeded" : "pod.failed",
        `kubelet/${cfg.node} reports ${name} ${phase}: ${codes}, and its restartPolicy does not restart it.`,
        { pod: name, node: cfg.node, exitCode },
      );
      return s;
    }
    if (before === ready || phase !== "Running") return s;
    if (ready && s.everReady[uid] !== true) {
      ctx.trace("pod.running", `${name} is running on ${cfg.node} with IP ${ip} and reports Ready.`, {
        pod: name,
        node: cfg.node,
        ip,
      });
      return {
        ...s,
        readyReported: withEntry(s.readyReported, uid, ready),
        everReady: withEntry(s.everReady, uid, true as const),
      };
    } else {
      const why = ready
        ? "its containers run and pass their readiness probes"
        : "a container is not running or fails its readiness probe";
      ctx.trace(
        "pod.ready-changed",
        `kubelet/${cfg.node} reports ${name} ${ready ? "Ready" : "Running but not Ready"}: ${why}.`,
        { pod: name, node: cfg.node, ready },
      );
    }
    return { ...s, readyReported: withEntry(s.readyReported, uid, ready) };
  } else if (r.status === 200 && tag.op === "pod-delete") {
    ctx.trace(
      "pod.deleted",
      `kubelet/${cfg.node} stopped ${name} and removed it from the API (graceful deletion finished).`,
      { pod: name, node: cfg.node },
    );
  }
  return s;
}

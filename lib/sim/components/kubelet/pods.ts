// Pod sync: make the runtime match the pods the API has bound to this node. A pod newly bound is
// started through CRI; a pod marked for deletion is stopped and then removed from the API (the
// kubelet's confirmation of graceful deletion). While the API is unreachable nothing changes here:
// the informer keeps its last view and the runtime keeps running what it runs.
import type { Ctx } from "../../core/component";
import { apiCall } from "../../apiserver/http";
import { httpSend, type HttpResult } from "../../client/http-client";
import { setCondition } from "../../objects/helpers";
import type { Pod } from "../../objects/types";
import type { RuntimePod } from "../containerd-protocol";
import type { KubeletConfig, KubeletState } from "./types";
import { copyRecord, emptyRecord, withEntry } from "../../core/records";

function setBusy(s: KubeletState, uid: string, v: KubeletState["busy"][string] | null): KubeletState {
  const busy = copyRecord(s.busy);
  if (v === null) delete busy[uid];
  else busy[uid] = v;
  return { ...s, busy };
}

function podsByUid(s: KubeletState): Record<string, Pod> {
  const out: Record<string, Pod> = emptyRecord();
  for (const o of Object.values(s.pods.objects)) if (o.kind === "Pod") out[o.metadata.uid] = o;
  return out;
}

export function syncPods(s0: KubeletState, cfg: KubeletConfig, ctx: Ctx): KubeletState {
  if (cfg.runtime === null || !s0.pods.synced || !s0.runtimeSynced) return s0;
  let s = s0;
  const pods = podsByUid(s);
  for (const uid of Object.keys(pods).sort()) {
    const pod = pods[uid]!;
    const rt = s.runtime[uid];
    if (s.busy[uid] !== undefined) continue;
    if (pod.metadata.deletionTimestamp !== null) {
      if (rt !== undefined) {
        ctx.send(cfg.runtime, { p: "cri", kind: "cri-request", id: ctx.nextId("cri"), op: "stop-pod", uid });
        s = setBusy(s, uid, "stopping");
      } else {
        s = deletePod(s, cfg, pod, ctx);
      }
    } else if (rt === undefined) {
      const ip = `10.244.${cfg.podCidr}.${s.ipCounter + 2}`;
      ctx.send(cfg.runtime, { p: "cri", kind: "cri-request", id: ctx.nextId("cri"), op: "run-pod", uid, name: pod.metadata.name, namespace: pod.metadata.namespace ?? "default", ip });
      s = setBusy({ ...s, ipCounter: s.ipCounter + 1 }, uid, "starting");
    } else if (rt.state === "running" && pod.status.podIP !== rt.ip && s.reported[uid] !== rt.ip) {
      s = reportRunning(s, cfg, pod, rt, ctx);
    }
  }
  for (const uid of Object.keys(s.runtime).sort()) {
    if (pods[uid] === undefined && s.busy[uid] === undefined) {
      // Deleted from the API (force delete, or the node object was removed): stop the orphan.
      ctx.send(cfg.runtime, { p: "cri", kind: "cri-request", id: ctx.nextId("cri"), op: "stop-pod", uid });
      s = setBusy(s, uid, "stopping");
    }
  }
  return s;
}

function deletePod(s: KubeletState, cfg: KubeletConfig, pod: Pod, ctx: Ctx): KubeletState {
  const call = apiCall("delete", "pods", { namespace: pod.metadata.namespace, name: pod.metadata.name, body: { gracePeriodSeconds: 0 } });
  return setBusy({ ...s, http: httpSend(s.http, cfg.api, call, `pod:delete:${pod.metadata.uid}`, null, ctx).hc }, pod.metadata.uid, "deleting");
}

function reportRunning(s: KubeletState, cfg: KubeletConfig, pod: Pod, rt: RuntimePod, ctx: Ctx): KubeletState {
  const status = { phase: "Running", podIP: rt.ip, conditions: setCondition(pod.status.conditions, "Ready", "True", "", ctx.now) };
  const call = apiCall("patch", "pods", { namespace: pod.metadata.namespace, name: pod.metadata.name, subresource: "status", body: { status } });
  return setBusy({ ...s, http: httpSend(s.http, cfg.api, call, `pod:status:${pod.metadata.uid}`, null, ctx).hc }, pod.metadata.uid, "reporting");
}

/** Evented PLEG: the runtime reports a pod started or stopped. */
export function onRuntimeEvent(s0: KubeletState, cfg: KubeletConfig, pod: RuntimePod, ctx: Ctx): KubeletState {
  let s = setBusy(s0, pod.uid, null);
  const runtime = copyRecord(s.runtime);
  if (pod.state === "stopped") delete runtime[pod.uid];
  else runtime[pod.uid] = pod;
  s = { ...s, runtime };
  return syncPods(s, cfg, ctx);
}

export function onPodRequestResult(s0: KubeletState, cfg: KubeletConfig, r: HttpResult & { kind: "response" }, ctx: Ctx): KubeletState {
  const [, op, uid = ""] = r.tag.split(":");
  const s = setBusy(s0, uid, null);
  const name = r.call.verb === "health" ? "" : (r.call.name ?? "");
  if (r.status === 200 && op === "status") {
    const ip = s.runtime[uid]?.ip ?? "";
    if (s.reported[uid] === ip) return s;
    ctx.trace("pod.running", `${name} is running on ${cfg.node} with IP ${ip} and reports Ready.`, { pod: name, node: cfg.node, ip });
    return { ...s, reported: withEntry(s.reported, uid, ip) };
  } else if (r.status === 200 && op === "delete") {
    ctx.trace("pod.deleted", `kubelet/${cfg.node} stopped ${name} and removed it from the API (graceful deletion finished).`, { pod: name, node: cfg.node });
  }
  return s;
}

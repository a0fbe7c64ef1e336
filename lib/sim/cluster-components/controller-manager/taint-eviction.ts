// The taint eviction controller (split out of the node lifecycle controller in 1.29): a pod on a
// node with a NoExecute taint is deleted at once if it does not tolerate the taint, or after the
// smallest tolerationSeconds among its matching tolerations (300 s by default, added at admission).
import type { Ctx } from "../../core/component";
import { apiCall } from "../../apiserver/http";
import { httpSend, type HttpResponse } from "../../client/http-client";
import { isTerminating } from "../../objects/helpers";
import type { Node, Pod } from "../../objects/core";
import { toleratesTaint } from "../../scheduler-framework/tolerations";
import type { KcmRequest, KcmTag } from "./requests";
import type { KcmConfig, KcmState } from "./types";
import { copyRecord, emptyRecord, withEntry } from "../../core/records";
import { objects } from "./kcm-api";

/**
 * When the pod must go, or null if it tolerates every NoExecute taint forever. Loops without arrays:
 * it runs for every pod on every pod event, and most nodes have no NoExecute taint.
 */
function evictionTime(pod: Pod, node: Node, now: number): number | null {
  let due: number | null = null;
  for (const taint of node.spec.taints) {
    if (taint.effect !== "NoExecute") continue;
    let matched = false;
    let seconds = Infinity;
    for (const t of pod.spec.tolerations) {
      // taint_eviction.go getMatchingTolerations: Toleration.ToleratesTaint, value included for Equal.
      if (!toleratesTaint(t, taint)) continue;
      matched = true;
      if (t.tolerationSeconds !== null) seconds = Math.min(seconds, t.tolerationSeconds);
    }
    if (!matched) return now;
    if (seconds === Infinity) continue;
    const at = (taint.timeAdded ?? now) + Math.max(0, seconds) * 1000;
    due = due === null ? at : Math.min(due, at);
  }
  return due;
}

export function scheduleEvictions(s0: KcmState, ctx: Ctx): KcmState {
  const nodes = s0.informers.nodes?.objects ?? {};
  const evictions: Record<string, number> = emptyRecord();
  let any = false;
  for (const pod of objects<Pod>(s0, "pods", "Pod")) {
    if (pod.spec.nodeName === null || isTerminating(pod)) continue;
    const node = nodes[pod.spec.nodeName] as Node | undefined;
    if (node === undefined) continue;
    const due = evictionTime(pod, node, ctx.now);
    if (due === null) continue;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    evictions[key] = due;
    any = true;
    if (s0.evictions[key] !== due) ctx.after(Math.max(0, due - ctx.now), { t: "evict", pod: key, due });
  }
  // Nothing due before or now: the state is unchanged (the usual case, on every pod event).
  if (!any && Object.keys(s0.evictions).length === 0) return s0;
  return { ...s0, evictions };
}

export function evict(s: KcmState, cfg: KcmConfig, pod: string, due: number, ctx: Ctx): KcmState {
  if (s.evictions[pod] !== due || s.busy[`evict:${pod}`]) return s;
  const [namespace = "default", name = ""] = pod.split("/");
  const call = apiCall("delete", "pods", { namespace, name });
  return {
    ...s,
    http: httpSend<KcmTag>(s.http, cfg.api, call, { c: "evict", pod }, null, ctx).hc,
    busy: withEntry(s.busy, `evict:${pod}`, "sent"),
  };
}

export function onEvictResult(s: KcmState, r: HttpResponse<KcmRequest & { c: "evict" }>, ctx: Ctx): KcmState {
  const pod = r.tag.pod;
  const busy = copyRecord(s.busy);
  delete busy[`evict:${pod}`];
  if (r.status === 200) {
    const p = r.body as Pod | null;
    const node = p?.spec.nodeName ?? "its node";
    ctx.trace(
      "pod.evicted",
      `taint-eviction-controller deleted ${pod.split("/")[1]} from ` +
        `${node}: its toleration of the node's NoExecute taint ran out.`,
      { pod: pod.split("/")[1] ?? "", node },
    );
    const evictions = copyRecord(s.evictions);
    delete evictions[pod];
    return { ...s, busy, evictions };
  }
  return { ...s, busy };
}

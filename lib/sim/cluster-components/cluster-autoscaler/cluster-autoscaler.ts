// The Cluster Autoscaler (kubernetes/autoscaler cluster-autoscaler), one node group, as its main loop
// runs it every --scan-interval (10 s; core/static_autoscaler.go RunOnce):
// - Scale-up (core/scaleup/orchestrator): the pods the scheduler marked PodScheduled=False/
//   Unschedulable that would not fit on a registered or upcoming node (filter_out_schedulable) are
//   binpacked onto copies of the group's template node (estimator/binpacking_estimator.go); the
//   group's size is raised by that many nodes, capped at its max size (IncreaseSize on the cloud).
// - Scale-down (core/scaledown): a Ready node whose pods request less than
//   --scale-down-utilization-threshold (0.5) of its allocatable CPU and memory, and whose pods can
//   all move elsewhere (no safe-to-evict "false", every pod replicated, every PDB allowing the
//   disruption, room on the other nodes), is unneeded; once unneeded for --scale-down-unneeded-time
//   (10 min), and outside the cooldown after a scale-up (--scale-down-delay-after-add, 10 min), it
//   is tainted ToBeDeletedByClusterAutoscaler, drained through the Eviction API, and deleted from
//   the cloud (core/scaledown/actuation/actuator.go). One node at a time (--max-drain-parallelism 1).
// The Node object is deleted by the autoscaler here once the cloud has terminated the instance:
// upstream the cloud-controller-manager's node lifecycle controller does that, and this engine runs none.
// This file is the main loop; scale-up is in ca-scale-up.ts, scale-down in ca-scale-down.ts.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope } from "../../core/types";
import {
  emptyHttpClient,
  httpClientCopy,
  httpOnMessageInPlace,
  httpOnTimerInPlace,
  type HttpClientTimer,
  type HttpResponse,
  type HttpResult,
} from "../../client/http-client";
import {
  clusterWideSpec,
  informerOnResultInPlace,
  informerRunInPlace,
  newInformer,
  type InformerTimer,
} from "../../client/informer";
import { isLibraryTag, type InformerTag } from "../../client/library-tag";
import { onCloud, onResponse, progressDeletion, scaleDown } from "./ca-scale-down";
import { scaleUp } from "./ca-scale-up";
import {
  INFORMERS,
  type CaRequest,
  type ClusterAutoscalerConfig,
  type ClusterAutoscalerState,
  type Inf,
} from "./ca-state";

type CaTimer = HttpClientTimer | InformerTimer | { lib?: undefined; t: "scan" };

function boot(cfg: ClusterAutoscalerConfig, _p: unknown, ctx: Ctx): ClusterAutoscalerState {
  const informers = {
    pods: newInformer(clusterWideSpec("pods")),
    nodes: newInformer(clusterWideSpec("nodes")),
    poddisruptionbudgets: newInformer(clusterWideSpec("poddisruptionbudgets")),
  };
  const http: ClusterAutoscalerState["http"] = emptyHttpClient();
  for (const name of INFORMERS) informerRunInPlace(informers[name], http, cfg.api, ctx);
  ctx.after(cfg.scanIntervalMs, { t: "scan" });
  return {
    http,
    informers,
    targetSize: cfg.group.initial,
    lastScaleUp: null,
    lastDelete: null,
    unneeded: {},
    verdicts: {},
    maxReported: null,
    deleting: null,
  };
}

/**
 * The state a handler call edits in place: the run's own (ctx.ownsState, core/draft.ts), else a copy
 * of the containers edited in place (its HTTP client and informers), so that the state passed in
 * stays untouched (the pure step()). Copying on every event made the autoscaler the slowest scenario.
 */
function own(s: ClusterAutoscalerState, ctx: Ctx): ClusterAutoscalerState {
  if (ctx.ownsState === true) return s;
  return {
    ...s,
    http: httpClientCopy(s.http),
    informers: {
      pods: { ...s.informers.pods },
      nodes: { ...s.informers.nodes },
      poddisruptionbudgets: { ...s.informers.poddisruptionbudgets },
    },
  };
}

/** One RunOnce. */
function scan(s: ClusterAutoscalerState, cfg: ClusterAutoscalerConfig, ctx: Ctx): ClusterAutoscalerState {
  if (INFORMERS.some((n) => !s.informers[n].synced)) return s;
  if (s.deleting !== null) return progressDeletion(s, cfg, ctx);
  const scaled = scaleUp(s, cfg, ctx);
  // A loop that scaled up does not also scale down (RunOnce returns after a successful scale-up).
  return scaled !== null ? scaled : scaleDown(s, cfg, ctx);
}

function onResults(
  s0: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  results: readonly HttpResult<CaRequest | InformerTag>[],
  ctx: Ctx,
): ClusterAutoscalerState {
  let s = s0;
  let podsChanged = false;
  for (const r of results) {
    if (isLibraryTag(r.tag)) {
      const name = r.tag.informer as Inf;
      const inf = s.informers[name];
      if (inf === undefined) continue;
      const changes = informerOnResultInPlace(inf, r as HttpResult<InformerTag>, s.http, cfg.api, ctx);
      if (name === "pods" && changes.length > 0) podsChanged = true;
      continue;
    }
    if (r.kind === "response") s = onResponse(s, cfg, r as HttpResponse<CaRequest>, ctx);
  }
  return podsChanged ? progressDeletion(s, cfg, ctx) : s;
}

export const clusterAutoscaler = defineComponent<ClusterAutoscalerConfig, ClusterAutoscalerState, CaTimer>({
  kind: "cluster-autoscaler",
  boot,
  editsOwnedState: true,
  onMessage: (s0, env: Envelope, ctx, cfg) => {
    const s = own(s0, ctx);
    if (env.body.p === "cloud") return onCloud(s, cfg, env.body, ctx);
    return onResults(s, cfg, httpOnMessageInPlace(s.http, cfg.api, env, ctx), ctx);
  },
  onTimer: (s0, timer, ctx, cfg) => {
    const s = own(s0, ctx);
    if (timer.lib === "http") return onResults(s, cfg, httpOnTimerInPlace(s.http, timer, ctx), ctx);
    if (timer.lib === "informer") {
      informerRunInPlace(s.informers[timer.name as Inf], s.http, cfg.api, ctx);
      return s;
    }
    ctx.after(cfg.scanIntervalMs, { t: "scan" });
    return scan(s, cfg, ctx);
  },
});

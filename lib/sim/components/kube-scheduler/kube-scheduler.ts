// kube-scheduler: leader election, informers (nodes, pods, and the workloads default spreading
// looks at), the framework's scheduling queue and cycle (scheduling.ts), binding through the
// pods/binding subresource. Like the controller manager it exits when it loses its Lease.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope } from "../../core/types";
import { emptyHttpClient, httpOnMessageInPlace, httpOnTimerInPlace, type HttpResult } from "../../client/http-client";
import {
  clusterWideSpec,
  informerOnResultInPlace,
  informerOnTimerInPlace,
  startInformersInPlace,
} from "../../client/informer";
import {
  electorOnResultInPlace,
  electorOnTimerInPlace,
  newElector,
  type ElectorEvent,
} from "../../client/leader-election";
import { ownClients } from "../../client/own-clients";
import { newSchedulingQueue } from "../../scheduler/queue";
import { announce } from "../leader-trace";
import { drain, onBindResult, onSchedulerChanges } from "./scheduling";
import {
  SCHEDULER_INFORMERS,
  type SchedulerConfig,
  type SchedulerState,
  type SchedulerTag,
  type SchedulerTimer,
} from "./types";

export type { SchedulerConfig } from "./types";

function synced(s: SchedulerState): boolean {
  return SCHEDULER_INFORMERS.every((n) => s.informers[n]?.synced === true);
}

function onElector(s: SchedulerState, cfg: SchedulerConfig, events: readonly ElectorEvent[], ctx: Ctx): void {
  for (const e of events) {
    announce(e, s.elector.identity, cfg.elector, "scheduler", ctx);
    if (e.kind === "lost") ctx.exit("leaderelection lost");
    if (e.kind !== "acquired") continue;
    s.informers = startInformersInPlace(SCHEDULER_INFORMERS.map(clusterWideSpec), s.http, cfg.api, ctx);
  }
}

/** A result of a client library's own request (leader election, informers): those carry string tags. */
function isLibraryResult(r: HttpResult<SchedulerTag>): r is HttpResult<string> {
  return typeof r.tag === "string";
}

function onHttpResult(s: SchedulerState, cfg: SchedulerConfig, r: HttpResult<SchedulerTag>, ctx: Ctx): void {
  if (!isLibraryResult(r)) {
    // The PodScheduled=False write needs no answer: the pod informer shows it.
    if (r.kind === "response" && typeof r.tag !== "string" && r.tag.op === "bind")
      onBindResult(s, r.status, r.tag, ctx);
    return;
  }
  if (r.tag.startsWith("le:")) {
    onElector(s, cfg, electorOnResultInPlace(s.elector, cfg.elector, s.http, cfg.api, r, ctx), ctx);
    return;
  }
  if (r.tag.startsWith("inf:")) {
    const name = r.tag.split(":")[1] ?? "";
    const inf = s.informers[name];
    if (inf === undefined) return;
    const wasSynced = inf.synced;
    const changes = informerOnResultInPlace(inf, name, r, s.http, cfg.api, ctx);
    onSchedulerChanges(s, changes, ctx.now);
    if (synced(s) && s.elector.leader && (changes.length > 0 || (inf.synced && !wasSynced))) drain(s, cfg, ctx);
    return;
  }
}

function onMessage(s0: SchedulerState, env: Envelope, ctx: Ctx, cfg: SchedulerConfig): SchedulerState {
  const s = ownClients(s0, ctx);
  for (const r of httpOnMessageInPlace(s.http, cfg.api, env, ctx)) onHttpResult(s, cfg, r, ctx);
  return s;
}

function onTimer(s0: SchedulerState, timer: SchedulerTimer, ctx: Ctx, cfg: SchedulerConfig): SchedulerState {
  const s = ownClients(s0, ctx);
  switch (timer.lib) {
    case "http":
      for (const r of httpOnTimerInPlace(s.http, timer, ctx)) onHttpResult(s, cfg, r, ctx);
      return s;
    case "informer":
      informerOnTimerInPlace(s.informers, timer, s.http, cfg.api, ctx);
      return s;
    case "le":
      onElector(s, cfg, electorOnTimerInPlace(s.elector, cfg.elector, s.http, cfg.api, timer, ctx), ctx);
      return s;
    default:
      s.wakeAt = null;
      if (synced(s) && s.elector.leader) drain(s, cfg, ctx);
      return s;
  }
}

export const kubeScheduler = defineComponent<SchedulerConfig, SchedulerState, SchedulerTimer>({
  kind: "kube-scheduler",
  editsOwnedState: true,
  boot: (cfg, _p, ctx) => ({
    http: emptyHttpClient(),
    elector: newElector(`${ctx.host}_${ctx.nextId("id")}`, ctx),
    informers: {},
    queue: newSchedulingQueue(cfg.backoffMs / 1000, cfg.backoffMaxMs / 1000),
    assumed: {},
    reported: {},
    nextStart: 0,
    wakeAt: null,
  }),
  onMessage,
  onTimer,
  onCrash: () => ({ persisted: undefined, peers: [] }),
});

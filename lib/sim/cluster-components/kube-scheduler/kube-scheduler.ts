// kube-scheduler: leader election, informers (nodes, pods, and the workloads default spreading
// looks at), the framework's scheduling queue and cycle (scheduling.ts), binding through the
// pods/binding subresource. Like the controller manager it exits when it loses its Lease.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope } from "../../core/types";
import { emptyHttpClient, type HttpResponse } from "../../client/http-client";
import { clusterWideSpec, type InformerChange } from "../../client/informer";
import { newElector } from "../../client/leader-election";
import type { LibraryTag } from "../../client/library-tag";
import { ownClients } from "../../client/own-clients";
import { newSchedulingQueue } from "../../scheduler-framework/queue";
import { leaderElectedClients } from "../leader-elected";
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

function onInformer(
  s: SchedulerState,
  cfg: SchedulerConfig,
  _name: string,
  changes: readonly InformerChange[],
  justSynced: boolean,
  ctx: Ctx,
): SchedulerState {
  onSchedulerChanges(s, changes, ctx.now);
  if (synced(s) && s.elector.leader && (changes.length > 0 || justSynced)) drain(s, cfg, ctx);
  return s;
}

function onResponse(
  s: SchedulerState,
  _cfg: SchedulerConfig,
  r: HttpResponse<Exclude<SchedulerTag, LibraryTag>>,
  ctx: Ctx,
): SchedulerState {
  // The PodScheduled=False write needs no answer: the pod informer shows it.
  if (r.tag.op === "bind") onBindResult(s, r.status, r.tag, ctx);
  return s;
}

const CLIENTS = leaderElectedClients<SchedulerState, SchedulerConfig>({
  role: "scheduler",
  informerSpecs: () => SCHEDULER_INFORMERS.map(clusterWideSpec),
  onInformer,
  onResponse,
});

function onMessage(s0: SchedulerState, env: Envelope, ctx: Ctx, cfg: SchedulerConfig): SchedulerState {
  return CLIENTS.onMessage(ownClients(s0, ctx), cfg, env, ctx);
}

function onTimer(s0: SchedulerState, timer: SchedulerTimer, ctx: Ctx, cfg: SchedulerConfig): SchedulerState {
  const s = ownClients(s0, ctx);
  if (timer.lib !== undefined) return CLIENTS.onTimer(s, cfg, timer, ctx);
  s.wakeAt = null;
  if (synced(s) && s.elector.leader) drain(s, cfg, ctx);
  return s;
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
});

// A plain etcd client that writes at a fixed rate (the benchmark's load: 10 writes/s is the Lease
// traffic of a 100-node cluster). Counts acknowledged and failed writes. Its handlers edit the state
// they own in place (editsOwnedState): the benchmark's own overhead stays small.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope, Ms } from "../core/types";
import {
  clientCall,
  clientCopy,
  clientInit,
  clientOnMessage,
  clientOnTimer,
  type EtcdClient,
  type EtcdClientConfig,
  type EtcdClientTimer,
  type EtcdResult,
} from "../etcd/client";

export type EtcdLoadConfig = { etcd: EtcdClientConfig; intervalMs: Ms; keys: number };
export type EtcdLoadState = { client: EtcdClient; sent: number; acked: number; failed: number };
type EtcdLoadTimer = EtcdClientTimer | { lib?: undefined; t: "write" };

/**
 * The state a handler call edits in place: the run's own (ctx.ownsState, core/draft.ts) or a copy
 * whose client can be edited without touching the state passed in (the pure step()).
 */
function own(s: EtcdLoadState, ctx: Ctx): EtcdLoadState {
  return ctx.ownsState === true ? s : { client: clientCopy(s.client), sent: s.sent, acked: s.acked, failed: s.failed };
}

function count(s: EtcdLoadState, results: readonly EtcdResult[]): EtcdLoadState {
  for (const r of results) {
    if (r.kind === "txn") s.acked++;
    else if (r.kind === "error") s.failed++;
  }
  return s;
}

export const etcdLoad = defineComponent<EtcdLoadConfig, EtcdLoadState, EtcdLoadTimer>({
  kind: "etcd-load",
  editsOwnedState: true,
  boot: (cfg, _p, ctx) => {
    ctx.after(cfg.intervalMs, { t: "write" });
    return { client: clientInit(cfg.etcd, ctx), sent: 0, acked: 0, failed: 0 };
  },
  onMessage: (s0: EtcdLoadState, env: Envelope, ctx: Ctx, cfg: EtcdLoadConfig) => {
    const s = own(s0, ctx);
    return count(s, clientOnMessage(s.client, cfg.etcd, env, ctx));
  },
  onTimer: (s0, timer, ctx, cfg) => {
    const s = own(s0, ctx);
    if (timer.lib === "etcd") {
      clientOnTimer(s.client, cfg.etcd, timer, ctx);
      return s;
    }
    ctx.after(cfg.intervalMs, { t: "write" });
    const key = `/registry/leases/kube-node-lease/node-${s.sent % cfg.keys}`;
    const call = {
      kind: "txn" as const,
      op: { op: "put" as const, key, value: { renewTime: ctx.now } },
      quiet: true,
      summary: `renew ${key}`,
    };
    clientCall(s.client, cfg.etcd, ctx.nextId("load"), call, ctx);
    s.sent++;
    return s;
  },
});

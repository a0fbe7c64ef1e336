// A plain etcd client that writes at a fixed rate (the benchmark's load: 10 writes/s is the Lease
// traffic of a 100-node cluster). Counts acknowledged and failed writes.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope, Ms } from "../core/types";
import { clientCall, clientInit, clientOnMessage, clientOnTimer, type EtcdClient, type EtcdClientConfig, type EtcdClientTimer, type EtcdResult } from "../etcd/client";

export type EtcdLoadConfig = { etcd: EtcdClientConfig; intervalMs: Ms; keys: number };
export type EtcdLoadState = { client: EtcdClient; sent: number; acked: number; failed: number };
export type EtcdLoadTimer = EtcdClientTimer | { lib?: undefined; t: "write" };

function count(s: EtcdLoadState, results: EtcdResult[]): EtcdLoadState {
  let { acked, failed } = s;
  for (const r of results) {
    if (r.kind === "txn") acked++;
    else if (r.kind === "error") failed++;
  }
  return { ...s, acked, failed };
}

export const etcdLoad = defineComponent<EtcdLoadConfig, EtcdLoadState, EtcdLoadTimer>({
  kind: "etcd-load",
  boot: (cfg, _p, ctx) => {
    ctx.after(cfg.intervalMs, { t: "write" });
    return { client: clientInit(cfg.etcd, ctx), sent: 0, acked: 0, failed: 0 };
  },
  onMessage: (s: EtcdLoadState, env: Envelope, ctx: Ctx, cfg: EtcdLoadConfig) => {
    const { c, results } = clientOnMessage(s.client, cfg.etcd, env, ctx);
    return count({ ...s, client: c }, results);
  },
  onTimer: (s, timer, ctx, cfg) => {
    if (timer.lib === "etcd") {
      const { c, results } = clientOnTimer(s.client, cfg.etcd, timer, ctx);
      return count({ ...s, client: c }, results);
    }
    ctx.after(cfg.intervalMs, { t: "write" });
    const key = `/registry/leases/kube-node-lease/node-${s.sent % cfg.keys}`;
    const call = { kind: "txn" as const, op: { op: "put" as const, key, value: { renewTime: ctx.now } }, quiet: true, summary: `renew ${key}` };
    return { ...s, sent: s.sent + 1, client: clientCall(s.client, cfg.etcd, ctx.nextId("load"), call, ctx) };
  },
  onCrash: () => ({ persisted: undefined, peers: [] }),
});

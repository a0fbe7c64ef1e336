// What the per-role builders share while laying out one cluster: the processes and hosts placed so
// far, the etcd peers, and where outside clients send their API requests.
import { makeProc } from "../core/proc";
import type { Host, Proc, ProcId } from "../core/types";
import type { Tuning } from "./defaults";
import type { ClusterSpec } from "./spec";

export type Layout = {
  spec: ClusterSpec;
  t: Tuning;
  procs: Record<ProcId, Proc>;
  hosts: Record<string, Host>;
  peers: Record<number, ProcId>;
  /** Where workers, kubectl and other outside clients send API requests: the LB when there is one. */
  apiEndpoint: ProcId;
  runtimes: Record<string, ProcId>;
};

/** A process that has not started yet. Pure. */
export function proc(id: ProcId, kind: string, host: string, supervisor: ProcId | null, config: unknown): Proc {
  return makeProc({
    id,
    kind,
    host,
    up: false,
    disabled: false,
    incarnation: 0,
    startedAt: 0,
    supervisor,
    config,
    state: null,
    persisted: undefined,
  });
}

/** Places `p`, creating its host (up, in `zone`) the first time the host is named. */
export function add(l: Layout, p: Proc, zone = "zone-a"): void {
  l.procs[p.id] = p;
  l.hosts[p.host] ??= { up: true, zone };
}

/** 1, 2, …, n. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

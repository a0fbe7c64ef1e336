// A bare etcd cluster (no Kubernetes), optionally with a client writing at a fixed rate: used by
// the Raft tests and the throughput benchmark.
// A world is run by the component handlers the registry installs into the engine core.
import "../cluster-components/registry";
import { createNet } from "../core/network";
import { makeProc } from "../core/proc";
import { seedRng } from "../core/rng";
import type { Host, Ms, Proc, ProcId, SimEvent, World } from "../core/types";
import type { EtcdLoadConfig } from "../cluster-components/etcd-load";
import type { EtcdConfig, EtcdTiming } from "../etcd/member-types";
import { DEFAULT_TUNING } from "./defaults";

export type EtcdClusterSpec = {
  members: number;
  writesPerSec: number;
  preVote: boolean;
  checkQuorum: boolean;
  latencyMs: Ms;
  fastPaths: boolean;
};

export const DEFAULT_ETCD_SPEC: EtcdClusterSpec = {
  members: 3,
  writesPerSec: 0,
  preVote: true,
  checkQuorum: true,
  latencyMs: DEFAULT_TUNING.networkLatencyMs,
  fastPaths: true,
};

function etcdTimingFor(spec: Pick<EtcdClusterSpec, "preVote" | "checkQuorum" | "fastPaths">): EtcdTiming {
  const t = DEFAULT_TUNING;
  return {
    heartbeatMs: t.etcdHeartbeatMs,
    electionMs: t.etcdElectionMs,
    requestTimeoutMs: t.etcdRequestTimeoutMs,
    noLeaderChecks: t.etcdNoLeaderChecks,
    readIndexRetryMs: t.etcdReadIndexRetryMs,
    preVote: spec.preVote,
    checkQuorum: spec.checkQuorum,
    fastPaths: spec.fastPaths,
  };
}

function proc(id: ProcId, kind: string, config: unknown): Proc {
  return makeProc({
    id,
    kind,
    host: id,
    up: false,
    disabled: false,
    incarnation: 0,
    startedAt: 0,
    supervisor: null,
    config,
    state: null,
    persisted: undefined,
  });
}

export function buildEtcdCluster(
  spec: EtcdClusterSpec,
  seed: number,
): { world: World; boot: { at: Ms; ev: SimEvent }[] } {
  const peers: Record<number, ProcId> = {};
  for (let i = 1; i <= spec.members; i++) peers[i] = `etcd-${i}`;
  const procs: Record<ProcId, Proc> = {};
  const hosts: Record<string, Host> = {};
  for (let i = 1; i <= spec.members; i++) {
    const cfg: EtcdConfig = { id: i, peers, timing: etcdTimingFor(spec) };
    procs[`etcd-${i}`] = proc(`etcd-${i}`, "etcd", cfg);
    hosts[`etcd-${i}`] = { up: true, zone: "zone-a" };
  }
  if (spec.writesPerSec > 0) {
    const t = DEFAULT_TUNING;
    const cfg: EtcdLoadConfig = {
      etcd: {
        endpoints: Object.values(peers),
        retryMs: t.etcdClientRetryMs,
        maxRetries: t.etcdClientMaxRetries,
        reconnectBaseMs: t.grpcReconnectBaseMs,
        reconnectMaxMs: t.grpcReconnectMaxMs,
      },
      intervalMs: Math.round(1000 / spec.writesPerSec),
      keys: 100,
    };
    procs["etcd-load"] = proc("etcd-load", "etcd-load", cfg);
    hosts["etcd-load"] = { up: true, zone: "zone-a" };
  }
  const world: World = { now: 0, rng: seedRng(seed), procs, hosts, net: createNet(spec.latencyMs), nextId: 1 };
  const ids = Object.keys(procs).sort();
  return {
    world,
    boot: ids.map((id, i) => ({ at: i * 10, ev: { kind: "action", action: { type: "start", target: id } } })),
  };
}

// A fluent harness for engine tests (after TigerBeetle's replica_test.zig): build a cluster, run
// virtual time, inject faults, and ask questions, with every invariant checked after every step.
import { buildCluster } from "@/lib/sim/cluster/build";
import { DEFAULT_SPEC, type ClusterSpec } from "@/lib/sim/cluster/spec";
import { buildEtcdCluster, DEFAULT_ETCD_SPEC, type EtcdClusterSpec } from "@/lib/sim/cluster/build-etcd";
import { applyNow, createSim, runUntil, scheduleAt, type Sim, type TraceEvent } from "@/lib/sim/core/run";
import type { Action, Command, Ms, SimEvent, World } from "@/lib/sim/core/types";
import type { EtcdState } from "@/lib/sim/etcd/member-types";
import { createInvariantChecker, type InvariantChecker } from "@/lib/sim/invariants";

export type Harness = {
  sim: Sim;
  checker: InvariantChecker;
  /** Called after every step (after the invariants), e.g. to print Raft messages as they arrive. */
  listeners: ((world: World, ev: SimEvent) => void)[];
  readonly now: Ms;
  readonly world: World;
  runFor(ms: Ms): Harness;
  /** Runs until `pred` holds (checked after each step's batch at 10 ms granularity), at most `maxMs`. */
  runUntil(pred: (h: Harness) => boolean, maxMs: Ms): Harness;
  act(action: Action): Harness;
  crash(target: string): Harness;
  stop(target: string): Harness;
  start(target: string): Harness;
  partition(...groups: string[][]): Harness;
  heal(): Harness;
  kubectl(name: string, args: Command["args"]): Harness;
  etcd(id: string): EtcdState;
  /** The member that is leader in the highest term, if any. */
  leader(): string | null;
  leaders(): string[];
  events(type?: string): TraceEvent[];
};

function harness(world: World, boot: { at: Ms; ev: Parameters<typeof scheduleAt>[2] }[]): Harness {
  const sim = createSim(world);
  const checker = createInvariantChecker();
  const listeners: ((world: World, ev: SimEvent) => void)[] = [];
  const hook = (w: World, ev: SimEvent) => {
    checker.check(w);
    for (const l of listeners) l(w, ev);
  };
  for (const b of boot) scheduleAt(sim, b.at, b.ev);
  const h: Harness = {
    sim,
    checker,
    listeners,
    get now() {
      return sim.world.now;
    },
    get world() {
      return sim.world;
    },
    runFor(ms) {
      runUntil(sim, sim.world.now + ms, hook);
      return h;
    },
    runUntil(pred, maxMs) {
      const end = sim.world.now + maxMs;
      while (!pred(h)) {
        if (sim.world.now >= end) throw new Error(`condition not reached within ${maxMs} ms (now ${sim.world.now})`);
        runUntil(sim, Math.min(end, sim.world.now + 10), hook);
      }
      return h;
    },
    act(action) {
      applyNow(sim, { kind: "action", action }, hook);
      return h;
    },
    crash: (target) => h.act({ type: "crash", target }),
    stop: (target) => h.act({ type: "stop", target }),
    start: (target) => h.act({ type: "start", target }),
    partition: (...groups) => h.act({ type: "partition", groups }),
    heal: () => h.act({ type: "heal" }),
    kubectl: (name, args) => h.act({ type: "command", target: "kubectl", command: { name, args } }),
    etcd(id) {
      const p = sim.world.procs[id];
      if (p === undefined || !p.up) throw new Error(`${id} is not running`);
      return p.state as EtcdState;
    },
    leaders() {
      return Object.keys(sim.world.procs)
        .filter(
          (id) =>
            sim.world.procs[id]!.kind === "etcd" &&
            sim.world.procs[id]!.up &&
            (sim.world.procs[id]!.state as EtcdState).raft.role === "leader",
        )
        .sort();
    },
    leader() {
      const ls = h.leaders().sort((a, b) => h.etcd(b).raft.term - h.etcd(a).raft.term);
      return ls[0] ?? null;
    },
    events(type) {
      return type === undefined ? sim.trace : sim.trace.filter((e) => e.type === type);
    },
  };
  return h;
}

/** A bare etcd cluster (hosts etcd-1..n). */
export function etcdCluster(spec: Partial<EtcdClusterSpec> = {}, seed = 1): Harness {
  const { world, boot } = buildEtcdCluster({ ...DEFAULT_ETCD_SPEC, ...spec }, seed);
  return harness(world, boot);
}

/** A Kubernetes cluster (defaults: 3 stacked control-plane nodes, 2 workers). */
export function k8sCluster(spec: Partial<ClusterSpec> = {}, seed = 1): Harness {
  const { world, boot } = buildCluster({ ...DEFAULT_SPEC, ...spec }, seed);
  return harness(world, boot);
}

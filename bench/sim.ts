// npm run bench -- sim: the simulation engine against its targets.
//  1. every scenario at default params (the five workload scenarios included): median wall
//     time of a full run in a warm process, target < 20 ms;
//  2. a 5-member etcd cluster, one hour of virtual time, 10 writes/s: wall time, target < 1 s;
//  3. every scenario's JSON trace at default params: size, target < 100 KB (with its gzipped size and
//     the raft tape's share, where the scenario records one);
//  4. what recording the raft tape costs: the same runs with the tape off, informational;
//  5. the fault lab's shared prefix: a 60 s scenario with one fault near its end, run in full and
//     resumed from a snapshot of the base run, target: resumed < full (and what taking the snapshots
//     costs the base run, informational).
import os from "node:os";
import { gzipSync } from "node:zlib";
import { buildEtcdCluster, DEFAULT_ETCD_SPEC } from "@/lib/sim/cluster/build-etcd";
import { createSim, runUntil, scheduleAt } from "@/lib/sim/core/run";
import {
  findScenario,
  generate,
  GENERATOR_KINDS,
  runScenario,
  SCENARIO_IDS,
  type Fault,
  type PrefixSnapshot,
  type RunOptions,
} from "@/lib/sim";
import type { EtcdLoadState } from "@/lib/sim/cluster-components/etcd-load";
import { calibrate } from "./support/calibrate";

const RUNS = 15;
let failed = false;

// Other processes on the machine inflate wall times: print the load average with the figures.
const loadAverage = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" / ");
console.log(`load average (1 / 5 / 15 min) at start: ${loadAverage()}`);
// scripts/bench.ts gives this process the heavy pool's young generation (lib/pool/heavy-pool.ts SIM_SEMI_SPACE_MB).
console.log(`node flags: ${process.execArgv.filter((f) => f.startsWith("--max-semi")).join(" ") || "(V8 defaults)"}`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function report(label: string, value: number, unit: string, target: number): void {
  const ok = value < target;
  if (!ok) failed = true;
  console.log(
    `${label.padEnd(60)} ${value.toFixed(1).padStart(9)} ${unit.padEnd(3)} ` +
      `target < ${target} ${unit}  ${ok ? "ok" : "MISSED"}`,
  );
}

// Warm the JIT on every scenario first: the figures are for a warm process (the API route's server),
// and without this the first scenario measured would also pay for compiling the shared engine code.
for (let round = 0; round < 3; round++) for (const id of SCENARIO_IDS) runScenario(id, {}, 100 + round);

/** Median wall time of a run of `id` at default params over seeds 1..RUNS, and its step count. */
function timeRuns(id: string, options: RunOptions = {}): { ms: number; steps: number } {
  const times: number[] = [];
  let steps = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const t0 = performance.now();
    steps = runScenario(id, {}, seed, options).stats.steps;
    times.push(performance.now() - t0);
  }
  return { ms: median(times), steps };
}

// Machines (and the load on them) differ 2-3x: each scenario's time also prints as a ratio to a fixed
// workload timed just before it, which compares across machines and runs where milliseconds do not.
const withTape = new Map<string, number>();
for (const id of SCENARIO_IDS) {
  const calibration = calibrate();
  const { ms, steps } = timeRuns(id);
  if (findScenario(id)!.raftTape === true) withTape.set(id, ms);
  report(`scenario ${id} (median of ${RUNS}, ${steps} steps)`, ms, "ms", 20);
  console.log(`  ${(ms / calibration).toFixed(2)}× cal (calibration ${calibration.toFixed(1)} ms)`);
}
for (const [id, ms] of withTape) {
  const off = timeRuns(id, { raftTape: false }).ms;
  console.log(
    `  ${id}: ${ms.toFixed(1)} ms with the raft tape, ${off.toFixed(1)} ms without ` +
      `(${(ms - off >= 0 ? "+" : "") + (ms - off).toFixed(1)} ms, ${(((ms - off) / off) * 100).toFixed(0)}%)`,
  );
}

{
  const { world, boot } = buildEtcdCluster({ ...DEFAULT_ETCD_SPEC, members: 5, writesPerSec: 10 }, 1);
  const sim = createSim(world);
  for (const b of boot) scheduleAt(sim, b.at, b.ev);
  const t0 = performance.now();
  runUntil(sim, 3_600_000);
  const ms = performance.now() - t0;
  const load = sim.world.procs["etcd-load"]!.state as EtcdLoadState;
  report(`etcd 5 members, 1 h, 10 writes/s (${sim.steps} steps)`, ms, "ms", 1000);
  console.log(
    `  ${load.acked} of ${load.sent} writes acknowledged, ${load.failed} ` +
      `failed; ${((ms * 1000) / sim.steps).toFixed(2)} µs per step`,
  );
  if (load.acked < load.sent - 1) failed = true;
}

{
  const kb = (text: string) => (Buffer.byteLength(text) / 1024).toFixed(1);
  for (const id of SCENARIO_IDS) {
    const trace = runScenario(id, {}, 1);
    const json = JSON.stringify(trace);
    report(`trace JSON of ${id} at default params`, Buffer.byteLength(json) / 1024, "KB", 100);
    const tape =
      trace.raft === undefined
        ? ""
        : `; raft tape ${kb(JSON.stringify(trace.raft))} KB, trace without ` +
          `it ${kb(JSON.stringify({ ...trace, raft: undefined }))} KB`;
    console.log(`  gzipped ${(gzipSync(json).length / 1024).toFixed(1)} KB${tape}`);
  }
}

{
  // A faulted run re-runs everything before its first fault unless it resumes from the base run's
  // snapshot at (or before) that fault: scheduling lasts 60 s, the fault comes at 55 s.
  const id = "scheduling";
  const faults: Fault[] = [{ atMs: 55_000, kind: "power-off", target: "node-2" }];
  const fresh = () => {
    const runs = new Map<string, PrefixSnapshot[]>();
    return { snapshotsFor: (key: string) => runs.get(key) ?? runs.set(key, []).get(key)! };
  };
  const shared = fresh();
  runScenario(id, {}, 1, { prefixes: shared });
  const calibration = calibrate();
  const full = timeRuns(id, { faults });
  const timeSeed1 = (options: () => RunOptions) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const o = options();
      const t0 = performance.now();
      runScenario(id, {}, 1, o);
      times.push(performance.now() - t0);
    }
    return median(times);
  };
  const fullSeed1 = timeSeed1(() => ({ faults }));
  const resumed = timeSeed1(() => ({ faults, prefixes: shared }));
  console.log(
    `fault lab: ${id} (60 s) with a fault at 55 s, median of ${RUNS}: full run ${fullSeed1.toFixed(2)} ms ` +
      `(${(fullSeed1 / calibration).toFixed(3)}× cal; ${full.ms.toFixed(2)} ms over seeds 1..${RUNS}), ` +
      `resumed from the prefix ${resumed.toFixed(2)} ms (${(resumed / calibration).toFixed(3)}× cal)`,
  );
  report("  resumed run as a share of the full run", (resumed / fullSeed1) * 100, "%", 100);
  const plain = timeSeed1(() => ({}));
  const keeping = timeSeed1(() => ({ prefixes: fresh() }));
  console.log(
    `  the base run taking its snapshots: ${keeping.toFixed(2)} ms, without ${plain.toFixed(2)} ms ` +
      `(${(keeping / calibration).toFixed(3)}× / ${(plain / calibration).toFixed(3)}× cal)`,
  );
}

{
  // Question generators run their replay scenario once: informational, no target.
  for (const kind of GENERATOR_KINDS) {
    const times: number[] = [];
    for (let seed = 1; seed <= 7; seed++) {
      const t0 = performance.now();
      generate(kind, seed);
      times.push(performance.now() - t0);
    }
    console.log(`  generate ${kind}: median ${median(times).toFixed(1)} ms over 7 seeds`);
  }
}

console.log(`load average (1 / 5 / 15 min) at end: ${loadAverage()}`);
process.exitCode = failed ? 1 : 0;

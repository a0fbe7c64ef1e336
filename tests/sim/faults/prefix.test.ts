// Prefix sharing: a faulted run that resumes from a snapshot of the base run (faults/prefix.ts,
// core/snapshot.ts) is byte-identical to the same faulted run made from scratch, for several
// scenarios (with and without the raft tape) and fault times.
import { describe, expect, it } from "vitest";
import {
  latestSnapshot,
  runScenario,
  SNAPSHOTS_PER_RUN_MAX,
  type Fault,
  type PrefixSnapshot,
  type PrefixStore,
} from "@/lib/sim";

function memoryStore(): PrefixStore & { runs: Map<string, PrefixSnapshot[]> } {
  const runs = new Map<string, PrefixSnapshot[]>();
  return {
    runs,
    snapshotsFor(key) {
      if (!runs.has(key)) runs.set(key, []);
      return runs.get(key)!;
    },
  };
}

function onlyRun(store: ReturnType<typeof memoryStore>): PrefixSnapshot[] {
  expect(store.runs.size).toBe(1);
  return [...store.runs.values()][0]!;
}

const CASES: { scenario: string; faults: Fault[] }[] = [
  { scenario: "etcd-outage", faults: [{ atMs: 10_000, kind: "stop", target: "etcd-3" }] },
  {
    scenario: "etcd-outage",
    faults: [{ atMs: 45_500, kind: "restart", target: "etcd-2", params: { downMs: 30_000 } }],
  },
  { scenario: "etcd-outage", faults: [{ atMs: 229_999, kind: "power-off", target: "node-1" }] },
  {
    scenario: "control-plane-ha",
    faults: [
      { atMs: 60_000, kind: "partition", groups: [["cp-2"]] },
      { atMs: 70_000, kind: "heal" },
    ],
  },
  { scenario: "control-plane-ha", faults: [{ atMs: 157_001, kind: "stop", target: "kube-apiserver-2" }] },
  {
    scenario: "node-failure",
    faults: [{ atMs: 100_000, kind: "kubectl", params: { command: "scale", deployment: "web", replicas: 5 } }],
  },
  { scenario: "scheduling", faults: [{ atMs: 55_000, kind: "power-off", target: "node-2" }] },
  {
    scenario: "scheduling",
    faults: [{ atMs: 20_000, kind: "link", targets: ["cp-1", "node-1"], params: { delayMs: 300, dropPer1000: 200 } }],
  },
];

describe("a faulted run resumed from the base run's prefix", () => {
  it.each(CASES)("$scenario with $faults.0.kind at $faults.0.atMs ms equals the run from scratch", (c) => {
    const store = memoryStore();
    const base = runScenario(c.scenario, {}, 1, { prefixes: store });
    expect(JSON.stringify(base) === JSON.stringify(runScenario(c.scenario, {}, 1)), "snapshots changed the base").toBe(
      true,
    );
    const resumed = runScenario(c.scenario, {}, 1, { faults: c.faults, prefixes: store });
    const scratch = runScenario(c.scenario, {}, 1, { faults: c.faults });
    expect(scratch.events.some((e) => e.t >= c.faults[0]!.atMs)).toBe(true);
    expect(JSON.stringify(resumed) === JSON.stringify(scratch), "the resumed run differs from scratch").toBe(true);
  });

  it("resumes from the latest snapshot at or before the first fault (a marked snapshot shows in its steps)", () => {
    const store = memoryStore();
    runScenario("etcd-outage", {}, 1, { prefixes: store });
    const kept = onlyRun(store);
    const faults: Fault[] = [{ atMs: 100_000, kind: "stop", target: "etcd-1" }];
    const snap = latestSnapshot(kept, 100_000)!;
    expect(snap.at).toBe(100_000);
    kept[kept.indexOf(snap)] = { ...snap, sim: { ...snap.sim, steps: snap.sim.steps + 1000 } };
    const resumed = runScenario("etcd-outage", {}, 1, { faults, prefixes: store });
    const scratch = runScenario("etcd-outage", {}, 1, { faults });
    expect(resumed.stats.steps).toBe(scratch.stats.steps + 1000);
    expect(resumed.events).toEqual(scratch.events);
  });

  it("serves many faulted runs from one snapshot, on the in-place and the pure paths", () => {
    const store = memoryStore();
    runScenario("node-failure", {}, 1, { prefixes: store });
    const runs = [
      { atMs: 150_000, transient: true },
      { atMs: 110_000, transient: false },
      { atMs: 110_000, transient: true },
    ];
    for (const { atMs, transient } of runs) {
      const faults: Fault[] = [{ atMs, kind: "crash", target: "kube-controller-manager-1" }];
      const resumed = runScenario("node-failure", {}, 1, { faults, prefixes: store, transient });
      const scratch = runScenario("node-failure", {}, 1, { faults });
      expect(JSON.stringify(resumed) === JSON.stringify(scratch), `fault at ${atMs}, transient ${transient}`).toBe(
        true,
      );
    }
  });

  it("keeps a bounded number of snapshots per run, taken only before the first fault", () => {
    const store = memoryStore();
    runScenario("cluster-autoscaler", {}, 1, { prefixes: store });
    expect(onlyRun(store).length).toBeLessThanOrEqual(SNAPSHOTS_PER_RUN_MAX);
    const faulted = memoryStore();
    runScenario("scheduling", {}, 1, { faults: [{ atMs: 12_000, kind: "heal" }], prefixes: faulted });
    expect(onlyRun(faulted).map((s) => s.at)).toEqual([5000, 10_000]);
  });
});

// The engine core: the PRNG, the (t, seq) queue, timers of a crashed process, and that step() is
// pure while the run loop's in-place path produces exactly the same worlds and traces.
import { describe, expect, it } from "vitest";
import { createQueue, queueItems, queueNextTime, queuePush, queueTake, type Queued } from "@/lib/sim/core/queue";
import { createRng, seedRng } from "@/lib/sim/core/rng";
import { step } from "@/lib/sim/core/step";
import { createSim, runUntil, scheduleAt, SimBoundError } from "@/lib/sim/core/run";
import { buildCluster } from "@/lib/sim/cluster/build";
import { DEFAULT_SPEC } from "@/lib/sim/cluster/spec";
import { buildEtcdCluster, DEFAULT_ETCD_SPEC } from "@/lib/sim/cluster/build-etcd";
import { runScenario } from "@/lib/sim";
import type { World } from "@/lib/sim/core/types";
import { deepFreeze } from "../helpers/deep-freeze";
import { etcdCluster, k8sCluster } from "./harness";

describe("rng", () => {
  it("is a pure function of the seed", () => {
    const a = createRng(seedRng(42));
    const b = createRng(seedRng(42));
    const xs = Array.from({ length: 20 }, () => a.int(1000));
    expect(Array.from({ length: 20 }, () => b.int(1000))).toEqual(xs);
    expect(createRng(seedRng(43)).int(1000)).not.toBe(xs[0]);
  });

  it("stays within bounds and covers them", () => {
    const r = createRng(seedRng(7));
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = r.range(10, 19);
      expect(x >= 10 && x <= 19).toBe(true);
      seen.add(x);
    }
    expect(seen.size).toBe(10);
  });

  it("hits an integer ratio about as often as it says", () => {
    const r = createRng(seedRng(9));
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (r.chance({ num: 1, den: 4 })) hits++;
    expect(hits).toBeGreaterThan(2300);
    expect(hits).toBeLessThan(2700);
  });

  it("does not modify the state it was created from", () => {
    const s = seedRng(1);
    const copy = [...s];
    createRng(s).int(10);
    expect([...s]).toEqual(copy);
  });

  it("rejects non-integer seeds and bounds", () => {
    expect(() => seedRng(1.5)).toThrow(RangeError);
    expect(() => createRng(seedRng(1)).int(0)).toThrow(RangeError);
  });
});

describe("queue", () => {
  it("pops by time, then by insertion order for equal times", () => {
    const q = createQueue<string>();
    const items: [number, string][] = [
      [5, "a"],
      [1, "b"],
      [5, "c"],
      [3, "d"],
      [1, "e"],
      [5, "f"],
    ];
    for (const [t, ev] of items) queuePush(q, t, ev);
    expect(queueItems(q).map((x) => x.ev)).toEqual(["b", "e", "d", "a", "c", "f"]);
    const out: string[] = [];
    while (queueNextTime(q) !== undefined) out.push(queueTake(q));
    expect(out).toEqual(["b", "e", "d", "a", "c", "f"]);
  });

  /**
   * Pushes 6000 items at `now + delay()` (never before 0), popping one half the time, and checks every
   * pop and the final contents against a plain sort by (time, insertion).
   */
  function checkAgainstSort(seed: number, delay: (rng: ReturnType<typeof createRng>) => number) {
    const rng = createRng(seedRng(seed));
    const q = createQueue<number>();
    const pending: Queued<number>[] = [];
    let now = 0;
    for (let seq = 0; seq < 6000; seq++) {
      if (pending.length > 0 && rng.chance({ num: 1, den: 2 })) {
        pending.sort((x, y) => x.t - y.t || x.seq - y.seq);
        const want = pending.shift()!;
        expect(queueNextTime(q)).toBe(want.t);
        expect(queueTake(q)).toBe(want.ev);
        now = Math.max(now, want.t);
      }
      const item = { t: Math.max(0, now + delay(rng)), seq, ev: seq };
      queuePush(q, item.t, item.ev);
      pending.push(item);
    }
    pending.sort((x, y) => x.t - y.t || x.seq - y.seq);
    expect(queueItems(q)).toEqual(pending);
    for (const want of pending) expect(queueTake(q)).toBe(want.ev);
    expect(queueNextTime(q)).toBeUndefined();
  }

  it("matches a sort by (time, insertion) under interleaved pushes and pops", () => {
    // Mostly the same few delays, as a run schedules (loopback, latency, ticks), plus rare far ones.
    checkAgainstSort(17, (rng) => [0, 1, 1, 1, 100, rng.int(5000)][rng.int(6)]!);
  });

  it("keeps that order across the near ring's edge, its wrap-around and times before the last pop", () => {
    // Delays on both sides of the ring's 256 ms, and now and then a time already passed.
    checkAgainstSort(29, (rng) => [0, 31, 32, 255, 256, 257, 511, 512, -3][rng.int(9)]!);
  });
});

describe("step", () => {
  it("never mutates the world it is given", () => {
    const { world, boot } = buildEtcdCluster({ ...DEFAULT_ETCD_SPEC, members: 3, writesPerSec: 20 }, 5);
    const sim = createSim(world, undefined, false);
    for (const b of boot) scheduleAt(sim, b.at, b.ev);
    let checked = 0;
    runUntil(sim, 3000, (w) => {
      deepFreeze(w); // any later step that writes into an earlier world throws in strict mode
      checked++;
    });
    expect(checked).toBeGreaterThan(500);
  });

  it("never mutates the world it is given, with API servers, controllers and kubelets too", () => {
    // Components that edit owned states in place (etcd, kube-apiserver) must copy on this path.
    const { world, boot } = buildCluster({ ...DEFAULT_SPEC }, 7);
    const sim = createSim(world, undefined, false);
    for (const b of boot) scheduleAt(sim, b.at, b.ev);
    let checked = 0;
    runUntil(sim, 20_000, (w) => {
      deepFreeze(w);
      checked++;
    });
    expect(checked).toBeGreaterThan(2000);
  });

  it("ignores a timer armed by a previous incarnation of a crashed process", () => {
    const h = etcdCluster({ members: 3 }, 3).runUntil((x) => x.leader() !== null, 5000);
    const leader = h.leader()!;
    const staleTick = queueItems(h.sim.queue).find((q) => q.ev.kind === "timer" && q.ev.proc === leader);
    expect(staleTick).toBeDefined();
    h.crash(leader).start(leader);
    const w: World = h.world;
    const res = step(w, staleTick!.ev, w.now);
    expect(res.world.procs[leader]).toBe(w.procs[leader]);
    expect(res.emitted).toEqual([]);
  });

  it("gives the same trace and world on the pure and the in-place paths", () => {
    const a = runScenario("etcd-quorum-loss", { members: 3, down: 2 }, 11, { transient: true });
    const b = runScenario("etcd-quorum-loss", { members: 3, down: 2 }, 11, { transient: false });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe("bounds", () => {
  it("reports an exceeded event bound instead of running on", () => {
    const { world, boot } = buildEtcdCluster(DEFAULT_ETCD_SPEC, 1);
    const sim = createSim(world, { eventsMax: 200, queueMax: 1000 });
    for (const b of boot) scheduleAt(sim, b.at, b.ev);
    expect(() => runUntil(sim, 60_000)).toThrow(SimBoundError);
  });

  it("marks the trace of a scenario that hit a bound as failed", () => {
    const trace = runScenario("etcd-quorum-loss", {}, 1, { bounds: { eventsMax: 500, queueMax: 100_000 } });
    expect(trace.outcome.status).toBe("bound-exceeded");
    expect(trace.claims).toEqual([expect.objectContaining({ id: "within-bounds", passed: false })]);
  });
});

describe("world", () => {
  it("survives a JSON round trip unchanged at any point of a run", () => {
    const { world, boot } = buildEtcdCluster({ ...DEFAULT_ETCD_SPEC, members: 3, writesPerSec: 5 }, 2);
    const sim = createSim(world);
    for (const b of boot) scheduleAt(sim, b.at, b.ev);
    for (const t of [500, 3000, 9000]) {
      runUntil(sim, t);
      expect(JSON.parse(JSON.stringify(sim.world))).toEqual(sim.world);
    }
    const h = k8sCluster({}, 3).runFor(8000).kubectl("apply", { name: "web", replicas: 2 }).runFor(20_000);
    expect(JSON.parse(JSON.stringify(h.world))).toEqual(h.world);
  });
});

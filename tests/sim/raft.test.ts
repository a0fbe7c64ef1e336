// etcd's Raft behaviour in the fluent harness, with every invariant checked after every step:
// elections within etcd's timeouts, PreVote and CheckQuorum, partitions, restarts and replication.
import { describe, expect, it } from "vitest";
import { buildEtcdCluster, DEFAULT_ETCD_SPEC } from "@/lib/sim/cluster/build-etcd";
import { createSim, runUntil, scheduleAt } from "@/lib/sim/core/run";
import type { EtcdLoadState } from "@/lib/sim/cluster-components/etcd-load";
import { etcdCluster } from "./harness";

const first = (h: ReturnType<typeof etcdCluster>, type: string, from = 0) => h.events(type).find((e) => e.t >= from);

describe("elections", () => {
  it("elects one leader within an election timeout of starting (initial-election-tick-advance)", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const h = etcdCluster({ members: 3 }, seed).runFor(3000);
      expect(h.leaders()).toHaveLength(1);
      expect(first(h, "raft.became-leader")!.t).toBeLessThan(1500);
    }
  });

  it("times out a dead leader after the randomized election timeout of 1.0 to 1.9 s", () => {
    const delays: number[] = [];
    for (let seed = 1; seed <= 30; seed++) {
      const h = etcdCluster({ members: 3 }, seed)
        .runUntil((x) => x.leader() !== null, 5000)
        .runFor(2000);
      const stopAt = h.now;
      h.stop(h.leader()!).runUntil((x) => x.leader() !== null, 10_000);
      delays.push(first(h, "raft.became-pre-candidate", stopAt)!.t - stopAt);
    }
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(900);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1900);
    expect(new Set(delays).size).toBeGreaterThan(5); // randomized, not one fixed value
  });

  it("keeps terms stable while a member that cannot win campaigns (PreVote)", () => {
    const h = etcdCluster({ members: 3 }, 2).runUntil((x) => x.leader() !== null, 5000);
    const term = h.etcd(h.leader()!).raft.term;
    const lonely = ["etcd-1", "etcd-2", "etcd-3"].find((id) => id !== h.leader())!;
    const others = ["etcd-1", "etcd-2", "etcd-3"].filter((id) => id !== lonely);
    h.partition([lonely], others).runFor(20_000);
    expect(h.etcd(lonely).raft.term).toBe(term);
    expect(h.events("raft.campaign-repeated").length).toBeGreaterThan(0);
    h.heal().runFor(5000);
    expect(h.etcd(h.leader()!).raft.term).toBe(term); // the rejoining member did not depose the leader
  });

  it("without PreVote, an isolated member's term climbs and disrupts the leader when it returns", () => {
    const h = etcdCluster({ members: 3, preVote: false }, 2).runUntil((x) => x.leader() !== null, 5000);
    const term = h.etcd(h.leader()!).raft.term;
    const lonely = ["etcd-1", "etcd-2", "etcd-3"].find((id) => id !== h.leader())!;
    h.partition(
      [lonely],
      ["etcd-1", "etcd-2", "etcd-3"].filter((id) => id !== lonely),
    ).runFor(20_000);
    expect(h.etcd(lonely).raft.term).toBeGreaterThan(term + 5);
    h.heal().runFor(5000);
    expect(h.etcd(h.leader()!).raft.term).toBeGreaterThan(term + 5);
  });

  it("steps a leader down within two election timeouts when it loses its majority (CheckQuorum)", () => {
    const h = etcdCluster({ members: 3 }, 4).runUntil((x) => x.leader() !== null, 5000);
    const leader = h.leader()!;
    const at = h.now;
    h.partition(
      [leader],
      ["etcd-1", "etcd-2", "etcd-3"].filter((id) => id !== leader),
    ).runFor(3000);
    const down = h.events("raft.became-follower").find((e) => e.component === leader && e.t >= at);
    expect(down?.message).toContain("CheckQuorum");
    expect(down!.t - at).toBeLessThanOrEqual(2100);
    expect(h.leaders()).not.toContain(leader);
  });

  it("elects nobody when a majority is down, and recovers when it returns", () => {
    const h = etcdCluster({ members: 5 }, 6).runUntil((x) => x.leader() !== null, 5000);
    const at = h.now;
    for (const id of ["etcd-1", "etcd-2", "etcd-3"]) h.stop(id);
    h.runFor(15_000);
    expect(h.events("raft.became-leader").filter((e) => e.t > at)).toEqual([]);
    h.start("etcd-1").runUntil((x) => x.leader() !== null, 5000);
    expect(h.leaders()).toHaveLength(1);
  });
});

describe("replication", () => {
  it("acknowledges every write of a steady load and keeps every member's log equal", () => {
    const h = etcdCluster({ members: 5, writesPerSec: 20 }, 8).runFor(30_000);
    const load = h.world.procs["etcd-load"]!.state as EtcdLoadState;
    expect(load.acked).toBeGreaterThan(550);
    expect(load.failed).toBe(0);
    const commits = ["etcd-1", "etcd-2", "etcd-3", "etcd-4", "etcd-5"].map((id) => h.etcd(id).applied);
    expect(Math.max(...commits) - Math.min(...commits)).toBeLessThanOrEqual(2);
  });

  it("catches up a member that was down, from the log", () => {
    const h = etcdCluster({ members: 3, writesPerSec: 20 }, 9).runUntil((x) => x.leader() !== null, 5000);
    const follower = ["etcd-1", "etcd-2", "etcd-3"].find((id) => id !== h.leader())!;
    h.stop(follower).runFor(10_000).start(follower).runFor(3000);
    expect(Math.abs(h.etcd(follower).applied - h.etcd(h.leader()!).applied)).toBeLessThanOrEqual(2);
  });

  it("times writes out after etcd's 7 s request timeout while there is no leader", () => {
    const h = etcdCluster({ members: 3, writesPerSec: 2 }, 10)
      .runUntil((x) => x.leader() !== null, 5000)
      .runFor(2000);
    h.stop("etcd-1").stop("etcd-2").stop("etcd-3").start("etcd-3").runFor(10_000);
    const load = h.world.procs["etcd-load"]!.state as EtcdLoadState;
    expect(load.failed).toBeGreaterThan(5);
  });

  it("produces the same history with and without the steady-heartbeat fast path", () => {
    const runs = [true, false].map((fastPaths) => {
      const { world, boot } = buildEtcdCluster({ ...DEFAULT_ETCD_SPEC, members: 5, writesPerSec: 10, fastPaths }, 12);
      const sim = createSim(world);
      for (const b of boot) scheduleAt(sim, b.at, b.ev);
      scheduleAt(sim, 8000, { kind: "action", action: { type: "stop", target: "@etcd-leader" } });
      scheduleAt(sim, 15_000, { kind: "action", action: { type: "start", target: "etcd-1" } });
      runUntil(sim, 30_000);
      const rafts = Object.keys(sim.world.procs)
        .filter((id) => id.startsWith("etcd-") && sim.world.procs[id]!.up)
        .map((id) => (sim.world.procs[id]!.state as { raft: unknown }).raft);
      return JSON.stringify({ trace: sim.trace, rafts, rng: sim.world.rng, steps: sim.steps });
    });
    expect(runs[1]).toBe(runs[0]);
  });
});

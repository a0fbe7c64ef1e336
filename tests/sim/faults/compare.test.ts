// compareRuns: what a learner's faults changed, against the run without them.
import { describe, expect, it } from "vitest";
import { compareRuns, runScenario, type Fault, type Trace } from "@/lib/sim";

const FAULT_MS = 10_000;

/** The etcd member leading at `t` (the last one elected by then). */
function leaderAt(trace: Trace, t: number): string {
  return trace.events.filter((e) => e.type === "raft.became-leader" && e.t <= t).at(-1)!.component;
}

describe("compareRuns on etcd-outage with the leader stopped", () => {
  // etcd-outage stops every member at 20 s; before that a leader serves, so stop it at 10 s.
  const base = runScenario("etcd-outage", {}, 1);
  const leader = leaderAt(base, FAULT_MS);
  const faults: Fault[] = [{ atMs: FAULT_MS, kind: "stop", target: leader }];
  const faulted = runScenario("etcd-outage", {}, 1, { faults });
  const diff = compareRuns(base, faulted);

  it("carries the faults in the faulted trace only", () => {
    expect(faulted.faults).toEqual(faults);
    expect("faults" in base).toBe(false);
  });

  it("finds the first divergence at the fault: the stopped leader's crash", () => {
    const before = base.events.filter((e) => e.t < FAULT_MS).length;
    expect(diff.firstDivergence).toMatchObject({
      index: before,
      t: FAULT_MS,
      faulted: { t: FAULT_MS, type: "process.crashed", component: leader },
    });
    expect(faulted.events.slice(0, before)).toEqual(base.events.slice(0, before));
  });

  it("names the new election as a key moment the base run does not have at that time", () => {
    const elected = faulted.events.find((e) => e.type === "raft.became-leader" && e.t > FAULT_MS)!;
    expect(elected.component).not.toBe(leader);
    const moment = diff.keyMoments.find((m) => m.kind === "leader" && m.faulted?.startsWith(elected.component));
    expect(moment).toEqual({
      kind: "leader",
      label: `etcd leader of term ${String(elected.term)}`,
      base: expect.not.stringMatching(new RegExp(`at ${(elected.t / 1000).toFixed(1)} s$`)) as unknown,
      faulted: `${elected.component} at ${(elected.t / 1000).toFixed(1)} s`,
    });
    expect(diff.keyMoments[0]).toBe(moment);
  });

  it("finds nothing to compare between a run and itself", () => {
    expect(compareRuns(base, runScenario("etcd-outage", {}, 1))).toEqual({
      firstDivergence: null,
      keyMoments: [],
      flippedClaims: [],
    });
  });
});

describe("compareRuns on etcd-quorum-loss", () => {
  it("lists the claims a fault flips, with both outcomes", () => {
    const params = { members: 3, down: 0 };
    const base = runScenario("etcd-quorum-loss", params, 1);
    const faults: Fault[] = [
      { atMs: 20_000, kind: "stop", target: "etcd-1" },
      { atMs: 20_000, kind: "stop", target: "etcd-2" },
    ];
    const diff = compareRuns(base, runScenario("etcd-quorum-loss", params, 1, { faults }));
    expect(base.claims.every((c) => c.passed)).toBe(true);
    expect(diff.flippedClaims.length).toBeGreaterThan(0);
    for (const flip of diff.flippedClaims) {
      expect(flip).toMatchObject({ base: true, faulted: false });
      expect(base.claims.find((c) => c.id === flip.id)?.text).toBe(flip.text);
    }
    expect(diff.keyMoments.some((m) => m.kind === "write-refused" && m.base === null && m.faulted !== null)).toBe(true);
  });
});

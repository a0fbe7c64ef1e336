// The raft tape (Trace.raft): the engine records it from the members' real state without changing
// the run, it agrees with the trace's events, its election timers are exact to the tick model, and
// its packing loses nothing.
import { describe, expect, it } from "vitest";
import {
  packRaftTape,
  parseTrace,
  RAFT_WIRE_TYPES,
  raftTapeSchema,
  runScenario,
  SCENARIOS,
  unpackRaftTape,
  type RaftTape,
  type RaftTapeRows,
  type RawParams,
  type Trace,
} from "@/lib/sim";
import { createRaftRecorder } from "@/lib/sim/etcd/raft-tape-recorder";
import { lastIndex, termAt } from "@/lib/sim/raft/log";
import { etcdCluster } from "./harness";

const OPTED_IN = ["etcd-quorum-loss", "etcd-outage", "control-plane-ha", "kubectl-create-deployment"];

const RUNS: [string, RawParams, number][] = [
  ["etcd-quorum-loss", {}, 1],
  ["etcd-quorum-loss", { members: 5, down: 2 }, 2],
  ["etcd-quorum-loss", { members: 1, down: 1 }, 3],
  ["etcd-outage", {}, 1],
  ["control-plane-ha", {}, 1],
  ["kubectl-create-deployment", { etcdMembers: 5 }, 4],
];

const traces = new Map(
  RUNS.map(([id, params, seed]) => [`${id} ${JSON.stringify(params)} ${seed}`, runScenario(id, params, seed)]),
);

function withoutTape(trace: Trace): string {
  const { raft: _raft, ...rest } = trace;
  return JSON.stringify(rest);
}

/** The last state row of member m at or before t. */
function stateAt(rows: RaftTapeRows, m: number, t: number): number[] | undefined {
  return rows.states.filter((r) => r[1] === m && r[0]! <= t).at(-1);
}

describe("raft tape recording", () => {
  it("is on for the scenarios that ask for it and absent elsewhere", () => {
    for (const def of SCENARIOS) expect(def.raftTape === true, def.id).toBe(OPTED_IN.includes(def.id));
    expect(runScenario("node-failure", {}, 1).raft).toBeUndefined();
    for (const trace of traces.values()) expect(trace.raft?.members.length).toBeGreaterThan(0);
  });

  it.each(RUNS)(
    "never changes the run: %s %j seed %i has the same events and claims with the tape on and off",
    (id, params, seed) => {
      const on = traces.get(`${id} ${JSON.stringify(params)} ${seed}`)!;
      const off = runScenario(id, params, seed, { raftTape: false });
      expect(off.raft).toBeUndefined();
      expect(JSON.stringify(on.events)).toBe(JSON.stringify(off.events));
      expect(withoutTape(on)).toBe(withoutTape(off));
    },
  );

  it("never changes a run it was not made for, and records the same tape on the pure path", () => {
    const off = runScenario("node-failure", {}, 2);
    const on = runScenario("node-failure", {}, 2, { raftTape: true });
    expect(on.raft!.states.length).toBeGreaterThan(0); // a single member: states and log, no peer messages
    expect(withoutTape(on)).toBe(JSON.stringify(off));
    const pure = runScenario("etcd-quorum-loss", {}, 1, { transient: false });
    expect(JSON.stringify(pure)).toBe(JSON.stringify(traces.get(`etcd-quorum-loss {} 1`)));
  });

  it("never changes a run with partitions and a lossy link, where the network draws random numbers", () => {
    const run = (tape: boolean) => {
      const h = etcdCluster({ members: 3, writesPerSec: 20 }, 7);
      const recorder = tape ? createRaftRecorder(h.world) : null;
      h.sim.tap = recorder;
      h.runFor(2000);
      h.act({ type: "link", a: "etcd-1", b: "etcd-2", dropPer1000: 300, delayMs: 5 });
      h.runFor(2000);
      h.partition(
        [h.leader()!],
        ["etcd-1", "etcd-2", "etcd-3"].filter((id) => id !== h.leader()),
      );
      h.runFor(3000);
      h.heal();
      h.runFor(3000);
      return {
        trace: JSON.stringify(h.sim.trace),
        world: JSON.stringify(h.world),
        rows: recorder && unpackRaftTape(recorder.finish()),
        h,
      };
    };
    const on = run(true);
    const off = run(false);
    expect(on.trace).toBe(off.trace);
    expect(on.world).toBe(off.world);
    const rows = on.rows!;
    // Lost on the way: partitioned or dropped; a dropped message would have taken the link's 1 + 5 ms.
    const lost = rows.msgs.filter((m) => m[1]! < 0);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.some((m) => -m[1]! - m[0]! === 6)).toBe(true);
    // A deposed leader's uncommitted entries are overwritten: a log row starts inside the log it had.
    const ends = [0, 0, 0];
    const overwrites = rows.logs.filter((r) => {
      const inside = r[2]! <= ends[r[1]!]!;
      ends[r[1]!] = r[3]!;
      return inside;
    });
    expect(overwrites.length).toBeGreaterThan(0);
    // The last log rows describe the members' real logs, entry by entry.
    for (let m = 0; m < 3; m++) {
      const log = on.h.etcd(`etcd-${m + 1}`).raft.log;
      const terms: number[] = [];
      for (const [, member, from, to, term] of rows.logs) {
        if (member !== m) continue;
        terms.length = from! - 1;
        for (let i = from!; i <= to!; i++) terms.push(term!);
      }
      expect(terms.length).toBe(lastIndex(log));
      expect(terms).toEqual(Array.from({ length: lastIndex(log) }, (_, i) => termAt(log, i + 1)));
    }
  });
});

describe("raft tape agrees with the events", () => {
  it.each([...traces.keys()])("%s: every raft.became-leader has a leader row at its time and term", (key) => {
    const trace = traces.get(key)!;
    const rows = unpackRaftTape(trace.raft!);
    const leaders = trace.events.filter((e) => e.type === "raft.became-leader");
    expect(leaders.length).toBeGreaterThan(0);
    for (const e of leaders) {
      const m = rows.members.indexOf(e.component);
      expect(
        rows.states.some((r) => r[0] === e.t && r[1] === m && r[2] === 4 && r[3] === e.term),
        `${e.component} at ${e.t}`,
      ).toBe(true);
    }
    // ... and no member leads without such an event.
    const events = new Set(leaders.map((e) => `${e.t} ${e.component} ${String(e.term)}`));
    const prev: number[] = [];
    for (const r of rows.states) {
      if (r[2] === 4 && prev[r[1]!] !== 4) expect(events.has(`${r[0]} ${rows.members[r[1]!]} ${r[3]}`)).toBe(true);
      prev[r[1]!] = r[2]!;
    }
  });

  it.each([...traces.keys()])("%s: commits agree with raft.committed", (key) => {
    const trace = traces.get(key)!;
    const rows = unpackRaftTape(trace.raft!);
    const commits = trace.events.filter((e) => e.type === "raft.committed");
    for (const e of commits) {
      const m = rows.members.indexOf(e.component);
      const index = e.index as number;
      const row = stateAt(rows, m, e.t)!;
      expect(row[0], `${e.component} commits ${index} at ${e.t}`).toBe(e.t);
      expect(row[4]).toBeGreaterThanOrEqual(index);
      const before = rows.states.filter((r) => r[1] === m && r[0]! < e.t).at(-1);
      expect(before?.[4] ?? 0).toBeLessThan(index);
      // The committed entry is in the log with the event's term.
      const entry = rows.logs.filter((r) => r[1] === m && r[0]! <= e.t && r[2]! <= index && index <= r[3]!).at(-1);
      expect(entry?.[4]).toBe(e.term);
    }
    for (const r of rows.states) expect(r[4]).toBeLessThanOrEqual(r[5]!); // commit <= lastIndex
  });

  it.each([...traces.keys()])(
    "%s: every campaign starts at the deadline the tape showed, and timers are etcd's randomized timeout",
    (key) => {
      const rows = unpackRaftTape(traces.get(key)!.raft!);
      const last: (number[] | undefined)[] = [];
      let campaigns = 0;
      for (const r of rows.states) {
        const [t, m, role, , , , start, deadline] = r as [
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        const prev = last[m];
        if (role === 1 || role === 2 || role === 3) {
          const ticks = (deadline - start) / rows.tickMs;
          expect(
            Number.isInteger(ticks) && ticks >= rows.electionTicks && ticks < 2 * rows.electionTicks,
            `timeout of ${ticks} ticks`,
          ).toBe(true);
          expect(start).toBeLessThanOrEqual(t);
        } else expect([start, deadline]).toEqual([-1, -1]);
        if (prev !== undefined && role === 2 && (prev[2] === 1 || (prev[2] === 2 && prev[6] !== start))) {
          expect(t, `${rows.members[m]} campaigns at ${t}`).toBe(prev[7]);
          campaigns++;
        }
        last[m] = r;
      }
      // A single member elects itself within one step, so no row shows it campaigning.
      if (rows.members.length > 1) expect(campaigns).toBeGreaterThan(0);
    },
  );

  it.each([...traces.keys()])(
    "%s: a message is delivered to a running member and lost at a member that is down",
    (key) => {
      const trace = traces.get(key)!;
      const rows = unpackRaftTape(trace.raft!);
      for (const [sent, arrive, from, to] of rows.msgs) {
        if (Math.abs(arrive!) > trace.durationMs) continue; // still on the wire when the run ended: its fate is unknown
        expect(stateAt(rows, from!, sent!)?.[2] ?? 0, "the sender runs").not.toBe(0);
        // Without partitions or lossy links in these scenarios, a message is lost exactly when its receiver is down.
        const receiver = stateAt(rows, to!, Math.abs(arrive!))?.[2] ?? 0;
        expect(arrive! < 0, `${from}->${to} sent ${sent}`).toBe(receiver === 0);
      }
    },
  );

  it("validates in the trace schema, and the schema rejects a broken tape", () => {
    const trace = traces.get(`etcd-quorum-loss {} 1`)!;
    expect(parseTrace(JSON.parse(JSON.stringify(trace))).raft).toEqual(trace.raft);
    const tape = trace.raft!;
    const broken = (change: (t: RaftTape) => void) => {
      const copy = JSON.parse(JSON.stringify(tape)) as RaftTape;
      change(copy);
      return raftTapeSchema.safeParse(copy).success;
    };
    expect(broken(() => undefined)).toBe(true);
    expect(broken((t) => t.msgs[0]!.pop())).toBe(false); // a column too short
    expect(broken((t) => t.msgs[0]!.push(0))).toBe(false); // values after the columns
    expect(broken((t) => (t.msgs[0]![0] = 9))).toBe(false); // no member 9
    expect(broken((t) => (t.states[0]![1] = 1e6))).toBe(false); // more rows than the columns hold
    expect(broken((t) => t.states.reverse())).toBe(false); // streams out of order
    expect(() => parseTrace({ ...trace, raft: { ...tape, members: ["etcd-9", ...tape.members.slice(1)] } })).toThrow(
      /etcd-9/,
    );
  });
});

describe("raft tape packing", () => {
  /** A small deterministic generator (the test must not depend on Math.random). */
  function lcg(seed: number) {
    let s = seed >>> 0;
    return (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % n;
    };
  }

  it("gives back every row, in time order then key order then the order recorded", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = lcg(seed);
      const members = ["a", "b", "c", "d", "e"].slice(0, 1 + r(5));
      const n = members.length;
      let t = 0;
      const msgs: number[][] = [];
      const states: number[][] = [];
      const logs: number[][] = [];
      for (let i = 0; i < 300; i++) {
        t += r(3) === 0 ? r(500) : r(2) * 100;
        const sent = t;
        const arrive = sent + r(4) * (1 + r(3));
        msgs.push([
          sent,
          r(5) === 0 ? -arrive : arrive,
          r(n),
          r(n),
          r(RAFT_WIRE_TYPES.length),
          r(4),
          r(3) === 0 ? r(10_000) : 7,
          r(3),
          r(2),
        ]);
        if (r(2) === 0)
          states.push([t, r(n), r(5), r(3), r(50), r(60), r(4) === 0 ? -1 : t - r(900), r(4) === 0 ? -1 : t + r(2000)]);
        if (r(3) === 0) logs.push([t, r(n), 1 + r(40), r(50), r(4)]);
      }
      const rows: RaftTapeRows = { members, tickMs: 100, electionTicks: 10, msgs, states, logs };
      const packed = packRaftTape(rows);
      const stable = (xs: number[][], key: (x: number[]) => number[]) =>
        xs
          .map((x, i) => ({ x, i }))
          .sort((a, b) => a.x[0]! - b.x[0]! || key(a.x).reduce((d, v, k) => d || v - key(b.x)[k]!, 0) || a.i - b.i)
          .map((e) => e.x);
      expect(unpackRaftTape(JSON.parse(JSON.stringify(packed)) as RaftTape)).toEqual({
        ...rows,
        msgs: stable(msgs, (x) => [x[2]!, x[3]!, x[4]!]),
        states: stable(states, (x) => [x[1]!]),
        logs: stable(logs, (x) => [x[1]!]),
      });
    }
  });

  it("packs the example of docs/trace-format.md as it says", () => {
    const msgs = [480, 580, 680, 780].map((t) => [t, t + 1, 2, 0, RAFT_WIRE_TYPES.indexOf("MsgHeartbeat"), 1, 0, 0, 0]);
    const packed = packRaftTape({
      members: ["a", "b", "c"],
      tickMs: 100,
      electionTicks: 10,
      msgs,
      states: [],
      logs: [],
    });
    expect(packed.msgs).toEqual([[2, 0, 6, 4, 960, 200, -8, 2, 0, -8, 2, 0, -8, 0, -12, 0, -12, 0, -12]]);
  });

  it("packs a steady leader's heartbeats to a few numbers", () => {
    const msgs = Array.from({ length: 1000 }, (_, i) => [
      500 + i * 100,
      501 + i * 100,
      0,
      1,
      RAFT_WIRE_TYPES.indexOf("MsgHeartbeat"),
      3,
      0,
      0,
      0,
    ]);
    const packed = packRaftTape({ members: ["a", "b"], tickMs: 100, electionTicks: 10, msgs, states: [], logs: [] });
    expect(packed.msgs).toHaveLength(1);
    expect(packed.msgs[0]!.length).toBeLessThan(20);
  });
});

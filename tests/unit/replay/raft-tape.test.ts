import { describe, expect, it } from "vitest";
import { raftAt, wireAt, wireTimes, type RaftMemberAt } from "@/lib/replay/raft-tape";
import { dilationWindows, voteSpans, advance, burstRealMsPerVirtualMs } from "@/lib/replay/time-warp";
import { runScenario, unpackRaftTape, type RaftTape } from "@/lib/sim";
import { findScenario } from "@/lib/sim/scenarios/registry";

// The raft tape records etcd's wire and member state without changing the run, and its readers
// answer what the Raft view draws.
const trace = runScenario("etcd-quorum-loss", { down: 1 }, 1);
const tape = trace.raft!;
const fault = 20_000;

describe("raft tape", () => {
  it("leaves the run as it is: the same events and claims as a run without the tape", () => {
    const def = findScenario("etcd-quorum-loss")!;
    const original = def.raftTape;
    def.raftTape = false;
    try {
      const plain = runScenario("etcd-quorum-loss", { down: 1 }, 1);
      expect(plain.raft).toBeUndefined();
      expect(JSON.stringify(plain.events)).toBe(JSON.stringify(trace.events));
      expect(plain.claims).toEqual(trace.claims);
    } finally {
      def.raftTape = original;
    }
  });

  it("agrees with the trace's events: each new leader leads its term at that moment", () => {
    const elected = trace.events.filter((event) => event.type === "raft.became-leader");
    expect(elected.length).toBeGreaterThanOrEqual(2);
    for (const event of elected) {
      const member = raftAt(tape, event.t).find((m) => m.id === event.component)!;
      expect(member.role).toBe("leader");
      expect(member.term).toBe(event.term);
    }
  });

  it(
    "shows the campaign after the leader stops: PreVotes on the " +
      "wire, the stopped member down and its messages lost",
    () => {
      const campaign = trace.events.find((event) => event.type === "raft.became-pre-candidate" && event.t > fault)!;
      const wire = wireAt(tape, campaign.t);
      const preVotes = wire.filter((m) => m.type === "PreVote" && m.from === campaign.component);
      expect(preVotes).toHaveLength(2);
      const stopped = trace.events.find(
        (event) => event.type === "process.crashed" && event.component.startsWith("etcd"),
      )!.component;
      expect(preVotes.find((m) => m.to === stopped)?.lost).toBe(true);
      expect(raftAt(tape, campaign.t).find((m) => m.id === stopped)?.up).toBe(false);
      const replies = wireAt(tape, campaign.t + 1).filter((m) => m.type === "PreVoteResp");
      expect(replies.map((m) => m.to)).toEqual([campaign.component]);
    },
  );

  it("keeps each follower's election timer in the future and resets it with the leader's heartbeats", () => {
    const before = raftAt(tape, fault - 1000).filter((m) => m.up && m.role === "follower");
    expect(before).toHaveLength(2);
    for (const member of before) {
      expect(member.timer!.deadline).toBeGreaterThan(member.timer!.start);
      expect(member.timer!.deadline).toBeGreaterThan(fault - 1000);
      const later = raftAt(tape, fault - 500).find((m) => m.id === member.id)!;
      expect(later.timer!.start).toBeGreaterThan(member.timer!.start);
    }
  });

  it("logs grow with the commits the events report", () => {
    const commit = trace.events.findLast((event) => event.type === "raft.committed" && event.t < fault)!;
    const leader = raftAt(tape, commit.t).find((m) => m.id === commit.component)!;
    expect(leader.commit).toBeGreaterThanOrEqual(Number(commit.index));
    expect(leader.lastIndex).toBeGreaterThanOrEqual(Number(commit.index));
    expect(leader.log.terms.at(-1)).toBe(commit.term);
  });
});

describe("time warp", () => {
  it("slows every vote exchange so a 1 ms message takes a third of a second at any speed", () => {
    const windows = dilationWindows(trace.events, voteSpans(tape));
    const campaign = trace.events.find((event) => event.type === "raft.became-pre-candidate" && event.t > fault)!;
    const inside = windows.find((w) => w.from <= campaign.t && campaign.t < w.to)!;
    expect(inside).toBeDefined();
    expect(advance(windows, campaign.t, burstRealMsPerVirtualMs, 16)).toBeCloseTo(Math.min(campaign.t + 1, inside.to));
    expect(advance(windows, fault - 5000, 1000, 4)).toBe(fault - 1000);
  });
});

// The readers on the defaults: three members elect a leader, then the leader and one follower are
// stopped at 20 s.
const FAULT = 20_000;
const run = runScenario("etcd-quorum-loss", {}, 1);
const runTape = run.raft!;
const rows = unpackRaftTape(runTape);
const leaderEvent = run.events.find((e) => e.type === "raft.became-leader")!;

function member(t: number, id: string): RaftMemberAt {
  return raftAt(runTape, t).find((m) => m.id === id)!;
}

/** The log of member m after every log row up to t, replayed from the start: what raftAt must agree with. */
function naiveLog(m: number, t: number): number[] {
  const terms: number[] = [];
  for (const [at, who, from, to, term] of rows.logs) {
    if (who !== m || at! > t) continue;
    terms.length = from! - 1;
    for (let i = from!; i <= to!; i++) terms.push(term!);
  }
  return terms;
}

describe("raftAt", () => {
  it("starts with every member down and an empty log", () => {
    for (const m of raftAt(runTape, 0))
      expect(m).toMatchObject({ up: false, role: null, timer: null, lastIndex: 0, log: { firstIndex: 1, terms: [] } });
  });

  it(
    "shows the first pre-candidate asking every peer for a PreVote, " +
      "their answers, and the winner leading at the event's term",
    () => {
      const first = rows.states.find((r) => r[2] === 2)!;
      const [t0, p] = first as [number, number];
      const candidate = rows.members[p]!;
      expect(member(t0, candidate).role).toBe("pre-candidate");
      expect(t0).toBeLessThan(leaderEvent.t);
      const peers = rows.members.filter((id) => id !== candidate);
      const asks = wireAt(runTape, t0 + 0.5).filter((m) => m.type === "PreVote");
      expect(asks.map((m) => [m.from, m.to])).toEqual(peers.map((to) => [candidate, to]));
      for (const ask of asks) {
        expect(ask).toMatchObject({ lost: false, reject: false, term: member(t0, candidate).term + 1 });
        const answer = wireAt(runTape, ask.arrive + 0.5).find(
          (m) => m.type === "PreVoteResp" && m.from === ask.to && m.to === candidate,
        );
        expect(answer, `${ask.to} answers`).toBeDefined();
        expect(answer!.sent).toBeGreaterThanOrEqual(ask.arrive);
      }
      const votes = rows.msgs.filter((m) => m[4] === 2 && m[2] === p && m[0]! < leaderEvent.t);
      expect(votes).toHaveLength(peers.length);
      expect(leaderEvent.component).toBe(candidate);
      expect(member(leaderEvent.t, candidate)).toMatchObject({ role: "leader", term: leaderEvent.term, timer: null });
      expect(member(leaderEvent.t - 1, candidate).role).toBe("candidate");
    },
  );

  it("gives a follower a timer that ends after it starts and that each heartbeat from the leader resets", () => {
    const leader = rows.members.indexOf(leaderEvent.component);
    const heartbeats = rows.msgs.filter(
      (m) => m[4] === 6 && m[2] === leader && m[0]! > leaderEvent.t + 1000 && m[1]! < FAULT - 1000,
    );
    expect(heartbeats.length).toBeGreaterThan(100);
    for (const [sent, arrive, , to] of heartbeats) {
      const id = rows.members[to!]!;
      const before = member(arrive! - 0.5, id);
      const after = member(arrive!, id);
      expect(after.role).toBe("follower");
      expect(after.timer!.deadline).toBeGreaterThan(after.timer!.start);
      expect(after.timer!.deadline - after.timer!.start).toBeGreaterThanOrEqual(rows.electionTicks * rows.tickMs);
      // Reset: the timer counts from the tick in which the heartbeat arrived.
      expect(after.timer!.start).toBeLessThanOrEqual(arrive!);
      expect(arrive! - after.timer!.start).toBeLessThan(rows.tickMs);
      expect(after.timer!.start).toBeGreaterThanOrEqual(before.timer!.start);
      expect(after.timer!.deadline).toBeGreaterThan(sent! + rows.electionTicks * rows.tickMs - rows.tickMs);
    }
    // The timers never run out while the leader is heard: nobody campaigns until the fault.
    expect(rows.states.filter((r) => r[2] === 2 && r[0]! > leaderEvent.t && r[0]! < FAULT)).toEqual([]);
  });

  it("shows the stopped members down after the fault, and the survivor campaigning alone", () => {
    const stopped = run.events.filter((e) => e.type === "process.crashed" && e.t === FAULT).map((e) => e.component);
    expect(stopped).toHaveLength(2);
    const after = raftAt(runTape, FAULT + 5000);
    for (const m of after) {
      if (stopped.includes(m.id)) expect(m).toMatchObject({ up: false, role: null, timer: null });
      else expect(m.up).toBe(true);
    }
    // A stopped member keeps the term and the log it has on disk.
    for (const id of stopped) {
      expect(member(FAULT + 5000, id).term).toBe(member(FAULT - 1, id).term);
      expect(member(FAULT + 5000, id).log).toEqual(member(FAULT - 1, id).log);
    }
    const survivor = after.find((m) => m.up)!;
    expect(rows.states.some((r) => r[0]! > FAULT && rows.members[r[1]!] === survivor.id && r[2] === 2)).toBe(true);
  });

  it("agrees with the log replayed from the start, for any window", () => {
    for (let t = 0; t <= run.durationMs; t += 997) {
      for (const window of [1, 5, 12, 1000]) {
        raftAt(runTape, t, window).forEach((m, i) => {
          const full = naiveLog(i, t);
          expect(m.lastIndex).toBe(full.length);
          expect(m.log.terms).toEqual(full.slice(Math.max(0, full.length - window)));
          expect(m.log.firstIndex).toBe(Math.max(1, full.length - window + 1));
          expect(m.commit).toBeLessThanOrEqual(m.lastIndex);
        });
      }
    }
  });
});

describe("wireAt", () => {
  it("lists exactly the messages with sent <= t < arrive, lost ones too, in the order sent", () => {
    const times = [
      ...wireTimes(runTape).slice(0, 400),
      ...wireTimes(runTape)
        .filter((x) => x > FAULT)
        .slice(0, 400),
    ].flatMap((x) => [x, x + 0.25, x - 0.5]);
    for (const t of times) {
      const expected = rows.msgs.filter((m) => m[0]! <= t && t < Math.abs(m[1]!));
      const wire = wireAt(runTape, t);
      expect(
        wire.map((m) => [
          m.sent,
          m.lost ? -m.arrive : m.arrive,
          rows.members.indexOf(m.from),
          rows.members.indexOf(m.to),
        ]),
      ).toEqual(expected.map((m) => m.slice(0, 4)));
      for (const m of wire) {
        expect(m.progress).toBeGreaterThanOrEqual(0);
        expect(m.progress).toBeLessThan(1);
        expect(m.type).not.toMatch(/^Msg/);
      }
      expect(new Set(wire.map((m) => m.key)).size).toBe(wire.length);
    }
  });

  it("flags messages to a down member as lost", () => {
    const stopped = new Set(
      run.events.filter((e) => e.type === "process.crashed" && e.t === FAULT).map((e) => e.component),
    );
    const toDown = rows.msgs.filter((m) => m[0]! > FAULT && stopped.has(rows.members[m[3]!]!));
    expect(toDown.length).toBeGreaterThan(0);
    for (const m of toDown) {
      const onWire = wireAt(runTape, m[0]! + 0.5).find((w) => w.sent === m[0] && w.to === rows.members[m[3]!]);
      expect(onWire).toMatchObject({ lost: true, arrive: -m[1]! });
    }
    expect(toDown.some((m) => m[4] === 0)).toBe(true); // the survivor's PreVotes go nowhere
  });
});

describe("wireTimes", () => {
  it("lists every send and arrival once, sorted", () => {
    const times = wireTimes(runTape);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    expect(new Set(times)).toEqual(new Set(rows.msgs.flatMap((m) => [m[0]!, Math.abs(m[1]!)])));
  });
});

describe("determinism", () => {
  it("reads the same from a second run and from a copy of the runTape", () => {
    const again = runScenario("etcd-quorum-loss", {}, 1).raft!;
    expect(JSON.stringify(again)).toBe(JSON.stringify(runTape));
    const copy = JSON.parse(JSON.stringify(runTape)) as RaftTape;
    for (const t of [0, 480.5, leaderEvent.t, 5000, FAULT, FAULT + 1234.5, run.durationMs]) {
      expect(raftAt(copy, t)).toEqual(raftAt(runTape, t));
      expect(wireAt(copy, t)).toEqual(wireAt(runTape, t));
    }
  });
});

import { describe, expect, it } from "vitest";
import { raftAt, wireAt } from "@/lib/replay/raft-tape";
import { dilationWindows, voteSpans, advance, burstRealMsPerVirtualMs } from "@/lib/replay/time-warp";
import { runScenario } from "@/lib/sim";
import { findScenario } from "@/lib/sim/scenarios/registry";

// The raft tape records etcd's wire and member state without changing the run, and its readers
// answer what the Raft view draws (issue 12).
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

  it("shows the campaign after the leader stops: PreVotes on the wire, the stopped member down and its messages lost", () => {
    const campaign = trace.events.find((event) => event.type === "raft.became-pre-candidate" && event.t > fault)!;
    const wire = wireAt(tape, campaign.t);
    const preVotes = wire.filter((m) => m.type === "PreVote" && m.from === campaign.component);
    expect(preVotes).toHaveLength(2);
    const stopped = trace.events.find((event) => event.type === "process.crashed" && event.component.startsWith("etcd"))!.component;
    expect(preVotes.find((m) => m.to === stopped)?.lost).toBe(true);
    expect(raftAt(tape, campaign.t).find((m) => m.id === stopped)?.up).toBe(false);
    const replies = wireAt(tape, campaign.t + 1).filter((m) => m.type === "PreVoteResp");
    expect(replies.map((m) => m.to)).toEqual([campaign.component]);
  });

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

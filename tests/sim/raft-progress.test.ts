// The leader's per-follower tracking against etcd-io/raft: tracker/progress.go (MaybeDecrTo,
// BecomeProbe), raft.go stepLeader's MsgAppResp rejection branch, and CheckQuorum's
// ProgressTracker.QuorumActive, a majority vote of recently active voters (quorum/majority.go).
import { describe, expect, it } from "vitest";
import { appendLog, emptyLog } from "@/lib/sim/raft/log";
import { maybeDecrTo } from "@/lib/sim/raft/progress";
import { msg } from "@/lib/sim/raft/msg";
import { newRaft } from "@/lib/sim/raft/raft";
import { tickHeartbeat } from "@/lib/sim/raft/tick";
import { handleAppendResp } from "@/lib/sim/raft/replication";
import type { Progress, RaftEnv, RaftMsg } from "@/lib/sim/raft/types";

function progress(p: Partial<Progress>): Progress {
  return { match: 0, next: 1, state: "probe", paused: false, recentActive: true, sentCommit: 0, ...p };
}

describe("Progress.MaybeDecrTo (tracker/progress.go)", () => {
  it("in replicate, lowers next to match+1 and regresses sentCommit to next-1", () => {
    const pr = progress({ state: "replicate", match: 5, next: 9, sentCommit: 8 });
    expect(maybeDecrTo(pr, 8, 7)).toMatchObject({ next: 6, sentCommit: 5, match: 5 });
  });

  it("in replicate, ignores a stale rejection at or below match", () => {
    expect(maybeDecrTo(progress({ state: "replicate", match: 5, next: 9, sentCommit: 8 }), 5, 3)).toBeNull();
  });

  it("in probe, lowers next to min(rejected, hint+1) but not below match+1, unpauses, regresses sentCommit", () => {
    const pr = progress({ state: "probe", match: 2, next: 8, paused: true, sentCommit: 7 });
    expect(maybeDecrTo(pr, 7, 4)).toMatchObject({ next: 5, sentCommit: 4, paused: false });
    expect(maybeDecrTo(pr, 7, 0)).toMatchObject({ next: 3, sentCommit: 2 });
  });

  it("in probe, keeps a sentCommit that is already below the new next", () => {
    const pr = progress({ state: "probe", match: 2, next: 8, sentCommit: 3 });
    expect(maybeDecrTo(pr, 7, 5)).toMatchObject({ next: 6, sentCommit: 3 });
  });

  it("in probe, ignores a rejection that does not answer the outstanding probe (rejected != next-1)", () => {
    expect(maybeDecrTo(progress({ state: "probe", match: 2, next: 8, sentCommit: 7 }), 6, 4)).toBeNull();
  });
});

/** Member 1 as leader of `voters` in term 1 with eight committed entries, every follower matched to 8. */
function leaderOf(voters: number[], env: RaftEnv) {
  const log = appendLog(
    emptyLog(),
    [1, 2, 3, 4, 5, 6, 7, 8].map((index) => ({ index, term: 1, data: null })),
  );
  const r = newRaft(
    1,
    voters,
    { electionTicks: 10, heartbeatTicks: 1, preVote: true, checkQuorum: true },
    { term: 1, vote: 1, commit: 8, log },
    env,
  );
  r.role = "leader";
  r.lead = 1;
  r.progress = Object.fromEntries(
    voters.map((v) => [v, progress({ state: "replicate", match: 8, next: 9, sentCommit: 8 })]),
  );
  return r;
}

function recordingEnv(tick: number, sent: RaftMsg[] = []): RaftEnv {
  return { tick, rand: () => 0, send: (m) => sent.push(m), emit: () => {}, inPlace: false };
}

describe("stepLeader MsgAppResp rejection (raft.go)", () => {
  it("moves a replicating follower back to probe at match+1 and sends one probe carrying the commit index", () => {
    const sent: RaftMsg[] = [];
    const env = recordingEnv(0, sent);
    const r = leaderOf([1, 2, 3], env);
    r.progress = { ...r.progress, 2: progress({ state: "replicate", match: 5, next: 9, sentCommit: 8 }) };
    handleAppendResp(
      r,
      msg({ type: "MsgAppResp", from: 2, to: 1, term: 1, index: 8, reject: true, rejectHint: 6 }),
      env,
    );
    expect(r.progress[2]).toMatchObject({ state: "probe", next: 6, sentCommit: 8, paused: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: "MsgApp", to: 2, index: 5, logTerm: 1, commit: 8 });
    expect(sent[0]!.entries.map((e) => e.index)).toEqual([6, 7, 8]);
  });
});

describe("CheckQuorum uses the majority of quorum/majority.go (ProgressTracker.QuorumActive)", () => {
  function checkWithActive(voters: number[], active: number[]) {
    const r = leaderOf(voters, recordingEnv(0));
    r.progress = Object.fromEntries(
      voters.map((v) => [v, progress({ state: "replicate", match: 8, next: 9, recentActive: active.includes(v) })]),
    );
    tickHeartbeat(r, recordingEnv(r.electionTimeout));
    return r.role;
  }

  it("steps down when the leader and one follower are all that is active out of four voters", () => {
    expect(checkWithActive([1, 2, 3, 4], [2])).toBe("follower");
  });

  it("stays leader with three of four voters active, and with two of three", () => {
    expect(checkWithActive([1, 2, 3, 4], [2, 3])).toBe("leader");
    expect(checkWithActive([1, 2, 3], [3])).toBe("leader");
  });
});

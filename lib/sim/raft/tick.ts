// The logical clock of a Raft member, ported from etcd-io/raft raft.go (tickElection, tickHeartbeat
// and the leader's CheckQuorum): the top layer, which steps the member (step.ts) and replicates.
import { assert } from "../core/assert";
import { becomeFollower, electionElapsed } from "./raft";
import { hasQuorum } from "./quorum";
import { updated } from "./progress";
import { bcastHeartbeat } from "./replication";
import { hup } from "./step";
import { NONE, type Progress, type RaftEnv, type RaftState } from "./types";

/** tickElection, run when the member's election alarm fires on a tick boundary. */
export function tickElection(r: RaftState, env: RaftEnv): void {
  if (r.role === "leader") return;
  if (electionElapsed(r, env) >= r.randomizedElectionTimeout) {
    r.electionResetTick = env.tick;
    hup(r, env);
  }
}

/** tickHeartbeat, run by the leader on every tick. */
export function tickHeartbeat(r: RaftState, env: RaftEnv): void {
  assert(r.role === "leader", "tickHeartbeat on a non-leader");
  if (electionElapsed(r, env) >= r.electionTimeout) {
    r.electionResetTick = env.tick;
    if (r.checkQuorum) checkQuorum(r, env);
  }
  if (r.role !== "leader") return;
  if (env.tick - r.heartbeatResetTick >= r.heartbeatTimeout) {
    r.heartbeatResetTick = env.tick;
    bcastHeartbeat(r, env);
  }
}

/** stepLeader(MsgCheckQuorum): step down unless a quorum was heard from since the last check. */
function checkQuorum(r: RaftState, env: RaftEnv): void {
  let active = 0;
  for (const v of r.voters) if (v === r.id || r.progress[v]?.recentActive === true) active++;
  if (!hasQuorum(r.voters.length, active)) {
    becomeFollower(r, r.term, NONE, env, "quorum is not active");
    return;
  }
  // In place when the step owns the progress record (env.inPlace), as bcastHeartbeat does.
  const progress = env.inPlace ? (r.progress as Record<number, Progress>) : { ...r.progress };
  for (const v of r.voters) {
    const pr = progress[v];
    if (v !== r.id && pr !== undefined && pr.recentActive) progress[v] = updated(pr, { recentActive: false });
  }
  r.progress = progress;
}

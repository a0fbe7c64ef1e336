// raft.Step and the per-role step functions (stepLeader, stepCandidate, stepFollower), ported from
// etcd-io/raft raft.go with PreVote and CheckQuorum semantics intact.
import { msg } from "./msg";
import { becomeCandidate, becomeFollower, becomeLeader, becomePreCandidate, electionElapsed } from "./raft";
import { isUpToDate, lastIndex, termAt } from "./log";
import { voteResult } from "./quorum";
import {
  bcastAppend,
  handleAppendEntries,
  handleAppendResp,
  handleHeartbeat,
  handleHeartbeatResp,
  appendEntries,
  leaderReadIndex,
} from "./replication";
import { NONE, type RaftEnv, type RaftMsg, type RaftMsgType, type RaftState } from "./types";

function voteRespType(t: RaftMsgType): RaftMsgType {
  return t === "MsgVote" ? "MsgVoteResp" : "MsgPreVoteResp";
}

/** raft.Step: term bookkeeping first, then votes, then the role's step function. */
export function stepRaft(r: RaftState, m: RaftMsg, env: RaftEnv): void {
  if (m.term > r.term && m.term !== 0) {
    if (m.type === "MsgVote" || m.type === "MsgPreVote") {
      // CheckQuorum lease: a follower that heard from a live leader within the minimum election
      // timeout ignores vote requests, so a partitioned node rejoining cannot depose the leader.
      const inLease = r.checkQuorum && r.lead !== NONE && electionElapsed(r, env) < r.electionTimeout;
      if (inLease) return;
    }
    if (m.type === "MsgPreVote" || (m.type === "MsgPreVoteResp" && !m.reject)) {
      // Never change our term for a PreVote; a granted pre-vote carries the candidate's future term.
    } else {
      const lead = m.type === "MsgApp" || m.type === "MsgHeartbeat" ? m.from : NONE;
      becomeFollower(r, m.term, lead, env, `received ${m.type} with higher term ${m.term} from member ${m.from}`);
    }
  } else if (m.term < r.term && m.term !== 0) {
    if ((r.checkQuorum || r.preVote) && (m.type === "MsgHeartbeat" || m.type === "MsgApp")) {
      // Tell a stale leader about our newer term so it steps down.
      env.send(msg({ type: "MsgAppResp", from: r.id, to: m.from, term: r.term }));
    } else if (m.type === "MsgPreVote") {
      env.send(msg({ type: "MsgPreVoteResp", from: r.id, to: m.from, term: r.term, reject: true }));
    }
    return;
  }
  if (m.type === "MsgVote" || m.type === "MsgPreVote") {
    stepVote(r, m, env);
    return;
  }
  if (r.role === "leader") stepLeader(r, m, env);
  else if (r.role === "follower") stepFollower(r, m, env);
  else stepCandidate(r, m, env);
}

function stepVote(r: RaftState, m: RaftMsg, env: RaftEnv): void {
  const canVote =
    r.vote === m.from || (r.vote === NONE && r.lead === NONE) || (m.type === "MsgPreVote" && m.term > r.term);
  if (canVote && isUpToDate(r.log, m.index, m.logTerm)) {
    env.send(msg({ type: voteRespType(m.type), from: r.id, to: m.from, term: m.term }));
    if (m.type === "MsgVote") {
      r.electionResetTick = env.tick;
      r.vote = m.from;
    }
  } else {
    env.send(msg({ type: voteRespType(m.type), from: r.id, to: m.from, term: r.term, reject: true }));
  }
}

function stepLeader(r: RaftState, m: RaftMsg, env: RaftEnv): void {
  switch (m.type) {
    case "MsgProp":
      appendEntries(
        r,
        m.entries.map((e) => e.data),
        env,
      );
      bcastAppend(r, env);
      return;
    case "MsgReadIndex":
      leaderReadIndex(r, m, env);
      return;
    case "MsgAppResp":
      handleAppendResp(r, m, env);
      return;
    case "MsgHeartbeatResp":
      handleHeartbeatResp(r, m, env);
      return;
    default:
      return;
  }
}

function stepCandidate(r: RaftState, m: RaftMsg, env: RaftEnv): void {
  const myVoteResp: RaftMsgType = r.role === "pre-candidate" ? "MsgPreVoteResp" : "MsgVoteResp";
  switch (m.type) {
    case "MsgProp":
      env.emit({ type: "proposal-dropped", reason: `no leader at term ${r.term}` });
      return;
    case "MsgApp":
      becomeFollower(r, m.term, m.from, env, `received MsgApp from the term ${m.term} leader`);
      handleAppendEntries(r, m, env);
      return;
    case "MsgHeartbeat":
      becomeFollower(r, m.term, m.from, env, `received a heartbeat from the term ${m.term} leader`);
      handleHeartbeat(r, m, env);
      return;
    default:
      if (m.type !== myVoteResp) return;
      r.votes = { ...r.votes, [m.from]: !m.reject };
      switch (voteResult(r.voters, r.votes)) {
        case "won":
          if (r.role === "pre-candidate") campaign(r, "election", env);
          else {
            becomeLeader(r, env);
            bcastAppend(r, env);
          }
          return;
        case "lost":
          becomeFollower(r, r.term, NONE, env, `lost the ${r.role === "pre-candidate" ? "pre-vote" : "election"}`);
          return;
        default:
          return;
      }
  }
}

function stepFollower(r: RaftState, m: RaftMsg, env: RaftEnv): void {
  switch (m.type) {
    case "MsgProp":
      if (r.lead === NONE) env.emit({ type: "proposal-dropped", reason: `no leader at term ${r.term}` });
      else env.send({ ...m, to: r.lead, from: r.id });
      return;
    case "MsgApp":
      r.electionResetTick = env.tick;
      r.lead = m.from;
      handleAppendEntries(r, m, env);
      return;
    case "MsgHeartbeat":
      r.electionResetTick = env.tick;
      r.lead = m.from;
      handleHeartbeat(r, m, env);
      return;
    case "MsgReadIndex":
      if (r.lead !== NONE) env.send({ ...m, to: r.lead, from: r.id });
      return;
    case "MsgReadIndexResp":
      env.emit({ type: "read-state", ctx: m.context, index: m.index });
      return;
    default:
      return;
  }
}

/** raft.hup: start a (pre-)election unless already leader. */
export function hup(r: RaftState, env: RaftEnv): void {
  if (r.role === "leader" || !r.voters.includes(r.id)) return;
  campaign(r, r.preVote ? "pre-election" : "election", env);
}

/** raft.campaign: ask every voter; our own vote is counted after the requests go out. */
function campaign(r: RaftState, kind: "pre-election" | "election", env: RaftEnv): void {
  const pre = kind === "pre-election";
  if (pre) becomePreCandidate(r, env);
  else becomeCandidate(r, env);
  const term = pre ? r.term + 1 : r.term;
  const type = pre ? "MsgPreVote" : "MsgVote";
  const li = lastIndex(r.log);
  const lt = termAt(r.log, li) ?? 0;
  for (const id of r.voters) {
    if (id !== r.id) env.send(msg({ type, from: r.id, to: id, term, index: li, logTerm: lt }));
  }
  stepRaft(r, msg({ type: pre ? "MsgPreVoteResp" : "MsgVoteResp", from: r.id, to: r.id, term }), env);
}

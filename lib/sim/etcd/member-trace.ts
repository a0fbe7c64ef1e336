// Plain-English trace records for Raft role changes and commits. The wording is for a learner
// replaying the run, so each message says what happened and, where it is not obvious, why.
import type { Ctx } from "../core/component";
import { entryAt } from "../raft/log";
import { majority } from "../raft/quorum";
import { NONE, type RaftEvent } from "../raft/types";
import type { EtcdConfig, EtcdState } from "./member-types";
import { isEntryData } from "./protocol";

function name(cfg: EtcdConfig, id: number): string {
  return cfg.peers[id] ?? `member ${id}`;
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function traceRaftEvent(s: EtcdState, e: RaftEvent, cfg: EtcdConfig, ctx: Ctx): void {
  const me = ctx.self;
  switch (e.type) {
    case "became-follower": {
      const leader = e.lead === NONE ? null : name(cfg, e.lead);
      const why =
        e.reason === "started"
          ? `${me} started as a follower at term ${e.term} and waits to hear from a leader.`
          : e.reason === "quorum is not active"
            ? `${me} stepped down to follower at term ${e.term}: it has not heard from a majority of ` +
              "members for an election timeout (CheckQuorum), so it can no longer act as leader."
            : e.reason.startsWith("lost")
              ? `${me} ${e.reason} and stays a follower at term ${e.term}.`
              : `${me} became a follower at term ${e.term}${leader ? ` of leader ${leader}` : ""} (${e.reason}).`;
      ctx.trace("raft.became-follower", why, { term: e.term, leader });
      return;
    }
    case "became-pre-candidate":
      // A member that cannot reach a majority campaigns every election timeout: report the first
      // attempt of a streak and then every tenth, not each one.
      if (s.campaigns > 1) {
        if (s.campaigns % 10 === 0) {
          ctx.trace(
            "raft.campaign-repeated",
            `${me} has now asked for pre-votes ${s.campaigns} times in a row ` +
              `without reaching a majority; its term is still ${e.term}.`,
            { term: e.term, attempts: s.campaigns },
          );
        }
        return;
      }
      ctx.trace(
        "raft.became-pre-candidate",
        `${me} heard from no leader within its election timeout and asks the others whether ` +
          `it could win term ${e.term + 1} (PreVote); its own term stays ${e.term}.`,
        { term: e.term },
      );
      return;
    case "became-candidate":
      ctx.trace("raft.became-candidate", `${me} starts an election for term ${e.term} and votes for itself.`, {
        term: e.term,
      });
      return;
    case "became-leader": {
      const voters = e.voters.map((v) => name(cfg, v));
      const n = s.raft.voters.length;
      ctx.trace(
        "raft.became-leader",
        `${me} became leader for term ${e.term} with votes from ${list(voters)} ` +
          `(${voters.length} of ${n}; a majority is ${majority(n)}).`,
        { term: e.term, votes: voters },
      );
      return;
    }
    case "committed":
      traceCommits(s, e.from, e.to, ctx);
      return;
    default:
      return;
  }
}

/**
 * Committed: stored on a majority of voters, so no later leader can lack it (Raft's Leader
 * Completeness). A single member is its own majority: its messages leave the majority out.
 */
function traceCommits(s: EtcdState, from: number, to: number, ctx: Ctx): void {
  const n = s.raft.voters.length;
  const durable = n === 1 ? "" : `, durable on a majority (${majority(n)} of ${n})`;
  for (let i = from; i <= to; i++) {
    const entry = entryAt(s.raft.log, i);
    if (entry === undefined || !isEntryData(entry.data) || entry.data.quiet) continue;
    ctx.trace("raft.committed", `${ctx.self} committed entry ${i}${durable}: ${entry.data.summary}.`, {
      index: i,
      term: entry.term,
    });
  }
}

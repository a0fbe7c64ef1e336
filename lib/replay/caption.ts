import type { TraceEvent } from "@/lib/sim";
import type { RaftMemberAt, WireMessage } from "./raft-tape";

// One plain-language sentence for what is happening at the playhead, derived from the trace: the
// messages on the wire when etcd is electing a leader, else the latest event (for a moment after it
// happened), else the steady state. Pure.

/** How long (virtual ms) an event stays the caption when nothing newer happens. */
const eventCaptionMs = 4000;

function list(names: string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** A sentence about the vote traffic in flight, or null when no vote is on the wire. */
function voteCaption(wire: readonly WireMessage[], members: readonly RaftMemberAt[]): string | null {
  const term = (id: string) => members.find((m) => m.id === id)?.term ?? 0;
  const request = wire.find((m) => m.type === "PreVote" || m.type === "Vote");
  const reply = wire.find((m) => m.type === "PreVoteResp" || m.type === "VoteResp");
  if (request) {
    const askers = wire.filter((m) => m.type === request.type && m.from === request.from);
    const lost = askers.filter((m) => m.lost).map((m) => m.to);
    const tail = lost.length
      ? `; ${list(lost)} ${lost.length === 1 ? "is" : "are"} down, so ` +
        `${lost.length === 1 ? "that request is" : "those requests are"} lost`
      : "";
    return request.type === "PreVote"
      ? `${request.from}'s election timer ran out: it asks the others for PreVotes, ` +
          `"could I win term ${request.term}?", without raising its own term yet${tail}.`
      : `${request.from} is a candidate for term ${request.term}: it ` +
          `voted for itself and asks the others for their votes${tail}.`;
  }
  if (reply) {
    const kind = reply.type === "PreVoteResp" ? "pre-vote" : "vote";
    const granted = wire.filter((m) => m.type === reply.type && m.to === reply.to && !m.reject).map((m) => m.from);
    const refused = wire.filter((m) => m.type === reply.type && m.to === reply.to && m.reject).map((m) => m.from);
    const parts = [
      granted.length ? `${list(granted)} ${granted.length === 1 ? "grants" : "grant"} ${reply.to} its ${kind}` : "",
      refused.length ? `${list(refused)} ${refused.length === 1 ? "refuses" : "refuse"}` : "",
    ].filter(Boolean);
    return `${parts.join("; ")} (term ${Math.max(reply.term, term(reply.to))}).`;
  }
  return null;
}

function steadyCaption(members: readonly RaftMemberAt[]): string | null {
  if (members.length === 0) return null;
  const leader = members.find((m) => m.up && m.role === "leader");
  if (leader)
    return (
      `${leader.id} leads term ${leader.term}: its heartbeats keep ` +
      "resetting the followers' election timers, so no one campaigns."
    );
  const up = members.filter((m) => m.up);
  if (up.length === 0) return "Every etcd member is down: the API server cannot read or write anything.";
  return (
    `No etcd leader: ${up.length} of ${members.length} members ` +
    "are up, and each one's election timer is running down."
  );
}

/**
 * The caption at time t. `seq` is the last event at or before t; `wire` and `members` come from the
 * raft tape (empty when the trace has none).
 */
export function captionAt(
  events: readonly TraceEvent[],
  seq: number,
  t: number,
  wire: readonly WireMessage[],
  members: readonly RaftMemberAt[],
): string {
  const votes = voteCaption(wire, members);
  if (votes) return votes;
  const latest = events[seq];
  if (latest && t - latest.t <= eventCaptionMs) return latest.message;
  return steadyCaption(members) ?? latest?.message ?? "The cluster is starting: press play to watch it come up.";
}

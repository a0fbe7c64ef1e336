"use client";

import { useId } from "react";
import type { RaftMemberAt, WireMessage } from "@/lib/replay/raft-tape";
import { ringLayout, type RingSlot } from "@/lib/replay/ring-layout";
import { majority } from "@/lib/sim/raft/quorum";

type Props = {
  members: RaftMemberAt[];
  wire: WireMessage[];
  t: number;
  /** Components that have not started yet at t (drawn as "starting", not as "down"). */
  starting: ReadonlySet<string>;
  isReducedMotion: boolean;
};

/** One colour per term, cycling: entries of the same term share it, so a new leader's entries stand out. */
export const termColors = ["#2f62d9", "#c2410c", "#15803d", "#9333ea", "#0e7490", "#b45309"];
const termColor = (term: number) => termColors[(term - 1 + termColors.length * 100) % termColors.length]!;

/** Short names drawn on the dots; the legend spells them out. */
const wireLabels: Record<string, string> = {
  PreVote: "PreVote",
  PreVoteResp: "PreVote reply",
  Vote: "Vote",
  VoteResp: "Vote reply",
  App: "Append",
  AppResp: "Append reply",
  Heartbeat: "Heartbeat",
  HeartbeatResp: "Heartbeat reply",
  ReadIndex: "ReadIndex",
  ReadIndexResp: "ReadIndex reply",
};

const isQuiet = (type: string) => type === "Heartbeat" || type === "HeartbeatResp";
const isReply = (type: string) => type.endsWith("Resp");
const voteTypes = new Set(["PreVote", "PreVoteResp", "Vote", "VoteResp"]);

/**
 * etcd as RaftScope draws Raft: members on a ring (so a message never crosses another member), each
 * with its role, term, election timer (a draining arc) and log (term-coloured entries, the committed
 * ones underlined), and every message between them as a dot on its way. All of it read from the
 * trace's raft tape at time t; nothing here runs the protocol.
 */
export function RaftRing({ members, wire, t, starting, isReducedMotion }: Props) {
  const titleId = useId();
  const ring = ringLayout(members.length);
  const leader = members.find((m) => m.up && m.role === "leader");
  const up = members.filter((m) => m.up).length;
  const slotOf = new Map(members.map((m, i) => [m.id, ring.slots[i]!]));
  return (
    <svg
      viewBox={`0 0 ${ring.size} ${ring.size}`}
      className="h-full w-full"
      role="img"
      aria-labelledby={titleId}
      data-testid="raft-ring"
    >
      <title id={titleId}>
        {`etcd at ${(t / 1000).toFixed(3)} s: ${up} of ${members.length} members up, ` +
          `${leader ? `${leader.id} leads term ${leader.term}` : "no leader"}.`}
      </title>
      <circle
        cx={ring.size / 2}
        cy={ring.size / 2}
        r={ring.radius}
        fill="none"
        stroke="var(--line)"
        strokeDasharray="2 6"
      />
      <text x={ring.size / 2} y={ring.size / 2 - 8} textAnchor="middle" className="fill-fg text-[15px] font-semibold">
        {leader ? `${leader.id} leads` : up === 0 ? "all members down" : "no leader"}
      </text>
      <text x={ring.size / 2} y={ring.size / 2 + 12} textAnchor="middle" className="fill-muted text-[12px]">
        {leader ? `term ${leader.term} · commit ${leader.commit}` : `${up} of ${members.length} up`}
      </text>
      <text x={ring.size / 2} y={ring.size / 2 + 30} textAnchor="middle" className="fill-muted text-[12px]">
        quorum: {majority(members.length)} of {members.length}
      </text>
      {members.map((member, i) => (
        <Member
          key={member.id}
          member={member}
          slot={ring.slots[i]!}
          t={t}
          isStarting={starting.has(member.id)}
          memberRadius={ring.memberRadius}
          center={ring.size / 2}
        />
      ))}
      {wire.map((message) => {
        const a = slotOf.get(message.from);
        const b = slotOf.get(message.to);
        return a && b ? (
          <Dot
            key={message.key}
            message={message}
            from={a}
            to={b}
            memberRadius={ring.memberRadius}
            isReducedMotion={isReducedMotion}
          />
        ) : null;
      })}
    </svg>
  );
}

function Member({
  member,
  slot,
  t,
  isStarting,
  memberRadius,
  center,
}: {
  member: RaftMemberAt;
  slot: RingSlot;
  t: number;
  isStarting: boolean;
  memberRadius: number;
  center: number;
}) {
  const r = memberRadius;
  const state = member.up ? (member.role ?? "follower") : isStarting ? "starting" : "down";
  const fill =
    state === "leader"
      ? "var(--accent)"
      : state === "candidate" || state === "pre-candidate"
        ? "var(--learning)"
        : "var(--surface)";
  const stroke =
    state === "down"
      ? "var(--danger)"
      : state === "starting"
        ? "var(--muted)"
        : state === "follower"
          ? "var(--fg)"
          : fill;
  const onFill = state === "leader" || state === "candidate" || state === "pre-candidate";
  // Labels go outward, away from the ring's centre, so they never sit on a message's path.
  const below = slot.y >= center;
  const labelY = below ? slot.y + r + 18 : slot.y - r - 36;
  return (
    <g data-member={member.id} data-role={state}>
      <circle
        cx={slot.x}
        cy={slot.y}
        r={r}
        fill={fill}
        stroke={stroke}
        strokeWidth={2}
        strokeDasharray={state === "down" || state === "starting" ? "5 4" : undefined}
      />
      {member.timer && member.up ? (
        <TimerArc cx={slot.x} cy={slot.y} r={r + 6} start={member.timer.start} deadline={member.timer.deadline} t={t} />
      ) : null}
      {state === "leader" ? (
        <circle cx={slot.x} cy={slot.y} r={r + 6} fill="none" stroke="var(--accent)" strokeWidth={3} />
      ) : null}
      <text
        x={slot.x}
        y={slot.y - 2}
        textAnchor="middle"
        className={
          "text-[13px] font-semibold " +
          `${onFill ? "fill-[var(--accent-fg)]" : state === "down" ? "fill-danger" : "fill-fg"}`
        }
      >
        {member.id.replace(/^etcd-/, "")}
      </text>
      <text
        x={slot.x}
        y={slot.y + 14}
        textAnchor="middle"
        className={`text-[11px] ${onFill ? "fill-[var(--accent-fg)]" : "fill-muted"}`}
      >
        {state === "down" ? "✕ down" : state === "starting" ? "starting" : `term ${member.term}`}
      </text>
      <text
        x={slot.x}
        y={labelY}
        textAnchor="middle"
        className={`text-[12px] font-medium ${state === "down" ? "fill-danger" : "fill-fg"}`}
      >
        {member.id} · {state}
      </text>
      <LogRow member={member} x={slot.x} y={labelY + 6} />
    </g>
  );
}

/** The election timer: a ring that drains from full (just reset) to empty (the member campaigns). */
function TimerArc({
  cx,
  cy,
  r,
  start,
  deadline,
  t,
}: {
  cx: number;
  cy: number;
  r: number;
  start: number;
  deadline: number;
  t: number;
}) {
  const span = Math.max(1, deadline - start);
  const left = Math.min(1, Math.max(0, (deadline - t) / span));
  const length = 2 * Math.PI * r;
  return (
    <g data-timer-left={left.toFixed(2)}>
      <circle cx={cx} cy={cy} r={r} fill="none" stroke="var(--line)" strokeWidth={3} />
      <circle
        cx={cx}
        cy={cy}
        r={r}
        fill="none"
        stroke={left < 0.2 ? "var(--learning)" : "var(--muted)"}
        strokeWidth={3}
        strokeDasharray={`${length * left} ${length}`}
        transform={`rotate(-90 ${cx} ${cy})`}
      />
    </g>
  );
}

const cell = 11;

/** The member's last entries as term-coloured cells, oldest left; committed ones carry a bar beneath. */
function LogRow({ member, x, y }: { member: RaftMemberAt; x: number; y: number }) {
  const { firstIndex, terms } = member.log;
  const width = Math.max(1, terms.length) * (cell + 1);
  const left = x - width / 2;
  if (terms.length === 0) {
    return (
      <text x={x} y={y + 10} textAnchor="middle" className="fill-muted text-[10px]">
        empty log
      </text>
    );
  }
  return (
    <g>
      {terms.map((term, i) => {
        const index = firstIndex + i;
        const isCommitted = index <= member.commit;
        return (
          <g key={index}>
            <title>{`entry ${index}, term ${term}${isCommitted ? ", committed" : ", not committed yet"}`}</title>
            <rect
              x={left + i * (cell + 1)}
              y={y}
              width={cell}
              height={cell}
              rx={2}
              fill={termColor(term)}
              opacity={isCommitted ? 1 : 0.45}
            />
            {isCommitted ? (
              <rect x={left + i * (cell + 1)} y={y + cell + 2} width={cell} height={2} fill="var(--fg)" />
            ) : null}
          </g>
        );
      })}
      <text x={left + width + 4} y={y + 9} className="fill-muted text-[9px]">
        {firstIndex + terms.length - 1}
      </text>
    </g>
  );
}

/** A message on its way: solid for a request, hollow for a reply; a rejected reply is marked ✕, a lost one fades. */
function Dot({
  message,
  from,
  to,
  memberRadius,
  isReducedMotion,
}: {
  message: WireMessage;
  from: RingSlot;
  to: RingSlot;
  memberRadius: number;
  isReducedMotion: boolean;
}) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  // Requests and replies between the same pair travel on parallel lanes, so they never overlap.
  const lane = isReply(message.type) ? 5 : -5;
  const ox = (-dy / length) * lane;
  const oy = (dx / length) * lane;
  const start = {
    x: from.x + (dx / length) * (memberRadius + 8) + ox,
    y: from.y + (dy / length) * (memberRadius + 8) + oy,
  };
  const end = { x: to.x - (dx / length) * (memberRadius + 8) + ox, y: to.y - (dy / length) * (memberRadius + 8) + oy };
  const progress = isReducedMotion ? 0.5 : message.progress;
  const x = start.x + (end.x - start.x) * progress;
  const y = start.y + (end.y - start.y) * progress;
  const color = message.term > 0 ? termColor(message.term) : "var(--muted)";
  const quiet = isQuiet(message.type);
  const size = quiet ? 4 : 7;
  const opacity = message.lost ? Math.max(0.15, 1 - progress) : 1;
  return (
    <g opacity={opacity} data-wire={message.type}>
      <line x1={start.x} y1={start.y} x2={x} y2={y} stroke={color} strokeWidth={quiet ? 1 : 1.5} opacity={0.35} />
      <circle
        cx={x}
        cy={y}
        r={size}
        fill={isReply(message.type) ? "var(--surface)" : color}
        stroke={color}
        strokeWidth={2}
      />
      {message.reject ? (
        <text x={x} y={y + 3.5} textAnchor="middle" className="fill-danger text-[10px] font-bold">
          ✕
        </text>
      ) : null}
      {quiet && !message.entries ? null : (
        <text
          x={x}
          y={y - size - 4}
          textAnchor="middle"
          className="fill-fg text-[11px] font-medium"
          paintOrder="stroke"
          stroke="var(--surface)"
          strokeWidth={3}
        >
          {wireLabels[message.type] ?? message.type}
          {voteTypes.has(message.type) && isReply(message.type) ? (message.reject ? " ✕" : " ✓") : ""}
          {message.entries ? ` +${message.entries}` : ""}
          {message.lost ? " (lost)" : ""}
        </text>
      )}
    </g>
  );
}

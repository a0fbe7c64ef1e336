import { HelpCircle } from "lucide-react";
import { markerColors, markerNames } from "./timeline";
import { termColors } from "./raft-ring";

const terms: [string, string][] = [
  [
    "Term",
    "Raft's election number. Each election starts a new term; a member " +
      "that sees a higher term adopts it and steps down to follower.",
  ],
  [
    "Quorum",
    "A majority of the members: 2 of 3, 3 of 5, 4 of 7. A leader needs a " +
      "quorum's votes, and an entry is committed once a quorum has stored it.",
  ],
  [
    "Election timer",
    "The ring around a follower. It drains; each message from the leader " +
      "refills it. When it runs out the member campaigns (etcd: 1–2 s).",
  ],
  [
    "Pre-candidate, PreVote",
    "Before raising its term, a member asks 'could I win?'. Only if a majority says yes does it " +
      "become a candidate, so an isolated member never disrupts the cluster with higher terms.",
  ],
  [
    "Candidate, Vote",
    "A member that won its PreVote raises its term, votes for itself and asks the others for their votes.",
  ],
  [
    "Append, Heartbeat",
    "The leader sends new log entries (Append) and, every 100 ms, a " +
      "Heartbeat that keeps followers' timers from running out.",
  ],
  [
    "Commit index",
    "The highest log entry stored on a majority. Committed entries (underlined " +
      "cells) are never lost; the API server answers a write only after its commit.",
  ],
  [
    "Lease",
    "A Kubernetes object a controller manager or scheduler renews every 2 s " +
      "to stay the active leader; a kubelet's Lease is its heartbeat.",
  ],
  ["Watch", "A stream of changes the API server pushes to controllers and kubelets, so they react without polling."],
];

const dots: [string, string][] = [
  ["●", "a request on its way (coloured by its term)"],
  ["○", "a reply; ✓ granted, ✕ refused"],
  ["fading", "lost: the receiver is down or cut off"],
];

/** The legend and glossary, one click or tap away (a native popover: Esc and a click outside close it). */
export function Glossary() {
  return (
    <>
      <button
        type="button"
        popoverTarget="replay-glossary"
        className="flex items-center gap-1 rounded-md border border-line px-2 py-1 text-xs hover:border-accent"
        aria-label="Legend and glossary"
      >
        <HelpCircle className="size-3.5" aria-hidden="true" />
        <span className="hidden sm:inline">Legend</span>
      </button>
      <div
        id="replay-glossary"
        popover="auto"
        className={
          "m-auto max-h-[85svh] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto rounded-xl " +
          "border border-line bg-surface p-4 text-sm text-fg shadow-xl backdrop:bg-black/30"
        }
      >
        <h2 className="mb-2 font-semibold">How to read the replay</h2>
        <dl className="space-y-2">
          {terms.map(([term, meaning]) => (
            <div key={term}>
              <dt className="font-medium">{term}</dt>
              <dd className="text-muted">{meaning}</dd>
            </div>
          ))}
        </dl>
        <h3 className="mt-3 mb-1 font-medium">Messages between etcd members</h3>
        <ul className="space-y-0.5 text-muted">
          {dots.map(([symbol, meaning]) => (
            <li key={symbol}>
              <span className="inline-block w-12 font-medium text-fg">{symbol}</span>
              {meaning}
            </li>
          ))}
          <li className="flex flex-wrap items-center gap-1">
            <span className="inline-block w-12 font-medium text-fg">terms</span>
            {termColors.map((color, i) => (
              <span key={color} className="inline-flex items-center gap-1 pr-2">
                <span className="inline-block size-3 rounded-sm" style={{ background: color }} />
                {i + 1}
              </span>
            ))}
          </li>
        </ul>
        <h3 className="mt-3 mb-1 font-medium">Timeline</h3>
        <ul className="grid gap-1 text-muted sm:grid-cols-2">
          {Object.entries(markerNames).map(([kind, name]) => (
            <li key={kind} className="flex items-center gap-2">
              <span className={`inline-block size-3 rounded-full ${markerColors[kind as keyof typeof markerColors]}`} />
              {name}
            </li>
          ))}
          <li className="flex items-center gap-2">
            <span className="inline-block h-1.5 w-3 rounded-full bg-learning/70" />
            slowed down: a burst of milliseconds played over seconds
          </li>
          <li className="flex items-center gap-2">
            <span
              className={
                "inline-block h-3 w-3 " + "bg-[repeating-linear-gradient(135deg,var(--line)_0_3px,transparent_3px_6px)]"
              }
            />
            the cluster starting (folded)
          </li>
        </ul>
      </div>
    </>
  );
}

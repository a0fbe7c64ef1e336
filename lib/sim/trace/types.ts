// The trace: everything the browser replay, the CLI and the claims need, as plain JSON.
// Documented in docs/trace-format.md and validated by trace/schema.ts when read back.
import type { TraceEvent } from "../core/run";
import type { View } from "../replay";
import type { RaftTape } from "./raft-tape";

export type { RaftTape };

export type { TraceEvent };

export type ParamValue = number | boolean;
export type Params = Record<string, ParamValue>;

export type ClaimResult = {
  id: string;
  /** A plain-English statement, e.g. "Writes fail while 2 of 3 members are down". */
  text: string;
  passed: boolean;
  /** Sequence numbers of the events that prove (or refute) the claim. */
  evidence: number[];
  /** How the check concluded, for a learner or a failing test. */
  detail: string;
};

export type TopologyProc = { id: string; kind: string; host: string };
export type Topology = { hosts: { id: string; zone: string }[]; processes: TopologyProc[] };

export type Outcome = { status: "completed" } | { status: "bound-exceeded"; bound: string; atMs: number; message: string };

export type Checkpoint = { seq: number; t: number; view: View };

export type Trace = {
  engineVersion: string;
  scenario: string;
  title: string;
  params: Params;
  seed: number;
  durationMs: number;
  topology: Topology;
  events: TraceEvent[];
  claims: ClaimResult[];
  /** Replay views folded from the events, every CHECKPOINT_EVERY events (see replay.ts). */
  checkpoints: Checkpoint[];
  outcome: Outcome;
  stats: { steps: number };
  /** etcd's wire and member state for the replay's Raft view, when the scenario records it (raft-tape.ts). */
  raft?: RaftTape;
};

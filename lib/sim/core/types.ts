// The simulation's core data types. Everything here is plain JSON data (STYLE G21): no classes,
// Maps or closures, so a World can be cloned for checkpoints, compared byte-for-byte in tests and
// sent across the server/browser boundary.
import type { Msg } from "./messages";
import type { NetState } from "./network";
import type { RngState } from "./rng";
import type { HostId, Ms, ProcId } from "./units";

export type { HostId, Ms, ProcId } from "./units";

export type Host = {
  up: boolean;
  /** Failure-domain label (topology.kubernetes.io/zone); the node lifecycle controller groups by it. */
  zone: string;
};

/** One running (or stopped) program. `state` belongs to the component handler for `kind`. */
export type Proc = {
  id: ProcId;
  kind: string;
  host: HostId;
  up: boolean;
  /**
   * Stopped on purpose (a static-pod manifest moved away, a service disabled): the supervisor will
   * not restart it. A crash leaves `disabled` false, so the host's kubelet restarts it with back-off.
   */
  disabled: boolean;
  /** Bumped on every crash: timers armed by an earlier incarnation are ignored when they fire. */
  incarnation: number;
  startedAt: Ms;
  /** The kubelet that runs this process as a static pod and restarts it, if any. */
  supervisor: ProcId | null;
  /** Static configuration (flags, peers, endpoints); survives crashes unchanged. */
  config: unknown;
  /** In-memory state; null while the process is down. */
  state: unknown;
  /** What the process keeps on disk across a crash (etcd's WAL and backend). */
  persisted: unknown;
};

export type World = {
  now: Ms;
  rng: RngState;
  procs: Record<ProcId, Proc>;
  hosts: Record<HostId, Host>;
  net: NetState;
  /** Counter for deterministic unique ids (request ids, uids, pod IPs). */
  nextId: number;
};

export type Envelope = { from: ProcId; to: ProcId; sentAt: Ms; body: Msg };

/** A scripted fault or user command. `target` may be a process id or a selector such as `@etcd-leader`. */
export type Action =
  | { type: "crash"; target: string; reason?: string }
  | { type: "stop"; target: string; reason?: string }
  | { type: "start"; target: string }
  | { type: "power-off"; host: HostId }
  | { type: "power-on"; host: HostId }
  | { type: "partition"; groups: HostId[][] }
  | { type: "heal" }
  | { type: "link"; a: HostId; b: HostId; dropPer1000: number; delayMs: number }
  | { type: "command"; target: ProcId; command: Command }
  /** The host's disk fails (it must be off): what its processes kept there is gone. */
  | { type: "wipe-disk"; host: HostId }
  /**
   * `etcdutl snapshot restore` on each member's host, from the snapshot file `file` (the etcdctl
   * process that saved it) into a new data dir for a new cluster (etcd/restore.ts) whose members are
   * `initialCluster` (default: `members`, the ones restored).
   */
  | {
      type: "etcd-restore";
      file: ProcId;
      members: ProcId[];
      token: string;
      bumpRevision: number;
      initialCluster?: ProcId[];
    };

/** A command for a client component (kubectl). */
export type Command = { name: string; args: Record<string, string | number | boolean> };

export type SimEvent =
  | ({ kind: "deliver" } & Envelope)
  | { kind: "timer"; proc: ProcId; incarnation: number; timer: unknown }
  | { kind: "action"; action: Action };

export type FieldValue = string | number | boolean | null | string[];
export type TraceFields = Record<string, FieldValue>;

/** A trace record before the run loop numbers it. */
export type TraceDraft = { t: Ms; component: string; type: string; message: string; fields: TraceFields };

/** Data produced by step(): items to schedule and trace records (STYLE G17: effects as data). */
export type Emitted = { kind: "schedule"; at: Ms; ev: SimEvent } | { kind: "trace"; draft: TraceDraft };

export type StepResult = { world: World; emitted: Emitted[] };

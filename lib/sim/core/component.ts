// The contract between the engine and a component (etcd member, kube-apiserver, kubelet, ...).
// A component is a bundle of pure functions over its own state; the engine dispatches to it by
// `Proc.kind` (STYLE G17: stepEtcd, stepApiServer, ... dispatched by kind). Side effects are
// requested through the Ctx and become data in the step's `emitted` list.
import type { Msg } from "./messages";
import type { Rng } from "./rng";
import type { Command, Envelope, HostId, Ms, ProcId, TraceFields } from "./types";

/** What a handler may do besides returning its next state. Valid only during one handler call. */
export type Ctx = {
  readonly now: Ms;
  readonly self: ProcId;
  readonly host: HostId;
  /** When this incarnation of the process started. */
  readonly startedAt: Ms;
  /**
   * True when the state passed to this call is owned by the run (see core/draft.ts): this process's
   * handler returned it earlier in the same run and nothing else refers to it, so the handler may
   * update it in place and return it. Otherwise (the pure step(), a state from outside the run) the
   * handler must leave it untouched. Always false unless the component sets editsOwnedState.
   */
  readonly ownsState?: boolean;
  readonly rng: Rng;
  /** Sends a message over the simulated network (it may be delayed, dropped or partitioned). */
  send(to: ProcId, body: Msg): void;
  /** Arms a timer that fires `delayMs` from now (an integer >= 0), unless the process crashes first. */
  after(delayMs: Ms, timer: unknown): void;
  /** Records a learner-facing trace event attributed to this process. */
  trace(type: string, message: string, fields?: TraceFields): void;
  /** A fresh deterministic id such as `req-42`. */
  nextId(prefix: string): string;
  /** Terminates this process once the handler returns (e.g. "leaderelection lost"). */
  exit(reason: string): void;
  /** For a kubelet: kills a static pod on its own host. */
  killLocal(proc: ProcId, reason: string): void;
  /** For a kubelet: (re)starts a static pod on its own host, unless it was stopped on purpose. */
  startLocal(proc: ProcId): void;
  /** For a kubelet: whether a static pod on its own host is running (what the runtime reports). */
  isLocalUp(proc: ProcId): boolean;
  /**
   * For a cloud provider: powers a machine (host) on or off, as creating or deleting a VM does
   * (the simulated cloud API of the cluster-autoscaler scenario).
   */
  powerHost(host: string, on: boolean): void;
};

/** What survives a crash, and which peers held connections the kernel must now reset. */
type CrashResult = { persisted: unknown; peers: readonly ProcId[] };

type Component<Config, State, Timer> = {
  kind: string;
  /**
   * Set by components whose handlers edit a state the run owns in place (see Ctx.ownsState). The
   * engine tracks ownership only for these, so components that always copy pay nothing for it.
   */
  editsOwnedState?: boolean;
  /** State for a process that starts, given its flags and what it kept on disk (undefined at first boot). */
  boot(config: Config, persisted: unknown, ctx: Ctx): State;
  onMessage(state: State, env: Envelope, ctx: Ctx, config: Config): State;
  onTimer(state: State, timer: Timer, ctx: Ctx, config: Config): State;
  /** Scripted user commands (kubectl). */
  onCommand?(state: State, command: Command, ctx: Ctx, config: Config): State;
  /** What survives a crash; without it, nothing: no disk, and no connection the kernel must reset. */
  onCrash?(state: State): CrashResult;
};

/** The crash of a component that keeps nothing on disk and holds no connection open to a peer. */
export const NOTHING_SURVIVES: CrashResult = Object.freeze({ persisted: undefined, peers: Object.freeze([]) });

// Handlers are stored type-erased in the registry; defineComponent keeps each definition fully typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyComponent = Component<any, any, any>;

/** Identity helper that checks a component definition against its own Config/State/Timer types. */
export function defineComponent<Config, State, Timer>(
  c: Component<Config, State, Timer>,
): Component<Config, State, Timer> {
  return c;
}

// A tap observes a run without taking part in it: the engine tells it about every message routed
// and every process that may have changed, and it only reads. It never changes the world, draws
// from the PRNG or schedules anything, so a run with a tap has exactly the events of a run without
// one (tests/sim/raft-tape.test.ts compares them). Without a tap (null) the engine pays one null
// check per message and per handler call. The raft tape (etcd/raft-tape-recorder.ts) is a tap.
import type { Ms, Proc, SimEvent } from "./types";

export type DeliverEvent = Extract<SimEvent, { kind: "deliver" }>;

export type Tap = {
  /**
   * A message was sent at `ev.sentAt`. Delivered: `ev` is the queued event that delivers it at `at`.
   * `lost` (a partition or a dropping link): `ev` is never queued and `at` is when it would have arrived.
   */
  routed(ev: DeliverEvent, at: Ms, lost: boolean): void;
  /**
   * The queued `ev`, due `now`, reached a receiver that is down (host off or process not running): it is lost there.
   */
  unheard(ev: DeliverEvent, now: Ms): void;
  /**
   * `proc` may have changed at `now`: one of its handlers ran, or it crashed or started. `state` is
   * its state now (proc.state may be an older copy on the pure path).
   */
  touched(proc: Proc, state: unknown, now: Ms): void;
};

// Claims shared by several scenarios.
import type { TraceEvent } from "../trace/types";
import { claim, select } from "./claims";

/** Every traffic round after `from` reached at least `min` endpoints and none failed. */
export function trafficClaim(events: readonly TraceEvent[], from: number, min: number, to = Infinity) {
  const rounds = select(events, { type: "app.traffic", from, to });
  const bad = rounds.filter((e) => e.failed !== 0 || (typeof e.ok === "number" && e.ok < min));
  return claim(
    "pods-serve",
    "Running pods keep serving traffic: the data plane does not depend on etcd or the API server.",
    rounds.length >= 3 && bad.length === 0,
    bad.length > 0 ? bad.slice(0, 3) : [rounds[0], rounds.at(-1)],
    `${rounds.length} traffic rounds checked, ${bad.length} with failures or fewer than ${min} endpoints.`,
  );
}

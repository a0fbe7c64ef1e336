// Claims at the bounds: every scenario's claims hold at its defaults and with each parameter alone at
// its minimum and its maximum (paramVariants), on every seed tried. The seed sweep draws parameters at
// random and keeps long outages short; this covers exactly the corners the what-if controls allow, so
// a claim that is too tight for a value the UI offers fails here. The rule when one does: fix the
// claim so it states what upstream does at that value, or shrink the bound if the value means nothing.
import { describe, expect, it } from "vitest";
import { runScenario, SCENARIOS } from "@/lib/sim";
import { paramVariants, reproduceLine } from "./param-variants";

/** Seeds per parameter set: eight keep the whole file under half a minute of one core. */
const SEEDS = 8;

describe.each(SCENARIOS.map((def) => [def.id, def] as const))("claims at the parameter bounds: %s", (id, def) => {
  it(`holds every claim at the defaults and at each parameter's bounds, over ${SEEDS} seeds`, () => {
    for (const raw of paramVariants(def)) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const trace = runScenario(id, raw, seed);
        expect(trace.outcome, reproduceLine(id, raw, seed)).toEqual({ status: "completed" });
        const failed = trace.claims.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`);
        expect(failed, reproduceLine(id, raw, seed)).toEqual([]);
      }
    }
  });
});

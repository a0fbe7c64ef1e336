// The seed sweep (STYLE G25, after TigerBeetle's VOPR): runs across every scenario with
// parameters drawn from each seed, every invariant checked after every step, every claim required
// to hold, each run's trace validated, and every run repeated to prove determinism byte for byte.
import { describe, expect, it } from "vitest";
import { createRng, seedRng } from "@/lib/sim/core/rng";
import { createInvariantChecker } from "@/lib/sim/invariants";
import { findScenario, parseTrace, runScenario, SCENARIO_IDS, type Params } from "@/lib/sim";
import { reproduceLine } from "./param-variants";

/** 60 seeds for the control-plane scenarios; the workload scenarios do more per run, so 40 keep CI within budget. */
const SEEDS: Record<string, number> = {
  "etcd-quorum-loss": 60,
  "etcd-outage": 60,
  "control-plane-ha": 60,
  "node-failure": 60,
  "etcd-backup-restore": 20,
  hpa: 20,
  "cluster-autoscaler": 20,
  "kubeadm-upgrade": 20,
};
const seedsFor = (id: string) => SEEDS[id] ?? 40;

/** Valid parameters chosen by the seed, so the sweep also covers the parameter space. */
function paramsFor(id: string, seed: number): Params {
  const def = findScenario(id)!;
  const rng = createRng(seedRng(seed * 7919 + id.length));
  const out: Params = {};
  for (const p of def.params) {
    if (seed <= 5) out[p.name] = p.default;
    else if (p.type === "boolean") out[p.name] = rng.range(0, 1) === 1;
    else if (p.type === "enum") out[p.name] = p.options[rng.range(0, p.options.length - 1)]!.value;
    else {
      // Keep long scenarios (big tolerations and outages) short enough for CI.
      const max = Math.min(
        p.max,
        p.unit === "s" ? 180 : p.max,
        p.maxFrom === undefined ? p.max : Number(out[p.maxFrom]),
      );
      out[p.name] = rng.range(p.min, Math.max(p.min, max));
    }
  }
  return out;
}

describe.each(SCENARIO_IDS)("seed sweep: %s", (id) => {
  it(`holds every invariant and is deterministic over ${seedsFor(id)} seeds`, () => {
    for (let seed = 1; seed <= seedsFor(id); seed++) {
      const params = paramsFor(id, seed);
      const checker = createInvariantChecker();
      let trace;
      try {
        trace = runScenario(id, params, seed, { onStep: (w) => checker.check(w) });
      } catch (err) {
        throw new Error(`${String(err)}\n${reproduceLine(id, params, seed)}`);
      }
      expect(trace.outcome, reproduceLine(id, params, seed)).toEqual({ status: "completed" });
      expect(checker.steps).toBe(trace.stats.steps);
      const failed = trace.claims.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`);
      expect(failed, reproduceLine(id, params, seed)).toEqual([]);
      const again = runScenario(id, params, seed);
      expect(JSON.stringify(again), `not deterministic: ${reproduceLine(id, params, seed)}`).toBe(
        JSON.stringify(trace),
      );
      expect(() => parseTrace(JSON.parse(JSON.stringify(trace)))).not.toThrow();
    }
  });
});

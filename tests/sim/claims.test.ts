// The claim helper (lib/sim/scenarios/claims.ts): a claim is shown by its evidence or it fails, and
// its deciding event (decidingSeq) is the evidence event with the largest seq.
import { describe, expect, it } from "vitest";
import { decidingSeq, runScenario, SCENARIOS } from "@/lib/sim";
import { claim } from "@/lib/sim/scenarios/claims";
import type { TraceEvent } from "@/lib/sim";

const event = (seq: number): TraceEvent => ({
  t: seq * 10,
  seq,
  component: "etcd-1",
  type: "raft.committed",
  message: `event ${seq}`,
});

describe("claim()", () => {
  it("fails a claim that names no event, whatever its check said", () => {
    const c = claim("no-commits", "No entry is committed.", true, [undefined], "0 entries committed.");
    expect(c).toMatchObject({ passed: false, evidence: [] });
    expect(c.detail).toContain("No evidence");
  });

  it("keeps each event once, in seq order, so the last is the deciding one", () => {
    const c = claim("x", "x", true, [event(7), undefined, event(3), event(7)], "ok");
    expect(c).toMatchObject({ passed: true, evidence: [3, 7] });
    expect(decidingSeq(c)).toBe(7);
  });

  it("gives -1 as the deciding event of a claim without evidence", () => {
    expect(decidingSeq({ evidence: [] })).toBe(-1);
  });
});

describe("every scenario at its defaults", () => {
  it.each(SCENARIOS.map((d) => [d.id] as const))(
    "%s: every claim has evidence, and its deciding event is within the run",
    (id) => {
      const trace = runScenario(id, {}, 1);
      for (const c of trace.claims) {
        expect(c.evidence.length, `${id}/${c.id}`).toBeGreaterThan(0);
        expect(trace.events[decidingSeq(c)]!.t, `${id}/${c.id}`).toBeLessThanOrEqual(trace.durationMs);
      }
    },
  );
});

// The readable summaries next to the trace hashes: what they show of a run and of a change to it.
import { describe, expect, it } from "vitest";
import { runScenario, type Trace, type TraceEvent } from "@/lib/sim";
import type { TraceFields } from "@/lib/sim/core/types";
import { changedRuns, summarizeRun } from "./trace-summary";

const base = runScenario("etcd-outage", {}, 1);
const faulted = runScenario("etcd-outage", {}, 1, { faults: [{ atMs: 10_000, kind: "stop", target: "etcd-2" }] });

/** A trace event before it is numbered: time, component, type and its fields. */
type Unnumbered = Pick<TraceEvent, "t" | "component" | "type"> & TraceFields;

function withEvents(events: Unnumbered[]): Trace {
  return { ...base, events: events.map((e, seq) => ({ ...e, seq, message: "" })) };
}

function refusal(t: number, pod: string): Unnumbered {
  return { t, component: "kubectl", type: "eviction.refused", pod };
}

describe("summarizeRun", () => {
  it("names the run, its size, its claims with their verdicts, and ignores the engine version", () => {
    const text = summarizeRun("etcd-outage defaults seed=1", base);
    const lines = text.split("\n");
    expect(lines[0]).toBe("## etcd-outage defaults seed=1");
    expect(lines[1]).toMatch(
      new RegExp(`^${base.events.length} events over \\d+\\.\\d s, completed; trace [0-9a-f]{12}$`),
    );
    expect(lines.filter((l) => l.startsWith("claim "))).toEqual(
      base.claims.map((c) => `claim ${c.id} ${c.passed ? "PASS" : "FAIL"}`),
    );
    expect(summarizeRun("etcd-outage defaults seed=1", { ...base, engineVersion: "0.0.1" })).toBe(text);
  });

  it("puts the moments of one tenth of a second on one line and folds a recent repeat into it", () => {
    const trace = withEvents([
      { t: 30_000, component: "kubectl", type: "drain.cordoned", node: "node-1" },
      refusal(30_004, "web-a"),
      ...[35_000, 40_000, 45_000].flatMap((t) => [refusal(t, "web-a"), refusal(t + 1, "web-b")]),
      { t: 90_000, component: "kubectl", type: "drain.failed", node: "node-1" },
    ]);
    const moments = summarizeRun("x", trace).split("\n").slice(2, 5);
    expect(moments).toEqual([
      "   30.0 s  node-1 cordoned; eviction of web-a refused (429)",
      "   35.0 s  eviction of web-a refused (429); eviction of web-b refused (429) (×3, the last at 45.0 s)",
      "   90.0 s  drain of node-1 failed",
    ]);
  });

  it("keeps a run within 30 lines, counting the moments it leaves out by kind", () => {
    const trace = withEvents(
      Array.from({ length: 60 }, (_, i) => ({
        t: 1000 * (i + 1),
        component: "kubectl",
        type: "drain.drained",
        node: `n${i}`,
      })),
    );
    const lines = summarizeRun("x", trace).split("\n");
    expect(lines.length).toBe(30);
    const left = 60 - lines.filter((l) => /^ +\d+\.\d s {2}n\d+ drained$/.test(l)).length;
    expect(left).toBeGreaterThan(30);
    expect(lines.at(-1 - base.claims.length)).toBe(
      `        … ${left} more key moments, by kind ${left} node; the last: n59 drained at 60.0 s`,
    );
  });

  it("shows a fault's effect in words: the stop and its time appear only in the faulted run", () => {
    const [before, after] = [summarizeRun("b", base), summarizeRun("b", faulted)];
    expect(before).not.toContain("10.0 s  etcd-2 stopped");
    expect(after).toContain("10.0 s  etcd-2 stopped: stopped by a fault added to the run");
    expect(after.split("\n")[1]).not.toBe(before.split("\n")[1]);
  });
});

describe("changedRuns", () => {
  const file = (...blocks: string[]) => `# header\n\n${blocks.join("\n\n")}\n`;

  it("lists the runs whose summary changed, added or removed, with both blocks", () => {
    const [a, b, c] = [summarizeRun("a", base), summarizeRun("b", base), summarizeRun("c", base)];
    const bFaulted = summarizeRun("b", faulted);
    expect(changedRuns(file(a, b, c), file(a, b, c))).toEqual([]);
    expect(changedRuns(file(a, b, c), file(a, bFaulted))).toEqual([
      { name: "b", before: b, after: bFaulted },
      { name: "c", before: c, after: undefined },
    ]);
  });
});

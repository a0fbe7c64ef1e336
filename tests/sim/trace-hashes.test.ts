// Byte-identity of traces over a parameter matrix: a SHA-256 of the JSON trace of every registered
// scenario at its default parameters (three seeds) and with each parameter at its minimum and
// maximum (one seed), compared with __snapshots__/trace-hashes.txt. The golden traces pin the
// default runs event by event; this pins many more runs byte by byte, so an engine optimization that
// changes any trace, however slightly, fails here. The pure step() path must give the same bytes.
//
// Next to the hashes, __snapshots__/trace-summaries/<scenario>.txt holds every run in words (its key
// moments and claims, trace-summary.ts), so that a changed hash comes with a readable diff of what
// changed. The test prints the runs whose summary changed; a failure under the version rule below
// shows their summaries before and after.
//
// The hash file's first line records the ENGINE_VERSION it was written with (engine-version-check.ts).
// Before the snapshot is compared (or rewritten by -u), the committed file is read: different hashes
// under the version it records fail, so `-u` alone cannot accept a trace change; the version in
// lib/sim/version.ts must be bumped first. (A bump alone changes every hash: traces carry the version.)
//
// When a trace changes on purpose, review the golden-trace diffs (datadriven.test.ts), bump
// ENGINE_VERSION, then update hashes and summaries together (-u last: `-u <path>` would take the path
// as -u's value), and review the summaries' diff:
//   npx vitest run --project sim tests/sim/trace-hashes.test.ts -u
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ENGINE_VERSION, runScenario, SCENARIOS } from "@/lib/sim";
import { hashFileHeader, versionProblem } from "./engine-version-check";
import { paramVariants } from "./param-variants";
import { changedRuns, changeReport, SUMMARY_FILE_HEADER, summarizeRun } from "./trace-summary";

const HASH_FILE = path.join(import.meta.dirname, "__snapshots__/trace-hashes.txt");

function summaryFile(scenario: string): string {
  return path.join(import.meta.dirname, `__snapshots__/trace-summaries/${scenario}.txt`);
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function readCommitted(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/** One scenario's runs over the matrix: a hash line and a summary block per run, in matrix order. */
function scenarioRuns(def: (typeof SCENARIOS)[number]): { hashLines: string[]; summary: string; pure: string } {
  const hashLines: string[] = [];
  const blocks: string[] = [];
  for (const raw of paramVariants(def)) {
    const tag =
      Object.entries(raw)
        .map(([k, v]) => `${k}=${v}`)
        .join(",") || "defaults";
    const seeds = Object.keys(raw).length === 0 ? [1, 2, 3] : [1];
    for (const seed of seeds) {
      const trace = runScenario(def.id, raw, seed);
      const name = `${def.id} ${tag} seed=${seed}`;
      hashLines.push(`${name} ${sha256(JSON.stringify(trace))}`);
      blocks.push(summarizeRun(name, trace));
    }
  }
  const pure = sha256(JSON.stringify(runScenario(def.id, {}, 1, { transient: false })));
  return { hashLines, summary: `${SUMMARY_FILE_HEADER}\n${blocks.join("\n\n")}\n`, pure };
}

/** Blocks of changed runs a failure message shows in full (every changed run is named). */
const REPORTED_BLOCKS_MAX = 3;

describe("trace hashes", () => {
  const runs: Record<string, ReturnType<typeof scenarioRuns>> = {};
  let current = "";
  let problem: string | null = null;
  beforeAll(() => {
    for (const def of SCENARIOS) runs[def.id] = scenarioRuns(def);
    const lines = SCENARIOS.flatMap((def) => runs[def.id]!.hashLines);
    current = `${hashFileHeader(ENGINE_VERSION)}\n${lines.join("\n")}\n`;
    problem = versionProblem(readFileSync(HASH_FILE, "utf8"), current, ENGINE_VERSION);
  }, 300_000);

  it("keeps every trace of the matrix byte-identical, on the in-place and the pure paths", async () => {
    for (const def of SCENARIOS)
      expect(runs[def.id]!.pure, `${def.id}: the pure path differs from the in-place path`).toBe(
        runs[def.id]!.hashLines.find((l) => l.startsWith(`${def.id} defaults seed=1 `))!
          .split(" ")
          .at(-1),
      );
    const changes = SCENARIOS.flatMap((def) => changedRuns(readCommitted(summaryFile(def.id)), runs[def.id]!.summary));
    if (changes.length > 0) console.log(changeReport(changes, 0));
    expect(problem, `${problem}\n${changeReport(changes, REPORTED_BLOCKS_MAX)}`).toBeNull();
    await expect(current).toMatchFileSnapshot("__snapshots__/trace-hashes.txt");
  });

  // Checked (or rewritten by -u) only under the version rule the hashes follow.
  it.each(SCENARIOS.map((def) => def.id))("summarizes every run of %s as its golden file says", async (id) => {
    expect(problem, "the hash test says why").toBeNull();
    await expect(runs[id]!.summary).toMatchFileSnapshot(summaryFile(id));
  });
});

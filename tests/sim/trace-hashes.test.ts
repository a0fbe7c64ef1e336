// Byte-identity of traces over a parameter matrix: a SHA-256 of the JSON trace of every registered
// scenario at its default parameters (three seeds) and with each parameter at its minimum and
// maximum (one seed), compared with __snapshots__/trace-hashes.txt. The golden traces pin the
// default runs event by event; this pins many more runs byte by byte, so an engine optimization that
// changes any trace, however slightly, fails here. The pure step() path must give the same bytes.
//
// The file's first line records the ENGINE_VERSION it was written with (engine-version-check.ts).
// Before the snapshot is compared (or rewritten by -u), the committed file is read: different hashes
// under the version it records fail, so `-u` alone cannot accept a trace change; the version in
// lib/sim/version.ts must be bumped first. (A bump alone changes every hash: traces carry the version.)
//
// When a trace changes on purpose, review the golden-trace diffs (datadriven.test.ts), bump
// ENGINE_VERSION, then update (-u last: `-u <path>` would take the path as -u's value):
//   npx vitest run --project sim tests/sim/trace-hashes.test.ts -u
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENGINE_VERSION, runScenario, SCENARIOS } from "@/lib/sim";
import { hashFileHeader, versionProblem } from "./engine-version-check";
import { paramVariants } from "./param-variants";

const HASH_FILE = path.join(import.meta.dirname, "__snapshots__/trace-hashes.txt");

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

describe("trace hashes", () => {
  it("keeps every trace of the matrix byte-identical, on the in-place and the pure paths", async () => {
    const lines: string[] = [];
    for (const def of SCENARIOS) {
      for (const raw of paramVariants(def)) {
        const tag =
          Object.entries(raw)
            .map(([k, v]) => `${k}=${v}`)
            .join(",") || "defaults";
        const seeds = Object.keys(raw).length === 0 ? [1, 2, 3] : [1];
        for (const seed of seeds)
          lines.push(`${def.id} ${tag} seed=${seed} ${sha256(JSON.stringify(runScenario(def.id, raw, seed)))}`);
      }
      const pure = JSON.stringify(runScenario(def.id, {}, 1, { transient: false }));
      expect(sha256(pure), `${def.id}: the pure path differs from the in-place path`).toBe(
        lines
          .find((l) => l.startsWith(`${def.id} defaults seed=1 `))!
          .split(" ")
          .at(-1),
      );
    }
    const current = `${hashFileHeader(ENGINE_VERSION)}\n${lines.join("\n")}\n`;
    const problem = versionProblem(readFileSync(HASH_FILE, "utf8"), current, ENGINE_VERSION);
    expect(problem, problem ?? undefined).toBeNull();
    await expect(current).toMatchFileSnapshot("__snapshots__/trace-hashes.txt");
  });
});

// Byte-identity of traces over a parameter matrix: a SHA-256 of the JSON trace of every registered
// scenario at its default parameters (three seeds) and with each parameter at its minimum and
// maximum (one seed), compared with __snapshots__/trace-hashes.txt. The golden traces pin the
// default runs event by event; this pins many more runs byte by byte, so an engine optimization that
// changes any trace, however slightly, fails here. The pure step() path must give the same bytes.
//
// When a trace changes on purpose, review the golden-trace diffs (datadriven.test.ts), then update:
//   npx vitest run --project sim -u tests/sim/trace-hashes.test.ts
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runScenario, SCENARIOS } from "@/lib/sim";
import { paramVariants } from "./param-variants";

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

describe("trace hashes", () => {
  it("keeps every trace of the matrix byte-identical, on the in-place and the pure paths", async () => {
    const lines: string[] = [];
    for (const def of SCENARIOS) {
      for (const raw of paramVariants(def)) {
        const tag = Object.entries(raw).map(([k, v]) => `${k}=${v}`).join(",") || "defaults";
        const seeds = Object.keys(raw).length === 0 ? [1, 2, 3] : [1];
        for (const seed of seeds) lines.push(`${def.id} ${tag} seed=${seed} ${sha256(JSON.stringify(runScenario(def.id, raw, seed)))}`);
      }
      const pure = JSON.stringify(runScenario(def.id, {}, 1, { transient: false }));
      expect(sha256(pure), `${def.id}: the pure path differs from the in-place path`).toBe(lines.find((l) => l.startsWith(`${def.id} defaults seed=1 `))!.split(" ").at(-1));
    }
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("__snapshots__/trace-hashes.txt");
  });
});

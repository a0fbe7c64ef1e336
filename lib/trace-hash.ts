import { createHash } from "node:crypto";
import type { Trace } from "@/lib/sim";

/**
 * The SHA-256 of a trace's JSON, hex: what `npm run sim -- run --hash` prints and the app reports, so
 * a run shared by URL can be checked against the CLI (tests/sim/trace-hashes.test.ts hashes the same way).
 */
export function traceHash(trace: Trace): string {
  return createHash("sha256").update(JSON.stringify(trace)).digest("hex");
}

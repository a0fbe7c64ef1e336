// npm run bench [-- <name>...] – runs each benchmark in bench/*.ts (or only the named ones) in its own
// process, after printing the machine, so figures are comparable between runs. Benchmarks print
// their own figures (per-op times or ratios) and the target they are measured against.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SIM_SEMI_SPACE_MB } from "@/lib/pool/heavy-pool";

const only = process.argv.slice(2);
const benches = readdirSync("bench")
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.replace(/\.ts$/, ""))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(
  `machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} ` +
    `GiB, node ${process.version}, ${os.platform()} ${os.release()}`,
);
if (benches.length === 0) {
  console.error(`no benchmark matches ${only.join(", ")}; available: ${readdirSync("bench").join(", ")}`);
  process.exit(2);
}

/** The simulation runs as the server's heavy pool runs it: with that pool's young generation. */
const NODE_FLAGS: Record<string, string[]> = { sim: [`--max-semi-space-size=${SIM_SEMI_SPACE_MB}`] };

let failed = 0;
for (const name of benches) {
  console.log(`\n== ${name}`);
  const flags = [...(NODE_FLAGS[name] ?? []), "--import", "tsx", "--expose-gc"];
  const result = spawnSync(process.execPath, [...flags, path.join("bench", `${name}.ts`)], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

// A production build (`next build`) only when the sources changed since the last one: `npm start`
// runs this before serving, and so does the scale-out test before it starts its instances.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const nextBin = path.resolve("node_modules/next/dist/bin/next");
const fingerprintFile = path.resolve(".next/quorum-build-fingerprint");
// What a production build depends on. content/ is not here: pages read it from the database.
const buildInputs = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation-client.ts",
  "prisma/schema.prisma",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

export function buildIfChanged(env: NodeJS.ProcessEnv) {
  const fingerprint = hashInputs(buildInputs);
  const isBuilt =
    existsSync(".next/BUILD_ID") &&
    existsSync(fingerprintFile) &&
    readFileSync(fingerprintFile, "utf8") === fingerprint;
  if (isBuilt) return;
  console.log("quorum: sources changed since the last build; running next build");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  writeFileSync(fingerprintFile, fingerprint);
}

function hashInputs(inputs: string[]): string {
  const hash = createHash("sha256");
  const visit = (file: string) => {
    if (!existsSync(file) || file.includes("generated")) return;
    if (statSync(file).isDirectory()) {
      for (const entry of readdirSync(file).sort()) visit(path.join(file, entry));
    } else {
      hash.update(file).update(readFileSync(file));
    }
  };
  inputs.forEach(visit);
  return hash.digest("hex");
}

// Test tools this project runs for real (Chromium, PostgreSQL, HAProxy) come from Debian's
// packages, installed when missing: as root directly, else through passwordless sudo.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function runAsRoot(command: string, args: string[]): boolean {
  const [bin, argv] = process.getuid?.() === 0 ? [command, args] : ["sudo", ["-n", command, ...args]];
  console.log(`$ ${[bin, ...argv].join(" ")}`);
  return (
    spawnSync(bin, argv, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0
  );
}

/**
 * Installs Debian's `pkg` unless `isInstalled()` already holds, then checks it again. Throws a
 * one-line explanation when it cannot (no apt-get, or neither root nor passwordless sudo).
 */
export function ensureDebianPackage(pkg: string, isInstalled: () => boolean, purpose: string): void {
  if (isInstalled()) return;
  console.log(`${pkg} is missing: installing Debian's ${pkg} package ${purpose}.`);
  const installed =
    existsSync("/usr/bin/apt-get") &&
    runAsRoot("apt-get", ["update", "-qq"]) &&
    runAsRoot("apt-get", ["install", "-y", "-qq", pkg]);
  if (!installed || !isInstalled())
    throw new Error(
      `Could not install ${pkg} with apt-get (root or passwordless sudo ` +
        `is needed). Install it yourself: apt-get install ${pkg}`,
    );
}

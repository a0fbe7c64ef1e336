// Before the end-to-end tests: make sure a Chromium is there. On Debian (this project's machines
// and CI) that is the distribution's `chromium` package, installed when /usr/bin/chromium is
// missing, since Playwright's own browser download host is unreachable here. Elsewhere, Playwright's
// own browser is used when it is installed (tests/e2e/browser.ts picks the executable).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { debianChromium } from "../tests/e2e/browser";

function run(command: string, args: string[]): boolean {
  const asRoot = process.getuid?.() === 0;
  const [bin, argv] = asRoot ? [command, args] : ["sudo", ["-n", command, ...args]];
  console.log(`$ ${[bin, ...argv].join(" ")}`);
  return spawnSync(bin, argv, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
}

if (existsSync(debianChromium)) {
  process.exit(0);
}
if (existsSync("/usr/bin/apt-get")) {
  console.log("Chromium is missing: installing Debian's chromium package for the end-to-end tests.");
  if (run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "chromium"]) && existsSync(debianChromium)) {
    process.exit(0);
  }
  console.error("Could not install chromium with apt-get (root or passwordless sudo is needed). Install it yourself: apt-get install chromium");
  process.exit(1);
}
if (existsSync(chromium.executablePath())) {
  process.exit(0);
}
console.error("No Chromium found: install Debian's chromium package, or Playwright's browser with `npx playwright install chromium`.");
process.exit(1);

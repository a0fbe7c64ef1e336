// Before the end-to-end tests: make sure a Chromium is there. On Debian (this project's machines
// and CI) that is the distribution's `chromium` package, installed when /usr/bin/chromium is
// missing, since Playwright's own browser download host is unreachable here. Elsewhere, Playwright's
// own browser is used when it is installed (tests/e2e/browser.ts picks the executable).
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { debianChromium } from "../tests/e2e/browser";
import { ensureDebianPackage } from "./debian-package";

if (existsSync(debianChromium)) process.exit(0);
if (existsSync("/usr/bin/apt-get")) {
  try {
    ensureDebianPackage("chromium", () => existsSync(debianChromium), "for the end-to-end tests");
    process.exit(0);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
if (existsSync(chromium.executablePath())) process.exit(0);
console.error(
  "No Chromium found: install Debian's chromium package, or " +
    "Playwright's browser with `npx playwright install chromium`.",
);
process.exit(1);

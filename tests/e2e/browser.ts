import { existsSync } from "node:fs";

export const debianChromium = "/usr/bin/chromium";

/**
 * Debian's Chromium when it is installed, else Playwright's own browser (undefined lets
 * Playwright find it). The flags keep Chromium from reaching out to Google's hosts, which this
 * machine's closed network refuses, and let it run as root in CI.
 */
export const chromiumLaunchOptions = {
  executablePath: existsSync(debianChromium) ? debianChromium : undefined,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

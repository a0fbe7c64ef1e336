// Targets, against `next start` with the seeded database: home and study page server
// render p50 < 50 ms; grading round trip (click → next card on screen, in Chromium) p50 < 30 ms
// (a new learner: each grade is a new card's first review).
import { chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../tests/e2e/browser";
import { measureGradeRoundTrips } from "./support/grade-round-trips";
import { startBenchServer } from "./support/server";
import { report, timeMs } from "./support/stats";

const server = await startBenchServer();
let allMet = true;
try {
  const first = await fetch(`${server.baseUrl}/`);
  const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
  const get = (path: string) => async () => {
    const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    await response.text();
  };
  for (const [name, path] of [
    ["home page server render", "/"],
    ["study page server render", "/study/control-plane"],
  ] as const) {
    for (let i = 0; i < 20; i++) await get(path)(); // warm up
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) samples.push(await timeMs(get(path)));
    allMet = report(name, samples, 50) && allMet;
  }

  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  // A new learner may start 20 new cards a day; the benchmark grades more, so it raises the limit as a learner would.
  await page.goto(`${server.baseUrl}/settings`);
  await page.getByLabel("New cards per day").fill("500");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Saved.").waitFor();
  const samples = await measureGradeRoundTrips(page, server.baseUrl, ["control-plane", "corrections", "workloads"], 50);
  allMet = report("grading round trip (Chromium)", samples, 30) && allMet;
  await browser.close();
} finally {
  await server.stop();
}
process.exit(allMet ? 0 : 1);

// Issue 2 targets, against `next start` with the seeded database: home and study page server
// render p50 < 50 ms; grading round trip (click → next card on screen, in Chromium) p50 < 30 ms.
import { chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../tests/e2e/browser";
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
  for (const [name, path] of [["home page server render", "/"], ["study page server render", "/study/control-plane"]] as const) {
    for (let i = 0; i < 20; i++) await get(path)(); // warm up
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) samples.push(await timeMs(get(path)));
    allMet = report(name, samples, 50) && allMet;
  }

  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/study/control-plane`);
  const samples: number[] = [];
  for (let i = 0; i < 60; i++) {
    await page.getByRole("button", { name: "Show answer" }).click();
    // Measured inside the page: from the click on "Again" to the next card's button on screen.
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const grade = document.querySelector<HTMLButtonElement>('button[name="rating"][value="1"]')!;
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if ([...document.querySelectorAll("button")].some((b) => b.textContent?.startsWith("Show answer"))) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
          grade.click();
        }),
    );
    if (i >= 10) samples.push(ms); // the first grades warm up the server and the page
  }
  allMet = report("grading round trip (Chromium)", samples, 30) && allMet;
  await browser.close();
} finally {
  await server.stop();
}
process.exit(allMet ? 0 : 1);

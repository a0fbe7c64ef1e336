import type { Page } from "playwright-core";

const revealName = /^(Show answer|Check answer|Check my prediction)/;

/**
 * Grades `count` cards Good in the browser, measuring each round trip inside the page: from the
 * click on the grade to the next card (or "Done for today") on screen. Answers checked questions
 * first (any choice), and moves on through `deckIds` when a deck is done. The first `warmUp`
 * grades are not counted.
 */
export async function measureGradeRoundTrips(
  page: Page,
  baseUrl: string,
  deckIds: string[],
  count: number,
  warmUp = 10,
): Promise<number[]> {
  let deck = 0;
  await page.goto(`${baseUrl}/study/${deckIds[deck]}`);
  const samples: number[] = [];
  for (let i = 0; i < count + warmUp; i++) {
    while (await page.getByRole("heading", { name: "Done for today" }).isVisible()) {
      if (++deck >= deckIds.length) throw new Error(`every deck is done after ${i} grades`);
      await page.goto(`${baseUrl}/study/${deckIds[deck]}`);
    }
    const choices = page.getByRole("article").getByRole("radio").or(page.getByRole("article").getByRole("checkbox"));
    if (await choices.count()) await choices.first().check();
    await page.getByRole("button", { name: revealName }).click();
    await page.getByRole("button", { name: /^Good, next review in/ }).waitFor();
    const ms = await page.evaluate(
      (pattern) =>
        new Promise<number>((resolve) => {
          const reveal = new RegExp(pattern);
          const grade = document.querySelector<HTMLButtonElement>('button[name="rating"][value="3"]')!;
          const shown = document.querySelector("article .prose-card")!.textContent;
          const start = performance.now();
          const observer = new MutationObserver(() => {
            const next = document.querySelector("article .prose-card")?.textContent;
            const hasReveal = [...document.querySelectorAll("button")].some((b) => reveal.test(b.textContent ?? ""));
            const isDone = [...document.querySelectorAll("h2")].some((h) => h.textContent === "Done for today");
            if ((hasReveal && next !== shown) || isDone) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          setTimeout(() => resolve(-1), 10_000); // reported, not waited on forever
          grade.click();
        }),
      revealName.source,
    );
    if (ms < 0) throw new Error(`grade ${i}: the next card did not appear within 10 s`);
    if (i >= warmUp) samples.push(ms);
  }
  return samples;
}

import { expect, test, type Page } from "@playwright/test";
import { answerWithKeyboard, makeDueFirst } from "./study-helpers";

// Every page at phone and desktop width, light and dark, saved under screenshots/ to be looked
// at; each shot also asserts that nothing overflows the viewport sideways.
const widths = [375, 1280] as const;
const schemes = ["light", "dark"] as const;

async function shoot(page: Page, name: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} must not scroll sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

for (const width of widths) {
  for (const colorScheme of schemes) {
    test(`pages at ${width}px, ${colorScheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: width < 600 ? 800 : 900 });
      const suffix = `${width}-${colorScheme}`;

      await page.goto("/");
      await shoot(page, `home-${suffix}`);

      await page.goto("/study/control-plane");
      await expect(page.getByRole("button", { name: "Show answer" })).toBeVisible();
      await shoot(page, `study-question-${suffix}`);
      await page.getByRole("button", { name: "Show answer" }).click();
      await expect(page.getByRole("heading", { name: "Answer" })).toBeVisible();
      await shoot(page, `study-answer-${suffix}`);

      // On to the first checked question (multiple choice or ordering), before and after checking.
      await page.keyboard.press("3");
      while ((await answerWithKeyboard(page)) === "flashcard") await page.keyboard.press("3");
      await shoot(page, `study-checked-${suffix}`);

      await page.goto("/settings");
      await shoot(page, `settings-${suffix}`);

      await page.goto("/quiz");
      await shoot(page, `quiz-builder-${suffix}`);
      await page.getByRole("radio", { name: "Mock interview" }).check();
      await page.getByLabel("Questions").fill("2");
      await page.getByRole("button", { name: /^Start/ }).click();
      await expect(page.getByRole("timer")).toBeVisible();
      await shoot(page, `quiz-question-${suffix}`);
      for (let i = 0; i < 2; i++) {
        await page
          .getByLabel("Your answer", { exact: true })
          .fill("The API server is the only component that talks to etcd; replicas run behind a load balancer.");
        await page.getByRole("button", { name: "Submit answer" }).click();
        await expect(page.getByRole("group", { name: "Which key points did your answer cover?" })).toBeVisible();
        if (i === 0) await shoot(page, `quiz-ticks-${suffix}`);
        await page.getByRole("button", { name: "Next" }).click();
        await expect(page.getByRole("heading", { name: "The interviewer asks next" })).toBeVisible();
        if (i === 0) await shoot(page, `quiz-follow-up-${suffix}`);
        await page.getByRole("button", { name: "Skip" }).click();
        if (i === 0) await expect(page.getByRole("heading", { name: "Question 2 of 2" })).toBeVisible();
      }
      await expect(page).toHaveURL(/\/report$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/key points covered/);
      await shoot(page, `quiz-report-${suffix}`);

      await page.goto("/sim");
      await shoot(page, `sim-index-${suffix}`);
      await page.goto("/sim/etcd-quorum-loss?t=22500");
      // On a phone the Raft tab is in front and the cluster diagram waits behind its tab, drawn at the same moment.
      await expect(page.getByRole("img", { name: /^Cluster at 22\.5 s/, includeHidden: true })).toBeAttached();
      await expect(page.getByTestId("raft-ring")).toBeVisible();
      await shoot(page, `replay-${suffix}`);
      await page.goto("/sim/node-failure?t=400000");
      await shoot(page, `replay-node-failure-${suffix}`);
      await page.goto("/sim/control-plane-ha?t=60000");
      await shoot(page, `replay-ha-${suffix}`);
      await page.goto("/sim/etcd-quorum-loss?members=9");
      await shoot(page, `replay-bad-params-${suffix}`);
      await page.goto("/cards/etcd-down-what-happens");
      await shoot(page, `card-${suffix}`);

      await page.goto("/progress");
      await shoot(page, `progress-${suffix}`);

      await page.goto("/login");
      await shoot(page, `login-${suffix}`);

      await page.goto("/study/no-such-deck");
      await shoot(page, `not-found-${suffix}`);
    });
  }
}

for (const width of widths) {
  test(`a predict-then-replay card at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/study/control-plane");
    await makeDueFirst(page, "predict-pod-placement");
    await page.goto("/study/scheduling");
    await expect(page.getByRole("button", { name: /^Check my prediction/ })).toBeVisible();
    await page.getByRole("button", { name: /^Show a hint/ }).click();
    await shoot(page, `predict-question-${width}`);
    await page.getByRole("radio").first().check();
    await page.getByRole("button", { name: /^Check my prediction/ }).click();
    await expect(page.getByRole("heading", { name: "Answer" })).toBeVisible();
    await shoot(page, `predict-checked-${width}`);
  });
}

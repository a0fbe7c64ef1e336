import { expect, test } from "@playwright/test";

// Replays and imports run their heavy part in the worker pool (lib/pool): through the real
// `next start` server, the pool's worker threads answer, and a card over a structure cap is
// refused with a message naming it.

test("a replay of a seed no one has run yet is computed in the pool and plays", async ({ page }) => {
  await page.goto("/sim/etcd-quorum-loss?seed=424242");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("etcd loses members");
  await page.getByRole("slider", { name: "Playhead" }).focus();
  await page.keyboard.press("End");
  await expect(page.getByRole("img", { name: /^Cluster at / })).toBeVisible();
});

test("an import is rendered in the pool; a card nested 5,000 deep is refused by name", async ({ page }) => {
  const qa = (question: string, answer: string) =>
    `<details>\n<summary>${question}</summary>\n\n${answer}\n</details>\n`;
  const upload = async (name: string, text: string) => {
    await page.goto("/account");
    await page.getByLabel("File").setInputFiles({ name, mimeType: "text/plain", buffer: Buffer.from(text) });
    await page.getByRole("button", { name: "Import" }).click();
  };
  await upload("deep.md", `${qa("Fine?", "Yes.")}\n${qa("Deep?", `${"> ".repeat(5_000)}deep`)}`);
  const alert = page.getByRole("alert").filter({ hasText: "nothing was imported" });
  await expect(alert.getByRole("listitem")).toHaveText([
    new RegExp(
      /^line 7: The card at line 7 goes past a Markdown limit: in its back, /.source +
        /line 1 nests 5,000 levels deep .*the limit is 32\.$/.source,
    ),
  ]);

  await upload(
    "pool.md",
    `## Pool\n\n${qa("Where is Markdown rendered?", "In a **worker thread**:\n\n```yaml\nkind: Pod\n```")}`,
  );
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText("Imported 1 card");
  await page.getByRole("link", { name: "Study it now" }).click();
  await page.getByRole("button", { name: "Show answer" }).click();
  await expect(page.getByRole("article").locator("strong")).toHaveText("worker thread");
  await expect(page.getByRole("article").locator("pre.shiki")).toContainText("kind: Pod");
});

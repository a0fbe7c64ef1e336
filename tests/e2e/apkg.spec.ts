import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { unzipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { legacyPackage } from "@/tests/helpers/anki-package";
import { sampleCollection } from "@/tests/helpers/anki-sample";

test("upload an Anki .apkg: the deck arrives with its reviews due; download it back as an .apkg", async ({ page }) => {
  await page.goto("/account");
  await page.getByLabel("File").setInputFiles({
    name: "pods.apkg",
    mimeType: "application/octet-stream",
    buffer: Buffer.from(legacyPackage(sampleCollection())),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText(
    "Imported 5 cards into Kubernetes::Pods",
  );

  // Two notes never studied (the suspended reversed card waits), two cards Anki scheduled in January.
  await page.goto("/");
  const deck = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Kubernetes::Pods" }) });
  await expect(deck.getByLabel("Cards ready")).toContainText("2 new");
  await expect(deck.getByLabel("Cards ready")).toContainText("2 to review");
  await deck.getByRole("link", { name: /study/i }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kubernetes::Pods");

  await page.goto("/account");
  await page.getByLabel("Deck", { exact: true }).selectOption({ label: "Kubernetes::Pods" });
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download .apkg" }).click();
  const files = unzipSync(readFileSync((await (await download).path())!));
  const collection = new Database(Buffer.from(files["collection.anki2"]!), { readonly: true });
  expect(collection.prepare("SELECT COUNT(*) FROM cards").pluck().get()).toBe(5);
  expect(collection.prepare("SELECT ease FROM revlog ORDER BY id").pluck().all()).toEqual([3, 3, 3]);
  expect(collection.prepare("SELECT COUNT(*) FROM cards WHERE queue = 2").pluck().get()).toBe(2);
  collection.close();
});

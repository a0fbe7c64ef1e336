import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

const runImport = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
    encoding: "utf8",
    env: process.env,
  });

describe("npm run import", () => {
  it("imports a file into a new private deck of the account, and says how many cards", async () => {
    const user = await db.user.create({ data: { email: "cli-importer@example.com" } });
    const result = runImport(
      "tests/fixtures/import/devops-qa.md",
      "--user",
      "CLI-Importer@example.com",
      "--deck",
      "From the shell",
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/2 cards? imported/i);
    const deck = await db.deck.findFirstOrThrow({
      where: { ownerId: user.id },
      include: { cards: { orderBy: { position: "asc" } } },
    });
    expect(deck.title).toBe("From the shell");
    expect(deck.cards.map((card) => card.prompt)).toHaveLength(2);
    expect(deck.cards[0]!.answerHtml).toContain('<pre class="shiki');
  });

  it("refuses an unknown account with exit 2, and a broken file with exit 1, writing nothing", async () => {
    const decksBefore = await db.deck.count();
    const unknown = runImport("tests/fixtures/import/devops-qa.md", "--user", "nobody@example.com");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("There is no account with the email nobody@example.com; nothing was imported.");
    const broken = runImport("tests/fixtures/import/broken-quote.tsv", "--user", "cli-importer@example.com");
    expect(broken.status).toBe(1);
    expect(await db.deck.count()).toBe(decksBefore);
  });
});

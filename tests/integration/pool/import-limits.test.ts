// Imports through the real parser, worker pool and database: a card over a structure cap is
// refused before anything is rendered, and an import over the storage quota writes nothing.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importFile } from "@/lib/data/imports";
import { ensureGuestLearner } from "@/lib/data/learners";
import { saveImportedDeck } from "@/lib/data/save-imported-deck";
import { renderImportedCards, renderInProcess } from "@/lib/import/render-cards";
import type { ImportedCard } from "@/lib/import/types";
import { getHeavyPool } from "@/lib/pool/shared-pool";

const now = new Date("2026-03-02T10:00:00Z");
const encode = (text: string) => new TextEncoder().encode(text);
const qa = (question: string, answer: string) => `<details>\n<summary>${question}</summary>\n\n${answer}\n</details>\n`;
const ordinaryFile =
  `## Pods\n\n${qa("What is a Pod?", "The smallest **deployable** unit.\n\n- one\n- two")}\n` +
  `${qa("Who binds a Pod?", "The scheduler.")}`;

describe("importFile", () => {
  it(
    "refuses a card with blockquotes nested 5,000 deep " + "before any rendering, naming the card and the limit",
    async () => {
      const learnerId = "guest_" + "1".repeat(32);
      const file = `${ordinaryFile}\n${qa("Deep?", `${"> ".repeat(5_000)}deep`)}`;
      const completedBefore = getHeavyPool().stats().completed;
      const outcome = await importFile({ learnerId, fileName: "deep.md", bytes: encode(file), now });
      expect(outcome).toMatchObject({ ok: false, message: "The file has 1 problem; nothing was imported." });
      expect(!outcome.ok && outcome.errors).toEqual([
        {
          line: 18,
          message:
            "The card at line 18 goes past a Markdown limit: in its back, line 1 " +
            "nests 5,000 levels deep (blockquotes and lists); the limit is 32.",
        },
      ]);
      expect(getHeavyPool().stats().completed).toBe(completedBefore); // no render job ran
      expect(await db.deck.count({ where: { ownerId: learnerId } })).toBe(0);
    },
  );

  it("imports an ordinary file, rendered in the pool", async () => {
    const learnerId = "guest_" + "2".repeat(32);
    const completedBefore = getHeavyPool().stats().completed;
    const outcome = await importFile({ learnerId, fileName: "pods.md", bytes: encode(ordinaryFile), now });
    expect(outcome).toMatchObject({ ok: true, imported: 2 });
    expect(getHeavyPool().stats().completed).toBe(completedBefore + 1);
    const cards = await db.card.findMany({
      where: { deck: { ownerId: learnerId } },
      orderBy: { position: "asc" },
      select: { answerHtml: true },
    });
    expect(cards[0]!.answerHtml).toContain("<strong>deployable</strong>");
  });
});

describe("saveImportedDeck", () => {
  it("refuses an import over the learner's storage quota and writes nothing", async () => {
    const learnerId = "guest_" + "3".repeat(32);
    await ensureGuestLearner(learnerId);
    const card = (front: string): ImportedCard => ({
      line: 1,
      front,
      back: "An answer.",
      format: "markdown",
      tags: [],
    });
    const first = await renderImportedCards([card("First question?")], renderInProcess);
    const second = await renderImportedCards([card("Second question, which does not fit?")], renderInProcess);
    if (!first.ok || !second.ok) throw new Error("render failed");
    const quotaBytes = 120;
    const deck = (cards: typeof first.cards) => ({
      ownerId: learnerId,
      deckName: "Mine",
      description: "test",
      cards,
      quotaBytes,
    });
    expect(await saveImportedDeck(db, deck(first.cards))).toMatchObject({ ok: true, imported: 1 });
    const used = await db.card.count({ where: { deck: { ownerId: learnerId } } });
    expect(await saveImportedDeck(db, deck(second.cards))).toEqual({
      ok: false,
      message: expect.stringMatching(
        new RegExp(
          /^This import needs 0\.0 MB and your imported decks already use 0\.0 MB of your 0\.0 MB storage quota; /
            .source + /nothing was imported\./.source,
        ),
      ),
    });
    expect(await db.card.count({ where: { deck: { ownerId: learnerId } } })).toBe(used);
    expect(await db.deck.count({ where: { ownerId: learnerId } })).toBe(1);
  });
});

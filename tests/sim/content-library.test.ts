// Issue 8's checks on the content itself: its shape, stable ids, well-formed links, and that every
// replay a card names exists, takes the card's params, and proves its claims.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { generate, runScenario } from "@/lib/sim";

const content = loadContent();
const lockedIds = readFileSync("content/ids.txt", "utf8").split("\n").filter(Boolean);

describe("the content library", () => {
  it("has at least 150 cards in at least 8 decks, with every question type", () => {
    expect(content.cards.length).toBeGreaterThanOrEqual(150);
    expect(content.decks.length).toBeGreaterThanOrEqual(8);
    expect(new Set(content.cards.map((card) => card.type))).toEqual(new Set(["flashcard", "multiple-choice", "ordering", "predict"]));
  });

  it("backs at least 40% of its cards with a replay scenario or a question generator", () => {
    const backed = content.cards.filter((card) => card.scenario || card.type === "predict");
    expect(backed.length / content.cards.length).toBeGreaterThanOrEqual(0.4);
  });

  it("keeps every id it ever used: new ids are added to content/ids.txt, and none disappears from it", () => {
    const ids = content.cards.map((card) => card.id);
    expect(ids.filter((id) => !lockedIds.includes(id)), "ids missing from content/ids.txt: add them (never rename an id)").toEqual([]);
    expect(new Set(lockedIds).size).toBe(lockedIds.length);
  });

  it("links only to well-formed https URLs, in front matter and in the text", () => {
    const bad: string[] = [];
    for (const card of content.cards) {
      for (const [, url] of `${card.front}\n${card.back}`.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!/^https:\/\/[^/\s]+\.[^/\s]+/.test(url!) || !URL.canParse(url!)) bad.push(`${card.file}: ${url}`);
      }
      for (const source of card.sources) if (!URL.canParse(source)) bad.push(`${card.file}: ${source}`);
    }
    expect(bad).toEqual([]);
  });
});

describe("replay-backed cards", () => {
  const backed = content.cards.filter((card) => card.scenario);
  it.each(backed.map((card) => [card.id, card] as const))("%s: its replay proves every claim", (_id, card) => {
    const trace = runScenario(card.scenario!, card.params ?? {}, 1);
    const failed = trace.claims.filter((claim) => !claim.passed).map((claim) => `${claim.id}: ${claim.detail}`);
    expect(failed, `reproduce: npm run sim -- run ${card.scenario} ${Object.entries(card.params ?? {}).map(([k, v]) => `--${k} ${v}`).join(" ")}`).toEqual([]);
  });

  it.each(content.cards.filter((card) => card.type === "predict").map((card) => [card.id, card] as const))("%s: its generator draws a question", (_id, card) => {
    if (card.type !== "predict") throw new Error("unreachable");
    const question = generate(card.generator, 1);
    expect(question.choices.map((choice) => choice.id)).toContain(question.answer);
  });
});

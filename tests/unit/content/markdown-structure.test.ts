import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { checkMarkdownStructure, markdownLimits } from "@/lib/content/markdown-structure";

describe("checkMarkdownStructure", () => {
  it("accepts every card Quorum ships and an ordinary imported file", () => {
    const texts = loadContent().cards.flatMap((card) => [card.front, card.back]);
    texts.push(readFileSync("tests/fixtures/import/devops-qa.md", "utf8"));
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.map(checkMarkdownStructure).filter((check) => !check.ok)).toEqual([]);
  });

  it("refuses blockquotes nested 5,000 deep, naming the line and the limit", () => {
    expect(checkMarkdownStructure(`Intro\n\n${"> ".repeat(5_000)}deep`)).toEqual({
      ok: false,
      message:
        "line 3 nests 5,000 levels deep (blockquotes and lists); " + `the limit is ${markdownLimits.nestingDepthMax}.`,
    });
    expect(checkMarkdownStructure(">".repeat(40))).toMatchObject({
      ok: false,
      message: expect.stringContaining("nests 40 levels"),
    });
  });

  it("counts lists nested by markers or by indentation, and list items", () => {
    const nested = Array.from({ length: 40 }, (_, level) => `${"  ".repeat(level)}- level ${level}`).join("\n");
    expect(checkMarkdownStructure(nested)).toMatchObject({
      ok: false,
      message: expect.stringContaining("line 33 nests 33 levels"),
    });
    expect(checkMarkdownStructure("- ".repeat(40) + "x")).toMatchObject({ ok: false });
    const items = Array.from({ length: markdownLimits.listItemsMax + 1 }, (_, i) => `- item ${i}`).join("\n");
    expect(checkMarkdownStructure(items)).toEqual({
      ok: false,
      message: "it has more than 1,000 list items, the limit.",
    });
  });

  it("refuses a line over the length cap, and does not count code in fences as structure", () => {
    expect(checkMarkdownStructure("x".repeat(markdownLimits.lineCharsMax + 1))).toEqual({
      ok: false,
      message: "line 1 is 10,001 characters long; the limit is 10,000.",
    });
    const quotedCode = "```\n" + `${"> ".repeat(100)}not a quote\n`.repeat(3) + "```\nafter";
    expect(checkMarkdownStructure(quotedCode)).toEqual({ ok: true });
  });
});

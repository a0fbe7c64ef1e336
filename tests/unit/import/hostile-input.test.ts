import { describe, expect, it } from "vitest";
import { parseAnkiText } from "@/lib/import/parse-anki-text";
import { parseMarkdownQa } from "@/lib/import/parse-markdown-qa";

// Uploads are untrusted: each input here made an earlier version backtrack for minutes or
// overflow the stack. The bounds are generous (a 2-core CI machine) yet far below the old times.

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

const block = "<details><summary>q</summary>a</details>\n";

describe("hostile input stays fast and bounded", () => {
  it("reads a heading line of 40,000 spaces and words", () => {
    const { result, ms } = timed(() => parseMarkdownQa(`# ${" a".repeat(20_000)}${" ".repeat(20_000)}b\n${block}`));
    expect(result.cards).toHaveLength(1);
    expect(result.cards[0]!.tags[0]!.length).toBeLessThanOrEqual(100);
    expect(ms).toBeLessThan(3_000);
  });

  it("reads answers full of unclosed <summary>, <details and backtick runs", () => {
    const answers = [
      "<summary>x".repeat(50_000),
      "<details x".repeat(50_000),
      "`a``".repeat(50_000),
      '<a href="https://x.test"'.repeat(20_000),
    ];
    for (const answer of answers) {
      const { result, ms } = timed(() => parseMarkdownQa(`<details><summary>q</summary>${answer}</details>`));
      expect(result.errors.length + result.cards.length).toBeGreaterThan(0);
      expect(ms).toBeLessThan(3_000);
    }
  });

  it("reads 100,000 headings and 50,000 blocks", () => {
    const { result, ms } = timed(() => parseMarkdownQa(`${"## h\n".repeat(100_000)}${block.repeat(50_000)}`));
    expect(result.cards).toHaveLength(50_000);
    expect(ms).toBeLessThan(5_000);
  });

  it("reads Anki fields full of unclosed clozes, [sound: and links that nest", () => {
    const fields = [
      "{{c1::".repeat(3_000),
      "[sound:".repeat(10_000),
      `<a href="javascript:x">${"<b>x</b>".repeat(2_000)}</a>`,
    ];
    for (const field of fields) {
      const { result, ms } = timed(() => parseAnkiText(`#html:true\nq\t${field}\n`));
      expect(result.cards.length + result.errors.length).toBe(1);
      expect(ms).toBeLessThan(3_000);
    }
  });
});

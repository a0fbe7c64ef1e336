import { describe, expect, it } from "vitest";
import { validatedResult } from "@/lib/import/card-schema";
import { detectImportFormat } from "@/lib/import/detect-format";
import { checkImportSize, importBytesMax, importCardsMax } from "@/lib/import/limits";
import { parseImportFile } from "@/lib/import/parse-import";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("checkImportSize", () => {
  it("accepts up to 5 MB and 10,000 cards, and says which limit was hit", () => {
    expect(checkImportSize(importBytesMax, importCardsMax)).toEqual({ ok: true });
    expect(checkImportSize(importBytesMax + 1, 0)).toEqual({
      ok: false,
      message: "The file is 5.0 MB; the limit is 5.0 MB. Split it into smaller files.",
    });
    expect(checkImportSize(6 * 1024 * 1024, 0)).toMatchObject({
      ok: false,
      message: expect.stringContaining("6.0 MB"),
    });
    expect(checkImportSize(100, importCardsMax + 1)).toEqual({
      ok: false,
      message: "The file has 10,001 cards; the limit is 10,000 per import. Split it into smaller files.",
    });
  });
});

describe("validatedResult", () => {
  it("keeps the cards that pass, with one error per broken rule and the parser's own, in line order", () => {
    const card = { line: 7, front: " ", back: "b", format: "html" as const, tags: ["ok", "has space", ""] };
    const parserErrors = [
      { line: 9, message: "An unclosed quote." },
      { line: 2, message: "An unknown column." },
    ];
    const parsed = { cards: [card, { ...card, line: 8, front: "f", tags: [] }], skipped: [], errors: parserErrors };
    const { cards, errors } = validatedResult(parsed, { format: "anki", tags: [], ignoredHeaders: [] });
    expect(cards.map((c) => c.line)).toEqual([8]);
    expect(errors).toEqual([
      { line: 2, message: "An unknown column." },
      { line: 7, message: "The front is empty." },
      { line: 7, message: "A tag contains a space." },
      { line: 7, message: "A tag is empty." },
      { line: 9, message: "An unclosed quote." },
    ]);
  });
});

describe("detectImportFormat", () => {
  it("trusts unambiguous extensions and looks inside .txt and unknown files", () => {
    expect(detectImportFormat("deck.md", "a\tb")).toBe("markdown");
    expect(detectImportFormat("deck.CSV", "<details><summary>x</summary></details>")).toBe("anki");
    expect(detectImportFormat("export.txt", "#separator:tab\nq\ta")).toBe("anki");
    expect(detectImportFormat("notes.txt", "<details>\n<summary>Q</summary>A</details>")).toBe("markdown");
    expect(detectImportFormat("noext", "q,a")).toBe("anki");
  });
});

describe("parseImportFile", () => {
  it("parses bytes with the detected parser", () => {
    expect(parseImportFile({ bytes: utf8("q\ta\n"), fileName: "x.tsv" }).cards).toHaveLength(1);
    expect(
      parseImportFile({ bytes: utf8("<details><summary>Q</summary>A</details>"), fileName: "x.md" }).meta.format,
    ).toBe("markdown");
    expect(
      parseImportFile({ bytes: utf8("<details><summary>Q</summary>A</details>"), fileName: "x.md", format: "anki" })
        .meta.format,
    ).toBe("anki");
  });

  it("refuses a file over the byte limit without parsing it", () => {
    const result = parseImportFile({ bytes: new Uint8Array(importBytesMax + 1), fileName: "big.txt" });
    expect(result.cards).toEqual([]);
    expect(result.errors).toEqual([{ line: 0, message: expect.stringContaining("the limit is 5.0 MB") }]);
  });

  it("refuses more than 10,000 cards and keeps none of them", () => {
    const text = Array.from({ length: importCardsMax + 1 }, (_, i) => `q${i}\ta${i}`).join("\n");
    const result = parseImportFile({ bytes: utf8(text), fileName: "many.tsv" });
    expect(result.cards).toEqual([]);
    expect(result.errors[0]).toEqual({ line: 0, message: expect.stringContaining("10,001 cards") });
  });

  it("refuses bytes that are not UTF-8 and strips a UTF-8 BOM", () => {
    expect(parseImportFile({ bytes: new Uint8Array([0x71, 0x09, 0xff, 0x0a]), fileName: "latin.txt" }).errors).toEqual([
      { line: 0, message: expect.stringContaining("not UTF-8") },
    ]);
    const bom = parseImportFile({
      bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("#separator:tab\nq\ta\n")]),
      fileName: "bom.txt",
    });
    expect(bom.meta.separatorSource).toBe("header");
    expect(bom.cards[0]!.front).toBe("q");
  });
});

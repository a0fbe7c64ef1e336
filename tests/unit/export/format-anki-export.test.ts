import { describe, expect, it } from "vitest";
import { formatAnkiExport, type ExportCard } from "@/lib/export/format-anki-export";
import { isBlankHtml } from "@/lib/import/anki-field";
import { parseAnkiText } from "@/lib/import/parse-anki-text";
import { sanitizeCardHtml } from "@/lib/security/sanitize-card-html";
import { prng } from "@/tests/helpers/prng";

const card: ExportCard = {
  guid: "q-etcd-1",
  deck: "Quorum::Kubernetes::etcd",
  frontHtml: "How many members tolerate <b>one</b> failure?",
  backHtml: "<p>Three.</p>",
  tags: ["k8s", "etcd::quorum"],
};

describe("formatAnkiExport", () => {
  it("writes Anki's note-export header and one tab-separated row per card", () => {
    expect(formatAnkiExport([card])).toBe(
      [
        "#separator:tab",
        "#html:true",
        "#guid column:1",
        "#notetype column:2",
        "#deck column:3",
        "#tags column:6",
        "q-etcd-1\tBasic\tQuorum::Kubernetes::etcd\tHow many members " +
          "tolerate <b>one</b> failure?\t<p>Three.</p>\tk8s etcd::quorum",
        "",
      ].join("\n"),
    );
  });

  it("quotes fields with tabs, newlines or quotes, and a GUID starting with #", () => {
    const row = formatAnkiExport([
      {
        guid: "#a1",
        deck: "D",
        frontHtml: 'say "hi"',
        backHtml: "col\tumn\n<pre>x</pre>",
        tags: ["two words", " ", "t"],
      },
    ])
      .split("\n")
      .slice(6)
      .join("\n");
    expect(row).toBe('"#a1"\tBasic\tD\t"say ""hi"""\t"col\tumn\n<pre>x</pre>"\ttwo_words t\n');
  });

  it("writes only the header for no cards", () => {
    expect(formatAnkiExport([]).split("\n")).toHaveLength(7);
  });
});

const pieces = [
  "pod",
  " ",
  "\t",
  "\n",
  "\r\n",
  '"',
  '""',
  ",",
  ";",
  "#",
  "<b>",
  "</b>",
  "&",
  "<",
  ">",
  "<br>",
  "<script>x()</script>",
  '<a href="https://k8s.io">k</a>',
  "<pre>\n  y: 1</pre>",
  "é",
  "😀",
  "{{c1::hidden}}",
  '<div onclick="x">d</div>',
  "&nbsp;",
];
const guidChars = "abcXYZ019!#$%&()*+,-./:;<=>?@[]^_`{|}~";

function randomText(rand: (n: number) => number, parts: string[], count: number): string {
  return Array.from({ length: count }, () => parts[rand(parts.length)]!).join("");
}

/** What a card's HTML becomes once it has been through the importer: sanitised and trimmed. */
function canonicalHtml(raw: string): string {
  const html = sanitizeCardHtml(raw).trim();
  return isBlankHtml(html) ? "text" : html;
}

function randomCard(rand: (n: number) => number): ExportCard {
  return {
    guid: randomText(rand, [...guidChars], 1 + rand(10)),
    deck: [
      "Quorum",
      ...Array.from({ length: rand(3) }, () => `L${randomText(rand, ["a", "b", " ", "é", "-"], 1 + rand(4))}x`),
    ].join("::"),
    frontHtml: canonicalHtml(randomText(rand, pieces, 1 + rand(12))),
    backHtml: canonicalHtml(randomText(rand, pieces, 1 + rand(20))),
    tags: Array.from({ length: rand(4) }, () => `t${randomText(rand, ["k8s", "::", "é", "-", "_", "1"], 1 + rand(3))}`),
  };
}

describe("Anki export → parseAnkiText round trip", () => {
  it("gives back the same cards over 200 random decks (seeds 1–200)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = prng(seed);
      const cards = Array.from({ length: 1 + rand(6) }, () => randomCard(rand));
      const { cards: imported, errors, skipped } = parseAnkiText(formatAnkiExport(cards));
      expect({ seed, errors, skipped }).toEqual({ seed, errors: [], skipped: [] });
      let line = 7;
      const expected = cards.map((c) => {
        const row = {
          line,
          guid: c.guid,
          deck: c.deck,
          front: c.frontHtml,
          back: c.backHtml,
          format: "html",
          tags: [...new Set(c.tags)],
        };
        line += [c.guid, c.deck, c.frontHtml, c.backHtml].join("").split("\n").length;
        return row;
      });
      expect({ seed, imported }).toEqual({ seed, imported: expected });
    }
  });
});
